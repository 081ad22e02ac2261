import datetime

from commitments.models import Commitment
from commitments.proposals import services
from commitments.proposals.models import Item, Rating, Reply
from commitments.services import commitment_fulfil, commitment_start

from .conftest import send_reply


def _submitted(sole):
    reply = services.reply_draft(by=None, assignment=sole, category="A", title="答复", body="正文")
    return services.reply_submit(by=None, reply=reply)


def test_leader_approves_but_operator_other_and_anonymous_cannot(
    client, sole, housing_leader, housing_operator, other_operator
):
    reply = _submitted(sole)
    url = f"/api/v1/proposal-my-replies/{reply.pk}/approve/"
    assert client.post(url).status_code in (401, 403)
    client.force_login(other_operator)
    assert client.post(url).status_code == 404
    client.force_login(housing_operator)
    assert client.post(url).status_code == 403
    client.force_login(housing_leader)
    response = client.post(url)
    assert response.status_code == 200 and response.json()["status"] == Reply.Status.SENT


def test_deputy_rates_own_reply_and_unsatisfied_reopens(client, sole, deputy_user, other_operator):
    reply = send_reply(sole)
    url = f"/api/v1/proposal-my-replies/{reply.pk}/rate/"
    assert client.post(url, {"result": "unsatisfied"}).status_code in (401, 403)
    client.force_login(other_operator)
    assert client.post(url, {"result": "unsatisfied"}).status_code == 404
    client.force_login(deputy_user)
    assert client.post(url, {"result": "unsatisfied", "process": "basic"}).status_code == 200
    assert Rating.objects.get().result == "unsatisfied"
    sole.item.refresh_from_db()
    assert sole.item.status == Item.Status.REHANDLING


def test_office_publishes_and_unit_cannot(client, sole, office, housing_leader):
    reply = send_reply(sole)
    url = f"/api/v1/proposal-my-replies/{reply.pk}/publish/"
    client.force_login(housing_leader)
    assert client.post(url, {"publication": "full"}).status_code == 403
    client.force_login(office)
    assert client.post(url, {"publication": "none"}).status_code == 400  # reason required
    assert client.post(url, {"publication": "full"}).status_code == 200
    assert Reply.objects.published().count() == 1


def test_item_api_shows_the_fulfilled_follow_up(client, sole, deputy_user):
    reply = send_reply(sole, category="B", promised_on=datetime.date(2025, 12, 1))
    commitment_start(commitment=reply.followup, by=None)
    commitment_fulfil(commitment=reply.followup, by=None)
    client.force_login(deputy_user)
    [followup] = client.get(f"/api/v1/proposal-items/{sole.item.pk}/").json()["followups"]
    assert followup["status"] == Commitment.Status.FULFILLED


def test_a_malformed_reply_or_assignment_id_is_a_404_not_a_server_error(
    client, sole, housing_leader
):
    client.force_login(housing_leader)
    for url in (
        "/api/v1/proposal-my-replies/false/approve/",
        "/api/v1/proposal-my-replies/null,null/rate/",
        "/api/v1/proposal-assignments/false/opinion/",
    ):
        response = client.post(url, {"text": "意见", "result": "satisfied"})
        assert response.status_code == 404, url
        assert response.json()["code"] == "not_found"


def test_approving_a_reply_twice_is_a_409_conflict(client, sole, housing_leader):
    reply = _submitted(sole)
    client.force_login(housing_leader)
    url = f"/api/v1/proposal-my-replies/{reply.pk}/approve/"
    assert client.post(url).status_code == 200
    response = client.post(url)
    assert response.status_code == 409
    assert response.json() == {
        "code": "conflict",
        "detail": "只能审核已提交的答复。",
        "errors": {},
    }
