"""The office's item page and actions in the back office."""

import datetime

import pytest

from commitments.proposals import services
from commitments.proposals.models import Assignment, ExtensionRequest, Item, Reply, ReturnRequest
from integrity.core.models import Event, Notice, User
from tests.factories import CityFactory, DepartmentFactory, UserFactory

from .conftest import send_reply


def page(item):
    return f"/admin/proposals/items/{item.pk}/"


def events(type_):
    return Event.objects.filter(type=type_)


@pytest.fixture
def other_office(county):
    return UserFactory(username="bt_renda", organisation=county, role=User.Role.PROPOSAL_OFFICE)


def test_item_page_shows_contacts_to_the_office_only(
    client, sole, office, housing_operator, other_operator, other_office
):
    services.communication_record(
        by=housing_operator, assignment=sole, day=datetime.date(2025, 4, 1), method="visit"
    )
    response = client.get(page(sole.item))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(office)
    html = client.get(page(sole.item)).content.decode()
    assert "13912345678" in html and "住房和城乡建设局" in html
    assert "<td>交办</td>" in html and "proposals.item_assigned" not in html  # timeline
    assert page(sole.item) in client.get("/admin/proposal_items/").content.decode()
    client.force_login(housing_operator)
    html = client.get(page(sole.item)).content.decode()
    assert "王代表" in html and "13912345678" not in html and "wang@example.cn" not in html
    for outsider in (other_operator, other_office):
        client.force_login(outsider)
        assert client.get(page(sole.item)).status_code == 404


def test_office_assigns_lead_and_co_handlers(client, item, office, housing, transport):
    client.force_login(office)
    response = client.post(
        f"{page(item)}assign/",
        {"mode": "lead", "first_unit": housing.pk, "other_units": [transport.pk], "task": "研究"},
    )
    assert response.status_code == 302
    roles = dict(Assignment.objects.values_list("unit__name", "role"))
    assert roles == {"住房和城乡建设局": "lead", "交通运输局": "co"}
    assert events(services.EventType.ITEM_ASSIGNED).count() == 1
    item.refresh_from_db()
    assert item.status == Item.Status.ASSIGNED and item.mode == Item.Mode.LEAD


def test_wrong_assignment_writes_nothing_and_explains_in_chinese(
    client, item, office, housing, transport
):
    client.force_login(office)
    response = client.post(
        f"{page(item)}assign/",
        {"mode": "sole", "first_unit": housing.pk, "other_units": [transport.pk]},
    )
    assert response.status_code == 200
    assert "独办只能选择一个承办单位。" in response.content.decode()
    assert not Assignment.objects.exists() and not events(services.EventType.ITEM_ASSIGNED)


def test_unit_picker_is_limited_to_the_office_scope(client, item, office):
    elsewhere = DepartmentFactory(name="外市住建局", parent=CityFactory(name="远山市"))
    client.force_login(office)
    assert "外市住建局" not in client.get(page(item)).content.decode()
    response = client.post(f"{page(item)}assign/", {"mode": "sole", "first_unit": elsewhere.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not Assignment.objects.exists()


def test_only_the_office_may_assign(client, sole, housing_operator, other_office, transport):
    client.force_login(housing_operator)  # sees the item, may not assign
    data = {"mode": "sole", "first_unit": transport.pk}
    assert client.post(f"{page(sole.item)}assign/", data).status_code == 403
    client.force_login(other_office)
    assert client.post(f"{page(sole.item)}assign/", data).status_code == 404
    client.logout()
    assert client.post(f"{page(sole.item)}assign/", data).status_code == 302
    assert Assignment.objects.count() == 1


def test_actions_are_post_only_with_csrf(sole, office):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(office)
    assert client.get(f"{page(sole.item)}key/").status_code == 405
    data = {"is_key": "on", "supervisor_name": "张副市长"}
    assert client.post(f"{page(sole.item)}key/", data).status_code == 403
    sole.item.refresh_from_db()
    assert not sole.item.is_key


def test_office_marks_a_key_item(client, sole, office):
    client.force_login(office)
    url = f"{page(sole.item)}key/"
    response = client.post(url, {"is_key": "on", "supervisor_name": ""})
    assert response.status_code == 200 and "请填写督办领导" in response.content.decode()
    assert not events(services.EventType.ITEM_KEY).exists()
    assert client.post(url, {"is_key": "on", "supervisor_name": "张副市长"}).status_code == 302
    sole.item.refresh_from_db()
    assert sole.item.is_key and sole.item.supervisor_name == "张副市长"
    assert events(services.EventType.ITEM_KEY).count() == 1


def test_office_decides_extension_and_return_requests(client, sole, office, other_office):
    extension = services.extension_request(by=None, assignment=sole, months=2, reason="需论证")
    back = services.return_request(by=None, assignment=sole, reason="职责不符", on=sole.assigned_on)
    client.force_login(other_office)
    url = f"/admin/proposals/extension-requests/{extension.pk}/decide/"
    assert client.post(url, {"decision": "approve"}).status_code == 404
    client.force_login(office)
    assert client.post(url, {"decision": "approve"}).status_code == 302
    extension.refresh_from_db()
    sole.refresh_from_db()
    assert extension.status == ExtensionRequest.Status.APPROVED
    assert sole.deadline == datetime.date(2025, 8, 20)
    assert events(services.EventType.EXTENSION_DECIDED).count() == 1
    url = f"/admin/proposals/return-requests/{back.pk}/decide/"
    response = client.post(url, {"decision": "reject", "note": "属本单位职责"})
    assert response.status_code == 302
    back.refresh_from_db()
    assert back.status == ReturnRequest.Status.REJECTED
    assert events(services.EventType.RETURN_DECIDED).get().reason == "属本单位职责"
    again = client.post(url, {"decision": "approve"})
    assert again.status_code == 200 and "该申请已审批" in again.content.decode()


def test_office_publishes_a_reply_or_withholds_it_with_reason(client, sole, office):
    reply = send_reply(sole)
    client.force_login(office)
    url = f"/admin/proposals/replies/{reply.pk}/publish/"
    response = client.post(url, {"publication": "none", "reason": ""})
    assert response.status_code == 200 and "请填写不予公开的理由。" in response.content.decode()
    reply.refresh_from_db()
    assert reply.publication == "" and not events(services.EventType.REPLY_PUBLISHED)
    response = client.post(url, {"publication": "summary", "summary": "已增设车位"})
    assert response.status_code == 302
    reply.refresh_from_db()
    assert reply.publication == Reply.Publication.SUMMARY and reply.published_at
    assert events(services.EventType.REPLY_PUBLISHED).count() == 1


def test_unit_operator_may_not_publish(client, sole, housing_operator):
    reply = send_reply(sole)
    client.force_login(housing_operator)
    url = f"/admin/proposals/replies/{reply.pk}/publish/"
    assert client.post(url, {"publication": "full"}).status_code == 403


def test_office_sends_a_reminder_now(client, sole, office):
    client.force_login(office)
    assert client.post(f"{page(sole.item)}remind/").status_code == 302
    assert Notice.objects.filter(organisation=sole.unit).count() == 1
    assert events(services.EventType.REMINDED).count() == 1


def test_office_to_do_lists_waiting_work(client, sole, office, housing_operator, deputy_user):
    services.extension_request(by=None, assignment=sole, months=1, reason="需论证")
    client.force_login(office)
    html = client.get("/admin/proposals/office/").content.decode()
    assert "需论证" in html
    for user in (housing_operator, deputy_user):
        client.force_login(user)
        assert client.get("/admin/proposals/office/").status_code == 403
