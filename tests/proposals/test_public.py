import pytest

from commitments.proposals import services
from commitments.proposals.models import Reply

from .conftest import send_reply

SECRET_BODY = "已联系王代表（13912345678，wang@example.cn，澜江市北塘路88号）。[secret]内部经费[/secret]增设车位。"  # noqa: E501


@pytest.fixture
def published(sole, office):
    reply = send_reply(sole, body=SECRET_BODY)
    return services.reply_publish(by=office, reply=reply, publication=Reply.Publication.FULL)


def assert_clean(text: str) -> None:
    for leak in ("13912345678", "13800001111", "wang@example.cn", "北塘路88号", "内部经费"):
        assert leak not in text


def test_portal_lists_and_shows_published_replies_without_personal_data(client, published):
    listing = client.get("/replies/?year=2025&category=A&q=停车")
    assert listing.status_code == 200
    assert published.title in listing.content.decode()
    detail = client.get(f"/replies/{published.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert "增设车位" in html
    assert_clean(html)


def test_portal_hides_unpublished_replies(client, sole):
    reply = send_reply(sole)
    assert client.get(f"/replies/{reply.pk}/").status_code == 404
    assert reply.title not in client.get("/replies/").content.decode()


def test_portal_filters_by_unit(client, published, transport):
    html = client.get(f"/replies/?unit={transport.pk}").content.decode()
    assert published.title not in html


def test_api_published_replies_are_open_and_redacted(
    client, published, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        response = client.get("/api/v1/proposal-replies/")
    assert response.status_code == 200
    [row] = response.json()["results"] if "results" in response.json() else response.json()
    assert "增设车位" in row["text"]
    assert_clean(response.content.decode())


def test_api_items_refuse_anonymous(client, sole):
    assert client.get("/api/v1/proposal-items/").status_code in (401, 403)


def test_api_items_for_deputy_unit_and_other_organisation(
    client, sole, deputy_user, housing_operator, other_operator
):
    def ids(user):
        client.force_login(user)
        data = client.get("/api/v1/proposal-items/").json()
        rows = data["results"] if isinstance(data, dict) else data
        return [r["id"] for r in rows]

    assert ids(deputy_user) == [sole.item.pk]
    assert ids(housing_operator) == [sole.item.pk]
    assert ids(other_operator) == []
    assert client.get(f"/api/v1/proposal-items/{sole.item.pk}/").status_code == 404
    client.force_login(housing_operator)
    body = client.get(f"/api/v1/proposal-items/{sole.item.pk}/").content.decode()
    assert "13912345678" not in body and "wang@example.cn" not in body
