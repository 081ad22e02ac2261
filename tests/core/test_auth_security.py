"""Login protection: lockouts through the real admin login, auth events, idle timeout,
password rules."""

import json
import time

import pytest

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from integrity.core import demo
from integrity.core.models import Event
from integrity.core.sessions import LAST_ACTIVITY_KEY

pytestmark = pytest.mark.django_db
PASSWORD = "secret-pass-123"  # tests.factories.UserFactory
LOGIN = "wagtailadmin_login"


def _login(client, username: str, password: str, address: str = "203.0.113.1", **extra):
    return client.post(
        reverse(LOGIN), {"username": username, "password": password}, REMOTE_ADDR=address, **extra
    )


def _signed_in(client) -> bool:
    return SESSION_KEY in client.session


# --- lockout ---------------------------------------------------------------------------


@override_settings(AXES_FAILURE_LIMIT=5)
def test_a_user_is_locked_after_five_failures_from_any_addresses(client, operator):
    for n in range(4):
        assert _login(client, operator.username, "wrong", f"198.51.100.{n}").status_code == 200
    assert _login(client, operator.username, "wrong", "198.51.100.4").status_code == 429
    response = _login(client, operator.username, PASSWORD, "192.0.2.200")
    assert response.status_code == 429
    assert "登录已锁定" in response.content.decode()
    assert "密码已连续输错 5 次" in response.content.decode()
    assert not _signed_in(client)
    failures = Event.objects.filter(type="auth.login_failed").order_by("pk")
    assert [event.details["locked_out"] for event in failures] == [False] * 5 + [True]
    assert failures.last().details["ip"] == "192.0.2.200"
    assert not Event.objects.filter(type="auth.login").exists()


@override_settings(AXES_FAILURE_LIMIT=5)
def test_an_address_is_locked_after_five_failures_across_usernames(client, operator):
    for n in range(5):
        _login(client, f"guess{n}", "wrong", "203.0.113.9")
    assert _login(client, operator.username, PASSWORD, "203.0.113.9").status_code == 429
    assert not _signed_in(client)
    assert _login(client, operator.username, PASSWORD, "203.0.113.10").status_code == 302
    assert _signed_in(client)


@override_settings(AXES_FAILURE_LIMIT=5)
def test_four_failures_do_not_lock(client, operator):
    for _ in range(4):
        _login(client, operator.username, "wrong")
    assert _login(client, operator.username, PASSWORD).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.1"])
def test_a_forged_forwarded_header_does_not_escape_the_address_lockout(client, operator):
    for n in range(3):
        _login(client, f"guess{n}", "wrong", "203.0.113.9", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}")
    forged = _login(
        client, operator.username, PASSWORD, "203.0.113.9", HTTP_X_FORWARDED_FOR="8.8.8.8"
    )
    assert forged.status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.1"])
def test_behind_the_trusted_proxy_each_real_client_has_its_own_counter(client, operator):
    for n in range(3):
        _login(client, f"guess{n}", "wrong", "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66")
    locked = _login(
        client, operator.username, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.66"
    )
    assert locked.status_code == 429
    other = _login(
        client, operator.username, PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.77"
    )
    assert other.status_code == 302


# --- events ----------------------------------------------------------------------------


def test_a_successful_login_is_an_event_with_user_and_address(client, operator):
    _login(client, operator.username, PASSWORD, "203.0.113.5")
    event = Event.objects.get(type="auth.login")
    assert event.actor == operator
    assert event.organisation == operator.organisation
    assert event.details == {"username": operator.username, "ip": "203.0.113.5"}


def test_a_failed_login_is_an_event_without_the_password(client, operator):
    _login(client, operator.username, "Wrong-Pass-9876", "203.0.113.6")
    _login(client, "nobody", "Other-Pass-5432", "203.0.113.6")
    known, unknown = Event.objects.filter(type="auth.login_failed").order_by("pk")
    assert known.actor is None and known.organisation == operator.organisation
    assert known.details["username"] == operator.username
    assert known.details["ip"] == "203.0.113.6"
    assert unknown.details["username"] == "nobody" and unknown.organisation is None
    stored = json.dumps([known.details, unknown.details, known.reason, unknown.reason])
    assert "Wrong-Pass" not in stored and "Other-Pass" not in stored
    assert not Event.objects.filter(type="auth.login").exists()


def test_a_logout_is_an_event(client, operator):
    client.force_login(operator)
    client.post(reverse("wagtailadmin_logout"))
    assert Event.objects.get(type="auth.logout").actor == operator
    assert not _signed_in(client)


# --- idle timeout ----------------------------------------------------------------------


def _idle_for(client, seconds: int) -> None:
    session = client.session
    session[LAST_ACTIVITY_KEY] = int(time.time()) - seconds
    session.save()


def test_the_idle_clock_starts_at_sign_in_and_a_request_moves_it(client, operator):
    client.force_login(operator)
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 60
    _idle_for(client, 10 * 60)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert abs(client.session[LAST_ACTIVITY_KEY] - time.time()) < 60


def test_a_session_idle_for_more_than_30_minutes_is_signed_out(client, operator):
    client.force_login(operator)
    _idle_for(client, 30 * 60 + 5)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and reverse(LOGIN) in response["Location"]
    assert not _signed_in(client)
    event = Event.objects.get(type="auth.timeout")
    assert event.actor == operator and event.details["username"] == operator.username
    assert not Event.objects.filter(type="auth.logout").exists()


def test_a_session_active_within_the_timeout_stays(client, operator):
    client.force_login(operator)
    _idle_for(client, 29 * 60)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert _signed_in(client)


@override_settings(SESSION_IDLE_TIMEOUT=60)
def test_the_idle_timeout_is_configurable(client, operator):
    client.force_login(operator)
    _idle_for(client, 61)
    assert client.get(reverse("wagtailadmin_home")).status_code == 302
    assert not _signed_in(client)


# --- password rules --------------------------------------------------------------------


def _messages(password: str) -> list[str]:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        validate_password(password)
    return error.value.messages


def test_a_password_shorter_than_10_characters_is_refused_in_chinese():
    assert "密码太短，至少需要 10 个字符。" in _messages("Demo@2026")


def test_a_password_of_two_character_classes_is_refused_in_chinese():
    assert "密码须至少包含大写字母、小写字母、数字、符号中的 3 种。" in _messages(
        "lanjiang2026river"
    )


@pytest.mark.parametrize("password", ["Lanjiang2026river", "lanjiang@2026#river", "Demo@2026zw"])
def test_a_long_password_of_three_classes_is_accepted(password):
    validate_password(password)


def test_the_demo_password_obeys_the_rules_for_every_demo_user():
    for username, full_name, *_rest in demo.DEMO_USERS:
        user = demo.User(username=username, full_name=full_name)
        validate_password(demo.DEMO_PASSWORD, user)


@override_settings(
    AUTH_PASSWORD_VALIDATORS=[
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 20},
        }
    ]
)
def test_the_demo_loader_refuses_a_password_the_rules_refuse():
    with pytest.raises(ValidationError):
        demo.load_users({"orgs": {}})
    assert not demo.User.objects.exists()


def test_the_api_takes_no_password_so_it_cannot_bypass_the_lockout(client, operator):
    import base64

    basic = base64.b64encode(f"{operator.username}:{PASSWORD}".encode()).decode()
    response = client.get("/api/v1/organisations/", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code in (401, 403)
    assert not Event.objects.filter(type="auth.login").exists()
