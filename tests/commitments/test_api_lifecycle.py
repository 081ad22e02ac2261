"""API: the lifecycle actions after publication, each through its service with an event."""

import datetime

import pytest

from commitments.models import Commitment
from integrity.core.models import Event
from tests.commitments.factories import CommitmentFactory

pytestmark = pytest.mark.django_db

Status = Commitment.Status
JSON = "application/json"


def url(commitment, action: str) -> str:
    return f"/api/v1/commitments/{commitment.pk}/{action}/"


def events(commitment) -> list[tuple[str, str]]:
    rows = Event.objects.for_object(commitment).order_by("id")
    return list(rows.values_list("type", "reason"))


def test_operator_starts_reports_and_fulfils_partly(client, operator, published):
    client.force_login(operator)
    response = client.post(url(published, "start"))
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    response = client.post(url(published, "progress"), {"text": "完成2公里", "percent": 60})
    assert response.status_code == 200 and response.json()["last_progress_on"]
    response = client.post(
        url(published, "fulfil"),
        {"note": "完成3公里中的2公里", "on": "2026-06-20", "partly": True},
        content_type=JSON,
    )
    assert response.status_code == 200 and response.json()["status"] == "partly_fulfilled"
    published.refresh_from_db()
    assert published.closed_on == datetime.date(2026, 6, 20)
    assert [t for t, _r in events(published)] == [
        "commitment.started",
        "commitment.progress",
        "commitment.partly_fulfilled",
    ]


def test_progress_percent_is_checked_before_anything_is_written(client, operator, published):
    client.force_login(operator)
    response = client.post(url(published, "progress"), {"text": "超额", "percent": 150})
    assert response.status_code == 400 and "percent" in response.json()["errors"]
    assert not published.progress_updates.exists() and events(published) == []


def test_breaking_needs_a_note(client, operator, published):
    client.force_login(operator)
    response = client.post(url(published, "break"), {"note": " "}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["请填写理由。"]}
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and events(published) == []
    response = client.post(url(published, "break"), {"note": "资金未落实"}, content_type=JSON)
    assert response.json()["status"] == "broken"
    assert events(published) == [("commitment.broken", "资金未落实")]


def test_leader_changes_lawfully_with_reason_and_compensation(client, leader, published):
    client.force_login(leader)
    response = client.post(
        url(published, "change-lawfully"),
        {"reason": "上位规划调整", "compensation": "补偿村集体20万元"},
        content_type=JSON,
    )
    assert response.status_code == 200 and response.json()["status"] == "changed"
    published.refresh_from_db()
    assert (published.change_reason, published.compensation) == ("上位规划调整", "补偿村集体20万元")
    assert events(published) == [("commitment.changed", "上位规划调整")]


def test_a_lawful_change_without_reason_is_refused_in_chinese(client, leader, published):
    client.force_login(leader)
    response = client.post(
        url(published, "change-lawfully"), {"compensation": "补偿"}, content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["依法变更须说明理由。"]}
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and published.compensation == ""
    assert events(published) == []


def test_an_operator_may_not_change_lawfully(client, operator, published):
    client.force_login(operator)
    response = client.post(url(published, "change-lawfully"), {"reason": "调整"}, content_type=JSON)
    assert response.status_code == 403
    assert response.json()["detail"] == "只有承诺单位负责人可以审批。"
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and events(published) == []


def test_withdrawal_of_a_draft_needs_a_reason(client, operator, draft):
    client.force_login(operator)
    response = client.post(url(draft, "withdraw"), {}, content_type=JSON)
    assert response.status_code == 400
    assert response.json()["errors"] == {"non_field_errors": ["请填写理由。"]}
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    response = client.post(url(draft, "withdraw"), {"reason": "重复录入"}, content_type=JSON)
    assert response.json()["status"] == "withdrawn"
    assert events(draft) == [("commitment.withdrawn", "重复录入")]


def test_a_published_commitment_cannot_be_withdrawn(client, operator, published):
    client.force_login(operator)
    response = client.post(url(published, "withdraw"), {"reason": "不做了"}, content_type=JSON)
    assert response.status_code == 409 and "不能执行此操作" in str(response.json())
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_leader_sends_a_submission_back_with_a_reason(client, leader, township):
    submitted = CommitmentFactory(organisation=township, status=Status.SUBMITTED)
    client.force_login(leader)
    assert client.post(url(submitted, "reject"), {}, content_type=JSON).status_code == 400
    response = client.post(url(submitted, "reject"), {"reason": "目标不可量化"}, content_type=JSON)
    assert response.json()["status"] == "draft"
    assert events(submitted) == [("commitment.rejected", "目标不可量化")]


def test_another_township_gets_404_and_nothing_changes(client, other_operator, published, draft):
    client.force_login(other_operator)
    calls = [
        (published, "start", {}),
        (published, "fulfil", {"note": "越权"}),
        (published, "break", {"note": "越权"}),
        (published, "change-lawfully", {"reason": "越权"}),
        (draft, "withdraw", {"reason": "越权"}),
    ]
    for commitment, action, data in calls:
        assert client.post(url(commitment, action), data, content_type=JSON).status_code == 404
    for commitment in (published, draft):
        before = commitment.status
        commitment.refresh_from_db()
        assert commitment.status == before and events(commitment) == []


def test_anonymous_gets_401_or_403_and_nothing_changes(client, published, draft):
    for commitment, action in ((published, "start"), (published, "break"), (draft, "withdraw")):
        response = client.post(url(commitment, action), {"note": "匿名", "reason": "匿名"})
        assert response.status_code in (401, 403)
    assert events(published) == [] and events(draft) == []
