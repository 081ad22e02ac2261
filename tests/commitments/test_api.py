import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.models import Commitment, ProgressUpdate
from tests.commitments.factories import CommitmentFactory, PublishedCommitmentFactory
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db
PUBLIC = "/api/v1/public/commitments/"
PRIVATE = "/api/v1/commitments/"


def test_anonymous_reads_only_published_commitments_with_progress(client, township):
    c = PublishedCommitmentFactory(organisation=township, title="公开承诺")
    ProgressUpdate.objects.create(commitment=c, reported_on=datetime.date(2026, 2, 1), text="开工")
    CommitmentFactory(organisation=township, title="草稿")
    data = client.get(PUBLIC).json()
    rows = data["results"] if isinstance(data, dict) else data
    assert [r["title"] for r in rows] == ["公开承诺"]
    assert rows[0]["progress"][0]["text"] == "开工"
    draft = Commitment.objects.get(title="草稿")
    assert client.get(f"{PUBLIC}{draft.pk}/").status_code == 404


def test_public_list_queries_do_not_grow_with_rows(client, township):
    PublishedCommitmentFactory(organisation=township)
    client.get(PUBLIC)
    with CaptureQueriesContext(connection) as few:
        client.get(PUBLIC)
    for _ in range(10):
        PublishedCommitmentFactory(organisation=township)
    with CaptureQueriesContext(connection) as many:
        client.get(PUBLIC)
    assert len(many) == len(few)


def test_anonymous_cannot_use_the_private_api(client, township):
    c = CommitmentFactory(organisation=township)
    assert client.get(PRIVATE).status_code in (401, 403)
    assert client.post(f"{PRIVATE}{c.pk}/submit/").status_code in (401, 403)


def test_operator_sees_and_changes_only_own_township(client, operator, township, other_township):
    mine = CommitmentFactory(organisation=township, title="本镇")
    theirs = CommitmentFactory(organisation=other_township, title="他镇")
    client.force_login(operator)
    titles = [
        r["title"]
        for r in (lambda d: d["results"] if isinstance(d, dict) else d)(client.get(PRIVATE).json())
    ]
    assert titles == ["本镇"]
    assert client.get(f"{PRIVATE}{theirs.pk}/").status_code == 404
    assert (
        client.patch(
            f"{PRIVATE}{theirs.pk}/", {"title": "改"}, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.post(f"{PRIVATE}{theirs.pk}/submit/").status_code == 404
    response = client.post(
        PRIVATE,
        {
            "organisation": other_township.pk,
            "kind": "time_limit",
            "title": "越权",
            "deadline": "2026-12-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.post(f"{PRIVATE}{mine.pk}/submit/").status_code == 200


def test_operator_creates_through_the_service_and_leader_publishes(client, operator, township):
    client.force_login(operator)
    response = client.post(
        PRIVATE,
        {
            "organisation": township.pk,
            "kind": "livelihood",
            "title": "新建公厕",
            "deadline": "2026-12-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    assert client.post(f"{PRIVATE}{pk}/publish/").status_code == 403
    client.force_login(LeaderFactory(username="ld", organisation=township))
    assert client.post(f"{PRIVATE}{pk}/publish/").json()["status"] == "published"
    published = Commitment.objects.get(pk=pk)
    assert published.original_deadline == datetime.date(2026, 12, 31)
