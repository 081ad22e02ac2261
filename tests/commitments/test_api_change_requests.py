"""API: change requests to a published deadline or target, decided by the unit leader."""

import datetime

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments import services
from commitments.models import ChangeRequest, Commitment
from integrity.core.models import Event
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/change-requests/"
JSON = "application/json"


def create_url(commitment) -> str:
    return f"/api/v1/commitments/{commitment.pk}/change-requests/"


def rows(response) -> list[dict]:
    data = response.json()
    return data["results"] if isinstance(data, dict) else data


def event_types(commitment) -> list[str]:
    return list(Event.objects.for_object(commitment).order_by("id").values_list("type", flat=True))


@pytest.fixture
def published(township):
    return PublishedCommitmentFactory(
        organisation=township, title="村道硬化", deadline=datetime.date(2026, 6, 30)
    )


@pytest.fixture
def pending(published, operator):
    return services.change_request_create(
        commitment=published,
        by=operator,
        justification="汛期无法施工",
        new_deadline=datetime.date(2026, 10, 31),
    )


def test_operator_asks_and_the_leader_approves_keeping_the_original(
    client, operator, leader, published
):
    client.force_login(operator)
    response = client.post(
        create_url(published),
        {"justification": "汛期无法施工", "new_deadline": "2026-10-31"},
        content_type=JSON,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending" and body["old_deadline"] == "2026-06-30"
    assert body["new_deadline"] == "2026-10-31" and body["commitment_title"] == "村道硬化"
    change = ChangeRequest.objects.get()
    assert change.requested_by == operator

    client.force_login(leader)
    assert [r["id"] for r in rows(client.get(REQUESTS, {"status": "pending"}))] == [change.pk]
    response = client.post(f"{REQUESTS}{change.pk}/approve/", {"note": "同意"}, content_type=JSON)
    assert response.status_code == 200 and response.json()["status"] == "approved"
    published.refresh_from_db()
    assert published.deadline == datetime.date(2026, 10, 31)
    assert published.original_deadline == datetime.date(2026, 6, 30)
    assert published.change_count == 1
    assert event_types(published)[-2:] == [
        "commitment.change_requested",
        "commitment.change_approved",
    ]


def test_a_request_without_justification_is_refused_in_chinese(client, operator, published):
    client.force_login(operator)
    response = client.post(create_url(published), {"new_target": "5公里"}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["变更申请须说明理由。"]}
    assert not ChangeRequest.objects.exists() and event_types(published) == []


def test_a_request_with_a_bad_date_is_refused(client, operator, published):
    client.force_login(operator)
    response = client.post(
        create_url(published),
        {"justification": "延期", "new_deadline": "明年"},
        content_type=JSON,
    )
    assert response.status_code == 400 and "new_deadline" in response.json()["errors"]
    assert not ChangeRequest.objects.exists()


def test_only_the_leader_decides(client, operator, pending):
    client.force_login(operator)
    for action in ("approve", "reject"):
        response = client.post(
            f"{REQUESTS}{pending.pk}/{action}/", {"note": "自己批"}, content_type=JSON
        )
        assert response.status_code == 403
        assert response.json()["detail"] == "只有承诺单位负责人可以审批。"
    pending.refresh_from_db()
    assert pending.status == ChangeRequest.Status.PENDING
    assert pending.commitment.change_count == 0


def test_a_rejection_needs_a_note_and_leaves_the_commitment_unchanged(client, leader, pending):
    client.force_login(leader)
    url = f"{REQUESTS}{pending.pk}/reject/"
    response = client.post(url, {}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["请填写理由。"]}
    pending.refresh_from_db()
    assert pending.status == ChangeRequest.Status.PENDING
    response = client.post(url, {"note": "汛期可调整施工段"}, content_type=JSON)
    assert response.json()["status"] == "rejected"
    commitment = Commitment.objects.get()
    assert commitment.deadline == datetime.date(2026, 6, 30) and commitment.change_count == 0
    assert event_types(commitment)[-1] == "commitment.change_rejected"


def test_a_decided_request_cannot_be_decided_again(client, leader, pending):
    client.force_login(leader)
    client.post(f"{REQUESTS}{pending.pk}/approve/", {}, content_type=JSON)
    response = client.post(f"{REQUESTS}{pending.pk}/approve/", {}, content_type=JSON)
    assert response.status_code == 409
    assert response.json()["detail"] == "该变更申请已审批。"
    assert Commitment.objects.get().change_count == 1


def test_another_township_neither_sees_nor_touches_our_requests(
    client, other_leader, other_operator, published, pending
):
    client.force_login(other_leader)
    assert rows(client.get(REQUESTS)) == []
    assert client.get(f"{REQUESTS}{pending.pk}/").status_code == 404
    for action in ("approve", "reject"):
        url = f"{REQUESTS}{pending.pk}/{action}/"
        assert client.post(url, {"note": "越权"}, content_type=JSON).status_code == 404
    client.force_login(other_operator)
    response = client.post(
        create_url(published),
        {"justification": "越权", "new_deadline": "2027-01-31"},
        content_type=JSON,
    )
    assert response.status_code == 404
    pending.refresh_from_db()
    assert pending.status == ChangeRequest.Status.PENDING
    assert ChangeRequest.objects.count() == 1


def test_anonymous_gets_nothing_and_changes_nothing(client, published, pending):
    assert client.get(REQUESTS).status_code in (401, 403)
    assert client.get(f"{REQUESTS}{pending.pk}/").status_code in (401, 403)
    assert client.post(f"{REQUESTS}{pending.pk}/approve/").status_code in (401, 403)
    response = client.post(create_url(published), {"justification": "匿名"}, content_type=JSON)
    assert response.status_code in (401, 403)
    pending.refresh_from_db()
    assert pending.status == ChangeRequest.Status.PENDING
    assert ChangeRequest.objects.count() == 1


def test_the_list_queries_do_not_grow_with_rows(client, leader, township):
    def add_request():
        commitment = PublishedCommitmentFactory(organisation=township)
        services.change_request_create(
            commitment=commitment, by=None, justification="延期", new_target="调整"
        )

    add_request()
    client.force_login(leader)
    client.get(REQUESTS)
    with CaptureQueriesContext(connection) as few:
        client.get(REQUESTS)
    for _ in range(5):
        add_request()
    with CaptureQueriesContext(connection) as many:
        assert len(rows(client.get(REQUESTS))) == 6
    assert len(many) == len(few)


def test_the_openapi_schema_names_every_new_input_and_output(client, operator):
    client.force_login(operator)
    schema = client.get("/api/v1/schema/", {"format": "json"}).json()
    components = schema["components"]["schemas"]
    for name in (
        "ChangeRequest",
        "ChangeRequestInput",
        "ChangeRequestDecisionInput",
        "CommitmentCloseInput",
        "CommitmentFulfilInput",
        "CommitmentLawfulChangeInput",
        "CommitmentProgressInput",
        "CommitmentReasonInput",
    ):
        assert name in components
    create = schema["paths"]["/api/v1/commitments/{id}/change-requests/"]["post"]
    body = create["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ChangeRequestInput"}
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ChangeRequest"
    }
    for action in ("approve", "reject"):
        assert f"/api/v1/change-requests/{{id}}/{action}/" in schema["paths"]
