"""Back office: every lifecycle service is offered on the commitment's detail page."""

import pytest

from django.urls import reverse

from commitments.models import Commitment
from integrity.core.models import Event

pytestmark = pytest.mark.django_db

Status = Commitment.Status


def action_url(commitment, action: str) -> str:
    return reverse("commitments_admin_action", args=[commitment.pk, action])


def inspect(client, commitment):
    return client.get(reverse("commitments_commitment:inspect", args=[commitment.pk])).text


def events(commitment) -> list[tuple[str, str]]:
    rows = Event.objects.for_object(commitment).order_by("id")
    return list(rows.values_list("type", "reason"))


def test_an_open_commitment_offers_closing_actions_and_the_leader_a_lawful_change(
    client, operator, leader, published
):
    client.force_login(operator)
    page = inspect(client, published)
    for action in ("start", "fulfil", "partly_fulfil", "break"):
        assert action_url(published, action) in page
    assert action_url(published, "change_lawfully") not in page
    assert action_url(published, "withdraw") not in page
    client.force_login(leader)
    page = inspect(client, published)
    assert action_url(published, "change_lawfully") in page and "依法变更的理由" in page


def test_a_draft_offers_withdrawal_but_no_closing(client, operator, draft):
    client.force_login(operator)
    page = inspect(client, draft)
    assert action_url(draft, "withdraw") in page
    assert action_url(draft, "fulfil") not in page and action_url(draft, "break") not in page


def test_leader_changes_a_commitment_lawfully_with_reason_and_compensation(
    client, leader, published
):
    client.force_login(leader)
    client.post(
        action_url(published, "change_lawfully"),
        {"note": "上位规划调整", "compensation": "另址建设，补偿村集体20万元"},
    )
    published.refresh_from_db()
    assert published.status == Status.CHANGED
    assert published.change_reason == "上位规划调整"
    assert published.compensation == "另址建设，补偿村集体20万元"
    assert events(published) == [("commitment.changed", "上位规划调整")]
    page = inspect(client, published)
    assert "另址建设，补偿村集体20万元" in page


def test_a_lawful_change_without_reason_writes_nothing_and_says_why(client, leader, published):
    client.force_login(leader)
    response = client.post(
        action_url(published, "change_lawfully"), {"note": " ", "compensation": "无"}, follow=True
    )
    assert "依法变更须说明理由。" in response.text
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and published.compensation == ""
    assert events(published) == []


def test_an_operator_may_not_change_a_commitment_lawfully(client, operator, published):
    client.force_login(operator)
    response = client.post(
        action_url(published, "change_lawfully"), {"note": "规划调整"}, follow=True
    )
    assert "只有承诺单位负责人可以审批。" in response.text
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and events(published) == []


def test_operator_closes_a_commitment_as_partly_fulfilled(client, operator, published):
    client.force_login(operator)
    client.post(action_url(published, "partly_fulfil"), {"note": "完成3公里中的2公里"})
    published.refresh_from_db()
    assert published.status == Status.PARTLY_FULFILLED and published.closed_on is not None
    assert events(published) == [("commitment.partly_fulfilled", "完成3公里中的2公里")]


def test_breaking_needs_a_reason(client, operator, published):
    client.force_login(operator)
    response = client.post(action_url(published, "break"), {"note": ""}, follow=True)
    assert "请填写理由。" in response.text
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED
    client.post(action_url(published, "break"), {"note": "资金未落实"})
    published.refresh_from_db()
    assert published.status == Status.BROKEN
    assert events(published) == [("commitment.broken", "资金未落实")]


def test_operator_withdraws_a_draft_with_a_reason_only(client, operator, draft):
    client.force_login(operator)
    response = client.post(action_url(draft, "withdraw"), {"note": ""}, follow=True)
    assert "请填写理由。" in response.text
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and events(draft) == []
    client.post(action_url(draft, "withdraw"), {"note": "重复录入"})
    draft.refresh_from_db()
    assert draft.status == Status.WITHDRAWN
    assert events(draft) == [("commitment.withdrawn", "重复录入")]


def test_a_published_commitment_cannot_be_withdrawn(client, operator, published):
    client.force_login(operator)
    response = client.post(action_url(published, "withdraw"), {"note": "不想做了"}, follow=True)
    assert "不能执行此操作" in response.text
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED


def test_another_townships_operator_gets_404_and_nothing_changes(
    client, other_operator, published, draft
):
    client.force_login(other_operator)
    for commitment, action in ((draft, "withdraw"), (published, "break")):
        response = client.post(action_url(commitment, action), {"note": "越权"})
        assert response.status_code == 404
    for commitment in (published, draft):
        status = commitment.status
        commitment.refresh_from_db()
        assert commitment.status == status and events(commitment) == []


def test_anonymous_is_sent_to_login_and_nothing_changes(client, published):
    response = client.post(action_url(published, "partly_fulfil"), {"note": "匿名"})
    assert response.status_code == 302 and "login" in response["Location"]
    published.refresh_from_db()
    assert published.status == Status.PUBLISHED and events(published) == []


@pytest.mark.parametrize("percent", ["六十", "60.5", "101", "-5"])
def test_a_bad_progress_percentage_is_refused_in_chinese_and_writes_nothing(
    client, operator, published, percent
):
    client.force_login(operator)
    response = client.post(
        action_url(published, "progress"), {"note": "完成路基", "percent": percent}, follow=True
    )
    assert response.status_code == 200
    assert "完成百分比须为 0 到 100 之间的整数" in response.text
    assert not published.progress_updates.exists()
    assert not Event.objects.filter(type="commitment.progress").exists()


def test_a_progress_percentage_with_a_percent_sign_is_accepted(client, operator, published):
    client.force_login(operator)
    client.post(action_url(published, "progress"), {"note": "完成路基", "percent": "60%"})
    assert published.progress_updates.get().percent == 60
