"""The handling unit's to-do list, assignment page and the leader's approval."""

import datetime

import pytest

from commitments.proposals import services
from commitments.proposals.models import Communication, ExtensionRequest, Item, Reply, ReturnRequest
from integrity.core.models import Event

from .conftest import ASSIGNED


def page(assignment):
    return f"/admin/proposals/assignments/{assignment.pk}/"


def events(type_):
    return Event.objects.filter(type=type_)


@pytest.fixture
def lead_pair(item, office, housing, transport):
    return services.item_assign(
        by=office,
        item=item,
        mode=Item.Mode.LEAD,
        units=[(housing, ""), (transport, "")],
        on=ASSIGNED,
    )


def test_my_assignments_lists_own_unit_only(
    client, sole, housing_operator, transport_operator, deputy_user
):
    url = "/admin/proposals/my-assignments/"
    assert client.get(url).status_code == 302
    client.force_login(housing_operator)
    html = client.get(url).content.decode()
    assert sole.item.title in html and "已逾期" in html  # the 2025 deadline has passed
    client.force_login(transport_operator)
    assert sole.item.title not in client.get(url).content.decode()
    client.force_login(deputy_user)
    assert client.get(url).status_code == 403


def test_my_assignments_query_count_does_not_grow(
    client, city, office, deputy, housing, housing_operator, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def add(n):
        item = services.item_register(
            by=office,
            organisation=city,
            kind="suggestion",
            year=2025,
            number=str(300 + n),
            title=f"建议{n}",
            lead_author=deputy,
        )
        services.item_assign(by=office, item=item, mode="sole", units=[(housing, "")], on=ASSIGNED)

    add(0)
    client.force_login(housing_operator)
    url = "/admin/proposals/my-assignments/"
    client.get(url)  # warm caches (content types, menus)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(1, 12):
        add(n)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.content.decode().count("建议1") >= 3


def test_operator_records_a_communication(client, sole, housing_operator, transport_operator):
    data = {"day": "2025-04-02", "method": "visit", "notes": "走访代表"}
    client.force_login(transport_operator)
    assert client.post(f"{page(sole)}communicate/", data).status_code == 404
    client.force_login(housing_operator)
    assert client.post(f"{page(sole)}communicate/", data).status_code == 302
    assert Communication.objects.get().notes == "走访代表"
    assert events(services.EventType.COMMUNICATED).count() == 1
    response = client.post(f"{page(sole)}communicate/", {"day": "", "method": "visit"})
    assert response.status_code == 200 and "未保存任何内容" in response.content.decode()
    assert Communication.objects.count() == 1


def test_operator_drafts_and_submits_a_reply(client, sole, housing_operator):
    client.force_login(housing_operator)
    data = {
        "category": "A",
        "title": "关于停车的答复",
        "body": "已增设车位。[secret]内部[/secret]",
        "summary": "已增设车位",
    }
    assert client.post(f"{page(sole)}reply/", data).status_code == 302
    reply = Reply.objects.get()
    assert reply.status == Reply.Status.DRAFT and reply.summary == "已增设车位"
    assert client.post(f"{page(sole)}reply/", data | {"submit": "on"}).status_code == 302
    reply.refresh_from_db()
    assert reply.status == Reply.Status.SUBMITTED
    assert events(services.EventType.REPLY_SUBMITTED).count() == 1


def test_b_reply_without_promised_date_writes_nothing(client, sole, housing_operator):
    client.force_login(housing_operator)
    data = {"category": "B", "title": "答复", "body": "正文", "submit": "on"}
    response = client.post(f"{page(sole)}reply/", data)
    assert response.status_code == 200 and "请填写承诺解决日期。" in response.content.decode()
    assert not Reply.objects.exists() and not events(services.EventType.REPLY_DRAFTED)


def test_co_handler_sends_an_opinion_but_cannot_reply(client, lead_pair, transport_operator):
    _lead, co = lead_pair
    client.force_login(transport_operator)
    data = {"category": "A", "title": "答复", "body": "正文"}
    response = client.post(f"{page(co)}reply/", data)
    assert response.status_code == 200 and "会办单位" in response.content.decode()
    assert not Reply.objects.exists()
    assert client.post(f"{page(co)}opinion/", {"opinion": "同意主办意见"}).status_code == 302
    co.refresh_from_db()
    assert co.opinion == "同意主办意见" and co.opinion_on
    assert events(services.EventType.OPINION_SENT).count() == 1


def test_operator_requests_an_extension(client, sole, housing_operator):
    client.force_login(housing_operator)
    response = client.post(f"{page(sole)}extension/", {"months": 2, "reason": "需论证"})
    assert response.status_code == 302
    assert ExtensionRequest.objects.get().months == 2
    assert events(services.EventType.EXTENSION_REQUESTED).count() == 1
    response = client.post(f"{page(sole)}extension/", {"months": 1, "reason": " "})
    assert response.status_code == 200 and ExtensionRequest.objects.count() == 1


def test_return_request_only_within_the_window(
    client, item, office, housing, housing_operator, calendar
):
    [fresh] = services.item_assign(by=office, item=item, mode="sole", units=[(housing, "")])
    client.force_login(housing_operator)
    assert client.post(f"{page(fresh)}return/", {"reason": "职责不符"}).status_code == 302
    assert ReturnRequest.objects.get().reason == "职责不符"
    assert events(services.EventType.RETURN_REQUESTED).count() == 1


def test_return_request_after_the_window_writes_nothing(client, sole, housing_operator):
    client.force_login(housing_operator)
    response = client.post(f"{page(sole)}return/", {"reason": "职责不符"})
    assert response.status_code == 200 and "已超过申请退办的时限。" in response.content.decode()
    assert not ReturnRequest.objects.exists()


@pytest.fixture
def submitted(sole, housing_operator):
    reply = services.reply_draft(
        by=housing_operator, assignment=sole, category="A", title="答复", body="正文"
    )
    return services.reply_submit(by=housing_operator, reply=reply)


def test_leader_approves_a_submitted_reply(client, submitted, housing_leader, housing_operator):
    url = f"/admin/proposals/replies/{submitted.pk}/approve/"
    client.force_login(housing_operator)
    assert client.post(url, {"decision": "approve"}).status_code == 403
    client.force_login(housing_leader)
    assert "Save the decision" not in client.get(page(submitted.assignment)).content.decode()
    assert client.post(url, {"decision": "approve"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Reply.Status.SENT and submitted.sent_on == datetime.date.today()
    assert events(services.EventType.REPLY_SENT).count() == 1


def test_leader_sends_a_reply_back_with_reason(client, submitted, housing_leader, other_operator):
    url = f"/admin/proposals/replies/{submitted.pk}/approve/"
    client.force_login(other_operator)
    assert client.post(url, {"decision": "send_back"}).status_code == 404
    client.force_login(housing_leader)
    response = client.post(url, {"decision": "send_back", "reason": ""})
    assert response.status_code == 200 and "请填写理由。" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Reply.Status.SUBMITTED
    assert client.post(url, {"decision": "send_back", "reason": "数据需核实"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Reply.Status.DRAFT
    assert events(services.EventType.REPLY_SENT_BACK).get().reason == "数据需核实"


def test_lead_reply_waits_for_co_handler_opinion(
    client, lead_pair, housing_operator, housing_leader
):
    lead, _co = lead_pair
    reply = services.reply_draft(
        by=housing_operator, assignment=lead, category="A", title="答复", body="正文"
    )
    services.reply_submit(by=housing_operator, reply=reply)
    client.force_login(housing_leader)
    # the co-handler's deadline (2025-04-20) has passed, so today the lead may send
    response = client.post(f"/admin/proposals/replies/{reply.pk}/approve/", {"decision": "approve"})
    assert response.status_code == 302
