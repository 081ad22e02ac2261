"""Idempotent citizen report submission: a double click makes one report."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from captcha.models import CaptchaStore

from django.urls import reverse

from integrity.core.models import Event
from integrity.records.models import Complaint
from integrity.records.submissions import complaint_submit_once, new_token, token_value

pytestmark = pytest.mark.django_db


def _data(township, token: str, **extra) -> dict:
    data = {
        "organisation": township.pk,
        "topic": "promise",
        "title": "路灯承诺未兑现",
        "text": "去年承诺的路灯至今未装。",
        "anonymous": "on",
        "captcha_0": "any-key",
        "captcha_1": "PASSED",  # CAPTCHA_TEST_MODE of the test settings
        "submission_token": token,
    }
    data.update(extra)
    return data


def _number(response) -> str:
    return re.search(r'class="tracking-number">([^<]+)<', response.content.decode()).group(1)


def test_two_identical_posts_make_one_report_and_show_the_same_number(client, township):
    data = _data(township, new_token())
    first = client.post(reverse("records:report"), data)
    second = client.post(reverse("records:report"), data)
    complaint = Complaint.objects.get()
    assert _number(first) == _number(second) == complaint.tracking_number
    assert Event.objects.filter(type="complaint.submitted").count() == 1


def test_a_double_click_with_the_real_captcha_shows_the_same_report(client, township, monkeypatch):
    """The second POST carries a captcha code the first one used up; it still gets the
    confirmation, not an error and not a second report."""
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", False)
    page = client.get(reverse("records:report")).content.decode()
    key = re.search(r'name="captcha_0" value="([^"]+)"', page).group(1)
    token = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    answer = CaptchaStore.objects.get(hashkey=key).response
    data = _data(township, token, captcha_0=key, captcha_1=answer)
    first = client.post(reverse("records:report"), data)
    second = client.post(reverse("records:report"), data)
    assert _number(first) == _number(second) == Complaint.objects.get().tracking_number


def test_two_forms_make_two_reports(client, township):
    client.post(reverse("records:report"), _data(township, new_token()))
    client.post(reverse("records:report"), _data(township, new_token()))
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    "token", ["", "forged", new_token()[:-2] + "xx"], ids=["missing", "forged", "tampered"]
)
def test_a_missing_or_forged_token_is_refused_with_a_fresh_one(client, township, token):
    response = client.post(reverse("records:report"), _data(township, token))
    page = response.content.decode()
    assert "表单已过期，请核对后重新提交。" in page
    fresh = re.search(r'name="submission_token" value="([^"]+)"', page).group(1)
    assert token_value(fresh) is not None
    assert not Complaint.objects.exists()


def test_the_service_returns_the_first_report_for_a_used_token(township):
    token = token_value(new_token())
    fields = {
        "organisation": township,
        "topic": "promise",
        "title": "t",
        "text": "x",
        "anonymous": True,
        "attachments": [],
    }
    first, created = complaint_submit_once(token=token, **fields)
    again, created_again = complaint_submit_once(token=token, **{**fields, "title": "other"})
    assert (created, created_again) == (True, False)
    assert again == first and Complaint.objects.get().title == "t"
