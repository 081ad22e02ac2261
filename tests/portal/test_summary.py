"""Home figures from summary rows (issue 17): the rows stay equal to counting the
commitments whatever writes them — services, bulk inserts (COPY on PostgreSQL),
``QuerySet.update`` and deletes — and the figures read them."""

import datetime

import pytest

from commitments.models import Commitment
from commitments.services import commitment_break
from integrity.core import bulk
from portal import figures
from portal.summary import (
    CommitmentSummary,
    overdue_count,
    published_count,
    status_counts,
    summary_rebuild,
)
from tests.commitments.factories import (
    CommitmentFactory,
    OverdueCommitmentFactory,
    PublishedCommitmentFactory,
)

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 6, 1)


def counted() -> tuple[int, int, dict]:
    published = Commitment.objects.published()
    by_status = {}
    for status in published.values_list("status", flat=True):
        by_status[status] = by_status.get(status, 0) + 1
    return published.count(), published.overdue(on=TODAY).count(), by_status


def summarised() -> tuple[int, int, dict]:
    return published_count(), overdue_count(TODAY), status_counts()


def test_the_summary_follows_every_write_path(township, monkeypatch):
    PublishedCommitmentFactory.create_batch(3, organisation=township)
    overdue = OverdueCommitmentFactory(organisation=township)
    CommitmentFactory(organisation=township)  # a draft: never counted
    assert summarised() == counted() and published_count() == 4 and overdue_count(TODAY) == 1

    commitment_break(commitment=overdue, by=None, note="资金未落实")  # a service
    assert summarised() == counted() and overdue_count(TODAY) == 0

    monkeypatch.setattr(bulk, "COPY_MIN", 1)  # the COPY path on PostgreSQL
    bulk.insert_dicts(
        Commitment,
        [
            {
                "organisation_id": township.pk,
                "kind": "time_limit",
                "title": f"导入{i}",
                "deadline": datetime.date(2026, 1, i + 1),
                "status": "published",
            }
            for i in range(5)
        ],  # fmt: skip
    )
    assert summarised() == counted() and overdue_count(TODAY) == 5

    Commitment.objects.filter(title__startswith="导入").update(status="fulfilled")
    assert summarised() == counted() and overdue_count(TODAY) == 0
    Commitment.objects.filter(title__startswith="导入0").update(is_public=False)
    Commitment.objects.filter(title__in=["导入1", "导入2"]).delete()
    assert summarised() == counted()
    before = sorted(
        CommitmentSummary.objects.filter(n__gt=0).values_list("status", "deadline", "n")
    )
    summary_rebuild()
    assert sorted(CommitmentSummary.objects.values_list("status", "deadline", "n")) == before


def test_the_home_figures_read_the_summary(township, django_assert_max_num_queries):
    PublishedCommitmentFactory.create_batch(2, organisation=township)
    OverdueCommitmentFactory(organisation=township)
    with django_assert_max_num_queries(1):
        figure = figures.published_commitments()
    assert figure.value == 3
    assert figures.overdue_commitments().value == Commitment.objects.published().overdue().count()
