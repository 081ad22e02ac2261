"""The deputy's own items and ratings in the back office."""

import pytest

from commitments.proposals import services
from commitments.proposals.models import Kind, Rating
from integrity.core.models import Event, User
from tests.factories import UserFactory

from .conftest import send_reply

URL = "/admin/proposals/my-items/"


@pytest.fixture
def sent(sole):
    return send_reply(sole)


def test_deputy_sees_own_items_and_replies(client, sent, deputy_user, housing_operator):
    assert client.get(URL).status_code == 302
    client.force_login(deputy_user)
    html = client.get(URL).content.decode()
    assert "关于改善老旧小区停车的建议" in html and "关于建议的答复" in html
    client.force_login(housing_operator)
    assert client.get(URL).status_code == 403


def test_deputy_of_other_items_sees_nothing(client, sent, city):
    stranger = UserFactory(username="sun", organisation=city, role=User.Role.DEPUTY)
    services.member_create(
        by=None, organisation=city, kind=Kind.SUGGESTION, name="孙代表", user=stranger
    )
    client.force_login(stranger)
    assert "关于建议的答复" not in client.get(URL).content.decode()
    url = f"/admin/proposals/replies/{sent.pk}/rate/"
    assert client.post(url, {"process": "satisfied", "result": "satisfied"}).status_code == 404
    assert not Rating.objects.exists()


def test_unsatisfied_rating_opens_a_new_round(client, sent, deputy_user):
    client.force_login(deputy_user)
    url = f"/admin/proposals/replies/{sent.pk}/rate/"
    response = client.post(url, {"process": "basic", "result": "unsatisfied", "comment": "未落实"})
    assert response.status_code == 302
    rating = Rating.objects.get()
    assert (rating.process, rating.result) == ("basic", "unsatisfied")
    sent.assignment.refresh_from_db()
    assert sent.assignment.round == 2
    assert Event.objects.filter(type=services.EventType.RATED).count() == 1
    assert Event.objects.filter(type=services.EventType.REOPENED).count() == 1


def test_rating_without_result_writes_nothing(client, sent, deputy_user):
    client.force_login(deputy_user)
    response = client.post(f"/admin/proposals/replies/{sent.pk}/rate/", {"process": "basic"})
    assert response.status_code == 200 and "未保存任何内容" in response.content.decode()
    assert not Rating.objects.exists()


def test_second_rating_is_refused_in_chinese(client, sent, deputy_user):
    client.force_login(deputy_user)
    url = f"/admin/proposals/replies/{sent.pk}/rate/"
    client.post(url, {"process": "satisfied", "result": "satisfied"})
    # The form is no longer shown, but a replayed POST is refused by the service.
    response = client.post(url, {"process": "satisfied", "result": "basic"})
    assert response.status_code == 200 and "已测评" in response.content.decode()
    assert Rating.objects.get().result == "satisfied"


def test_my_items_query_count(
    client, sole, office, city, housing, deputy, deputy_user, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    send_reply(sole)
    client.force_login(deputy_user)
    client.get(URL)
    with CaptureQueriesContext(connection) as one:
        client.get(URL)
    for n in range(5):
        item = services.item_register(
            by=office,
            organisation=city,
            kind=Kind.SUGGESTION,
            year=2025,
            number=str(500 + n),
            title=f"第{n}件",
            lead_author=deputy,
        )
        [assignment] = services.item_assign(
            by=office, item=item, mode="sole", units=[(housing, "")], on=sole.assigned_on
        )
        send_reply(assignment)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert "第4件" in client.get(URL).content.decode()


def test_deputy_opening_statistics_gets_a_plain_403(client, deputy_user):
    client.force_login(deputy_user)
    response = client.get("/admin/proposals/statistics/?year=2025")
    assert response.status_code == 403
    assert client.get("/admin/proposals/statistics/report.pdf").status_code == 403
