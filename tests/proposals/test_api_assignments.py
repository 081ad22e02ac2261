import datetime

from commitments.proposals import services
from commitments.proposals.models import Assignment, ExtensionRequest, Item, Reply


def test_unit_operator_drafts_a_reply_other_and_anonymous_cannot(
    client, sole, housing_operator, other_operator
):
    url = f"/api/v1/proposal-assignments/{sole.pk}/reply/"
    data = {"category": "A", "title": "答复", "body": "正文"}
    assert client.post(url, data).status_code in (401, 403)
    client.force_login(other_operator)
    assert client.post(url, data).status_code == 404
    client.force_login(housing_operator)
    assert client.post(url, data).status_code == 201
    assert Reply.objects.get().status == Reply.Status.SUBMITTED


def test_co_handler_cannot_reply_through_the_api(
    client, item, office, housing, transport, transport_operator
):
    _lead, co = services.item_assign(
        by=office, item=item, mode=Item.Mode.LEAD, units=[(housing, ""), (transport, "")]
    )
    client.force_login(transport_operator)
    url = f"/api/v1/proposal-assignments/{co.pk}/reply/"
    assert client.post(url, {"category": "A", "title": "t", "body": "b"}).status_code == 400
    assert (
        client.post(f"/api/v1/proposal-assignments/{co.pk}/opinion/", {"text": "同意"}).status_code
        == 201
    )


def test_extension_requested_by_unit_and_decided_by_office_only(
    client, sole, housing_operator, housing_leader, office
):
    client.force_login(housing_operator)
    assert (
        client.post(
            f"/api/v1/proposal-assignments/{sole.pk}/extend/", {"months": 2, "reason": "需论证"}
        ).status_code
        == 201
    )
    request = ExtensionRequest.objects.get()
    url = f"/api/v1/proposal-assignments/{sole.pk}/decide_extension/"
    client.force_login(housing_leader)
    assert client.post(url, {"request": request.pk, "approve": True}).status_code == 403
    client.force_login(office)
    assert client.post(url, {"request": request.pk, "approve": True}).status_code == 201
    sole.refresh_from_db()
    assert sole.deadline == datetime.date(2025, 8, 20)


def test_return_request_and_office_decision(client, item, office, housing, housing_operator):
    [assignment] = services.item_assign(
        by=office, item=item, mode=Item.Mode.SOLE, units=[(housing, "")]
    )
    client.force_login(housing_operator)
    assert (
        client.post(
            f"/api/v1/proposal-assignments/{assignment.pk}/return/", {"text": "不属职责"}
        ).status_code
        == 201
    )
    client.force_login(office)
    request = assignment.return_requests.get()
    assert (
        client.post(
            f"/api/v1/proposal-assignments/{assignment.pk}/decide_return/",
            {"request": request.pk, "approve": True},
        ).status_code
        == 201
    )
    assignment.refresh_from_db()
    assert assignment.status == Assignment.Status.RETURNED
