"""Scoped invalidation and stampede protection of the anonymous page cache (issue 17)."""

import pytest

from django.core.cache import cache

from commitments.services import progress_add
from integrity.core import page_cache
from integrity.core.events import record_event
from tests.commitments.factories import PublishedCommitmentFactory
from tests.factories import TownshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()


def cached(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.get("X-Page-Cache", "miss")


def test_a_commitment_edit_leaves_other_units_cached_pages_cached(
    client, county, township, django_capture_on_commit_callbacks
):
    other = TownshipFactory(name="石门镇", parent=county)
    mine = PublishedCommitmentFactory(organisation=township, title="老旧小区停车难整治")
    theirs = PublishedCommitmentFactory(organisation=other, title="农村道路硬化")
    pages = {
        "my list": f"/commitments/org/{township.pk}/",
        "my detail": mine.get_absolute_url(),
        "their list": f"/commitments/org/{other.pk}/",
        "their detail": theirs.get_absolute_url(),
    }
    for url in pages.values():
        client.get(url)
        assert cached(client, url) == "hit"

    with django_capture_on_commit_callbacks(execute=True):
        progress_add(commitment=mine, by=None, text="新增停车位三百个")

    assert cached(client, pages["their list"]) == "hit"
    assert cached(client, pages["their detail"]) == "hit"
    assert cached(client, pages["my list"]) == "miss"
    detail = client.get(pages["my detail"])
    assert "X-Page-Cache" not in detail and "新增停车位三百个" in detail.content.decode()


def test_pages_of_no_scope_follow_every_change_and_an_organisation_change_refreshes_all(
    client, county, township, django_capture_on_commit_callbacks
):
    other = TownshipFactory(name="石门镇", parent=county)
    commitment = PublishedCommitmentFactory(organisation=township)
    index, their_list = "/commitments/", f"/commitments/org/{other.pk}/"
    for url in (index, their_list):
        client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(type="commitment.changed", obj=commitment)
    assert cached(client, index) == "miss"  # depends on every change (DATA)
    assert cached(client, their_list) == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        record_event(type="organisation.changed", obj=township)
    assert cached(client, their_list) == "miss"  # names and the tree show everywhere


def test_while_one_request_renders_a_stale_page_the_others_get_the_stale_copy(
    client, township, django_capture_on_commit_callbacks
):
    url = f"/commitments/org/{township.pk}/"
    client.get(url)
    with django_capture_on_commit_callbacks(execute=True):
        record_event(
            type="commitment.changed", obj=PublishedCommitmentFactory(organisation=township)
        )
    key = f"public-page:{page_cache.timezone.localdate().isoformat()}:zh-hans:{url}"
    assert cache.get(key) is not None
    cache.add(f"{key}:rendering", 1)  # another worker is rendering it right now
    response = client.get(url)
    assert response["X-Page-Cache"] == "stale"
    cache.delete(f"{key}:rendering")
    assert cached(client, url) == "miss"  # rendered afresh once the lock is free
    assert cached(client, url) == "hit"


def test_a_missing_page_waits_for_the_rendering_request_then_renders_itself(
    client, township, monkeypatch
):
    monkeypatch.setattr(page_cache, "WAIT_SECONDS", 0.1)
    url = f"/commitments/org/{township.pk}/"
    key = f"public-page:{page_cache.timezone.localdate().isoformat()}:zh-hans:{url}"
    cache.add(f"{key}:rendering", 1)
    assert cached(client, url) == "miss"  # nobody stored it in time: rendered here
    assert cache.get(f"{key}:rendering") == 1  # another request's lock is left alone
