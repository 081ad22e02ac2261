"""Issue 16: Atom feeds, confirmed e-mail subscriptions, site map, privacy, board."""

import re

import pytest

from django.core import mail
from django.utils import timezone

from portal.models import Subscription
from portal.subscriptions import subscriptions_send
from tests.commitments.factories import PublishedCommitmentFactory
from tests.factories import OperatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def promise(township):
    return PublishedCommitmentFactory(organisation=township, title="村道硬化")


def test_the_unit_feed_is_atom_with_its_commitments(client, township, promise):
    response = client.get(f"/feeds/units/{township.pk}/")
    assert response["Content-Type"].startswith("application/atom+xml")
    body = response.content.decode()
    assert "村道硬化" in body and f"/commitments/{promise.pk}/" in body


def test_the_register_feed_and_a_missing_unit(client):
    assert client.get("/feeds/records/").status_code == 200
    assert client.get("/feeds/units/999999/").status_code == 404


def _subscribe(client, unit, capture) -> Subscription:
    with capture(execute=True):
        response = client.post(
            f"/subscribe/?unit={unit.pk}",
            {
                "email": "Reader@Example.cn",
                "unit": unit.pk,
                "captcha_0": "x",
                "captcha_1": "PASSED",
            },
        )
    assert response.status_code == 200
    return Subscription.objects.get()


def test_a_subscription_sends_nothing_until_it_is_confirmed(
    client, township, promise, django_capture_on_commit_callbacks
):
    subscription = _subscribe(client, township, django_capture_on_commit_callbacks)
    assert subscription.email == "reader@example.cn" and not subscription.active
    link = re.search(r"/subscribe/confirm/[\w-]+/", mail.outbox[0].body).group()
    mail.outbox.clear()
    assert subscriptions_send() == 0
    assert client.get(link).status_code == 200
    subscription.refresh_from_db()
    assert not subscription.active, "a GET (a mail scanner) confirms nothing"
    client.post(link)
    subscription.refresh_from_db()
    assert subscription.active


def test_a_confirmed_subscription_mails_news_with_an_unsubscribe_link(
    client, township, django_capture_on_commit_callbacks
):
    subscription = _subscribe(client, township, django_capture_on_commit_callbacks)
    client.post(f"/subscribe/confirm/{subscription.token}/")
    mail.outbox.clear()
    PublishedCommitmentFactory(
        organisation=township, title="新修便民桥", published_at=timezone.now()
    )
    assert subscriptions_send() == 1
    assert "新修便民桥" in mail.outbox[0].body
    assert f"/subscribe/cancel/{subscription.token}/" in mail.outbox[0].body
    assert subscriptions_send() == 0
    client.post(f"/subscribe/cancel/{subscription.token}/")
    subscription.refresh_from_db()
    assert subscription.cancelled_at is not None


def test_a_bad_address_is_refused_in_chinese_and_nothing_is_written(client, township):
    response = client.post(
        "/subscribe/", {"email": "nope", "captcha_0": "x", "captcha_1": "PASSED"}
    )
    assert "有效" in response.content.decode()
    assert not Subscription.objects.exists()


def test_an_unknown_token_is_a_404(client):
    assert client.get("/subscribe/confirm/nothing/").status_code == 404
    assert client.post("/subscribe/cancel/nothing/").status_code == 404


def test_site_map_lists_services_and_units_grouped(client, portal_site, township, county):
    html = client.get("/site-map/").content.decode()
    assert "/privacy/" in html and f"/units/{township.pk}/" in html
    assert "乡镇街道" in html and "区县" in html


def test_privacy_statement_and_units_pages_for_an_operator(client, township):
    client.force_login(OperatorFactory(organisation=township))
    assert client.get("/privacy/").status_code == 200
    assert "乡镇街道" in client.get("/units/").content.decode()


def test_the_township_board_has_a_qr_code_to_its_page(client, township, promise):
    html = client.get(f"/units/{township.pk}/board/").content.decode()
    assert '<svg class="qr"' in html and "村道硬化" in html
    assert "2026年6月30日" in html


@pytest.mark.parametrize(
    "path",
    [
        "/units/",
        "/units/{unit}/",
        "/units/{unit}/board/",
        "/feeds/units/{unit}/",
        "/feeds/records/",
        "/reports/answered/",
        "/report/commitments/?unit={unit}",
        "/subscribe/",
        "/site-map/",
        "/privacy/",
    ],
)
def test_every_new_public_page_is_the_same_for_anonymous_and_another_units_operator(
    client, township, other_township, promise, path
):
    url = path.format(unit=township.pk)
    anonymous = client.get(url)
    client.force_login(OperatorFactory(organisation=other_township))
    other = client.get(url)
    assert anonymous.status_code == other.status_code == 200
    assert ("村道硬化" in anonymous.content.decode()) == ("村道硬化" in other.content.decode())
