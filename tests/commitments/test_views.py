import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from commitments.models import ProgressUpdate
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory

pytestmark = pytest.mark.django_db


def test_list_shows_only_published_commitments_of_that_organisation(
    client, township, other_township
):
    PublishedCommitmentFactory(organisation=township, title="公开承诺甲")
    CommitmentFactory(organisation=township, title="本镇草稿")
    CommitmentFactory(organisation=township, title="本镇待审", status="submitted")
    PublishedCommitmentFactory(organisation=township, title="不公开", is_public=False)
    PublishedCommitmentFactory(organisation=other_township, title="他镇公开")
    response = client.get(reverse("commitments:list", args=[township.pk]))
    assert response.status_code == 200
    assert "公开承诺甲" in response.text
    for hidden in ("本镇草稿", "本镇待审", "不公开", "他镇公开"):
        assert hidden not in response.text


def test_list_marks_overdue_and_broken_plainly(client, township):
    PublishedCommitmentFactory(organisation=township, deadline=datetime.date(2020, 1, 1))
    PublishedCommitmentFactory(organisation=township, status="broken")
    text = client.get(reverse("commitments:list", args=[township.pk])).text
    assert "已逾期" in text and "违诺" in text


def test_list_filters_by_status_and_kind(client, township):
    PublishedCommitmentFactory(organisation=township, title="民生甲", kind="livelihood")
    PublishedCommitmentFactory(organisation=township, title="期限乙", kind="time_limit")
    text = client.get(reverse("commitments:list", args=[township.pk]) + "?kind=livelihood").text
    assert "民生甲" in text and "期限乙" not in text


def _queries_for_list(client, township) -> int:
    url = reverse("commitments:list", args=[township.pk])
    client.get(url)  # warm caches (site settings, content types)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def test_list_uses_a_constant_number_of_queries(client, township):
    def add(n):
        for _ in range(n):
            c = PublishedCommitmentFactory(organisation=township)
            ProgressUpdate.objects.create(
                commitment=c, reported_on=datetime.date(2026, 1, 1), text="进展"
            )

    add(2)
    few = _queries_for_list(client, township)
    add(20)
    assert _queries_for_list(client, township) == few


def test_detail_of_a_draft_is_not_found(client, operator, township):
    draft = CommitmentFactory(organisation=township)
    assert client.get(reverse("commitments:detail", args=[draft.pk])).status_code == 404
    client.force_login(operator)  # even for its own operator: the portal is public only
    assert client.get(reverse("commitments:detail", args=[draft.pk])).status_code == 404


def test_detail_shows_original_and_changed_deadline(client, township):
    c = PublishedCommitmentFactory(
        organisation=township,
        deadline=datetime.date(2026, 12, 31),
        original_deadline=datetime.date(2026, 6, 30),
        change_count=1,
    )
    text = client.get(reverse("commitments:detail", args=[c.pk])).text
    assert "2026年6月30日" in text and "2026年12月31日" in text


def test_index_lists_organisations_with_published_commitments(client, township, other_township):
    PublishedCommitmentFactory(organisation=township)
    CommitmentFactory(organisation=other_township)
    text = client.get(reverse("commitments:index")).text
    assert "石桥镇" in text and "白沙镇" not in text
