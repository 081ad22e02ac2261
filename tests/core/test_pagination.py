"""The paginator of large public lists: exact counts, cached only for large sets."""

import pytest

from django.core.cache import cache

from integrity.core.models import Organisation
from integrity.core.page_cache import bump_generation
from integrity.core.pagination import CachedCountPaginator
from tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def rows():
    return Organisation.objects.order_by("pk")


def test_small_sets_are_counted_on_every_request(county):
    assert CachedCountPaginator(rows(), 10).count == Organisation.objects.count()
    TownshipFactory(parent=county)
    assert CachedCountPaginator(rows(), 10).count == Organisation.objects.count()


def test_large_counts_are_kept_until_the_next_recorded_change(county, monkeypatch):
    monkeypatch.setattr(CachedCountPaginator, "threshold", 1)
    counted = CachedCountPaginator(rows(), 10).count
    TownshipFactory(parent=county)  # its event's on-commit bump never runs in this test
    assert CachedCountPaginator(rows(), 10).count == counted
    bump_generation()  # what every recorded change and page publication does on commit
    assert CachedCountPaginator(rows(), 10).count == counted + 1


def test_a_recorded_change_refreshes_the_count(
    county, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(CachedCountPaginator, "threshold", 1)
    counted = CachedCountPaginator(rows(), 10).count
    with django_capture_on_commit_callbacks(execute=True):
        TownshipFactory(parent=county)  # organisation_create records an event
    assert CachedCountPaginator(rows(), 10).count == counted + 1


def test_lists_that_are_not_querysets_are_counted_directly():
    assert CachedCountPaginator(list(range(25)), 10).num_pages == 3
