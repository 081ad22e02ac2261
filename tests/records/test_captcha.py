"""The citizen forms' image captcha with test mode OFF: only the stored answer passes."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore

from django.urls import reverse

from integrity.records.captcha import ALPHABET, challenge
from integrity.records.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _real_captcha(monkeypatch):
    """django-simple-captcha reads CAPTCHA_TEST_MODE once at import; switch it off here."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)


def _hidden(page: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]+)"', page).group(1)


def _report_form(client) -> tuple[str, str, str]:
    """GET the form: (captcha key, its stored answer, submission token)."""
    page = client.get(reverse("records:report")).content.decode()
    key = _hidden(page, "captcha_0")
    return key, CaptchaStore.objects.get(hashkey=key).response, _hidden(page, "submission_token")


def _post(client, township, key: str, answer: str, token: str):
    data = {
        "organisation": township.pk,
        "topic": "promise",
        "title": "路灯承诺未兑现",
        "text": "去年承诺的路灯至今未装。",
        "anonymous": "on",
        "captcha_0": key,
        "captcha_1": answer,
        "submission_token": token,
    }
    return client.post(reverse("records:report"), data)


def test_the_page_shows_a_local_image_and_not_the_answer(client):
    page = client.get(reverse("records:report")).content.decode()
    key = _hidden(page, "captcha_0")
    answer = CaptchaStore.objects.get(hashkey=key).response
    assert f'src="/captcha/image/{key}/" alt="验证码图片：请输入图中字符"' in page
    assert answer not in page.lower()
    image = client.get(f"/captcha/image/{key}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert image.content.startswith(b"\x89PNG")


def test_a_wrong_answer_is_refused_and_the_code_cannot_be_retried(client, township):
    key, answer, token = _report_form(client)
    response = _post(client, township, key, "WRONG", token)
    assert "验证码错误" in response.content.decode()
    retry = _post(client, township, key, answer, token)  # each code is usable once
    assert "验证码错误" in retry.content.decode()
    assert _post(client, township, key, "PASSED", token).status_code == 200
    assert not Complaint.objects.exists()


def test_the_answer_stored_for_the_key_is_accepted_in_any_case(client, township):
    key, answer, token = _report_form(client)
    response = _post(client, township, key, answer.upper(), token)
    complaint = Complaint.objects.get()
    assert complaint.tracking_number in response.content.decode()


def test_the_case_lookup_needs_the_captcha(client, township):
    page = client.get(reverse("records:track")).content.decode()
    key = _hidden(page, "captcha_0")
    data = {"tracking_number": "JB20261203AAAAAA", "captcha_0": key, "captcha_1": "nope"}
    response = client.post(reverse("records:track"), data)
    assert "验证码错误" in response.content.decode()
    assert "没有" not in response.content.decode()  # the number was not even looked up


def test_the_challenge_has_no_look_alike_characters():
    for _ in range(50):
        text, answer = challenge()
        assert len(text) == 5 and set(text) <= set(ALPHABET) and answer == text.lower()
    assert not set("0O1IL") & set(ALPHABET)


def test_the_captcha_endpoints_give_nothing_away(client, other_operator):
    assert client.get("/captcha/image/unknownkey/").status_code == 410  # gone, no image
    key = _hidden(client.get(reverse("records:report")).content.decode(), "captcha_0")
    assert client.get(f"/captcha/audio/{key}.wav").status_code == 404  # no audio engine
    client.force_login(other_operator)  # a back-office user gets nothing more
    image = client.get(f"/captcha/image/{key}/")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    assert CaptchaStore.objects.get(hashkey=key).response.encode() not in image.content
