"""No personal data of reporters or officials on any public page, API response or export."""

import pytest

from django.urls import reverse

from integrity.records import services

pytestmark = pytest.mark.django_db

PHONE, ID_NUMBER, ADDRESS = "13912345678", "350102198001011234", "石桥镇幸福路88号"
OFFICIAL_PHONE = "13800001111"


def test_no_personal_data_appears_on_any_public_surface(client, township, make_record, operator):
    official = services.official_create(
        by=None,
        organisation=township,
        name="张三",
        post="副镇长",
        id_number=ID_NUMBER,
        phone=OFFICIAL_PHONE,
    )
    record = make_record(official=official, title="公务员失信记录")
    complaint = services.complaint_submit(
        organisation=township,
        topic="debt",
        title="欠款未还",
        text="工程款拖欠两年",
        anonymous=False,
        reporter_name="李举报",
        reporter_phone=PHONE,
        reporter_email="reporter@example.com",
        reporter_address=ADDRESS,
    )
    services.complaint_route(complaint=complaint, by=operator)
    services.complaint_answer(complaint=complaint, by=operator, answer="已支付")
    urls = [
        reverse("records:register"),
        reverse("records:detail", args=[record.pk]),
        reverse("records:red_list"),
        reverse("records:export", args=["csv"]),
        reverse("records:export", args=["json"]),
        reverse("records:report"),
        reverse("records:track_detail", args=[complaint.tracking_number]),
        "/api/v1/records/public/",
        f"/api/v1/records/public/{record.pk}/",
    ]
    secrets = [
        PHONE,
        ID_NUMBER,
        ADDRESS,
        OFFICIAL_PHONE,
        "reporter@example.com",
        "李举报",
        "张三",
        ID_NUMBER[-4:] + "<",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for secret in secrets:
            assert secret not in body, (url, secret)
    assert "公务员失信记录" in client.get(reverse("records:register")).content.decode()


# --- whistle-blower confidentiality: the reported unit never sees the reporter ----------

REPORTER_NAME, REPORTER_EMAIL = "李举报", "whistle@example.com"
REPORTER_SECRETS = (REPORTER_NAME, PHONE, REPORTER_EMAIL, ADDRESS)


@pytest.fixture
def reported(township, credit_officer, operator, django_capture_on_commit_callbacks):
    """A named report against 石桥镇, routed by the county credit office (e-mails sent)."""
    complaint = services.complaint_submit(
        organisation=township,
        topic="debt",
        title="欠款未还",
        text="工程款拖欠两年",
        anonymous=False,
        reporter_name=REPORTER_NAME,
        reporter_phone=PHONE,
        reporter_email=REPORTER_EMAIL,
        reporter_address=ADDRESS,
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_route(complaint=complaint, by=credit_officer)
    return complaint


def _backoffice_bodies(client, user, complaint) -> dict[str, str]:
    client.force_login(user)
    urls = {
        "inspect": reverse("records_complaint:inspect", args=[complaint.pk]),
        "list": reverse("records_complaint:index"),
        "api list": "/api/v1/records/complaints/",
        "api detail": f"/api/v1/records/complaints/{complaint.pk}/",
    }
    bodies = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        bodies[name] = response.content.decode()
    return bodies


@pytest.mark.parametrize("role", ["operator", "leader"])
def test_the_reported_units_staff_never_see_the_reporter(client, reported, township, role):
    from tests.factories import UserFactory

    user = UserFactory(organisation=township, role=role)
    bodies = _backoffice_bodies(client, user, reported)
    for name, body in bodies.items():
        for secret in REPORTER_SECRETS:
            assert secret not in body, (role, name, secret)
    assert "（保密）" in bodies["inspect"]
    detail = client.get(f"/api/v1/records/complaints/{reported.pk}/").json()
    assert detail["reporter"] is None


def test_the_credit_office_sees_the_reporter_on_the_page_and_in_the_api(
    client, reported, credit_officer
):
    bodies = _backoffice_bodies(client, credit_officer, reported)
    for secret in REPORTER_SECRETS:
        assert secret in bodies["inspect"], secret
    detail = client.get(f"/api/v1/records/complaints/{reported.pk}/").json()
    assert detail["reporter"] == {
        "reporter_name": REPORTER_NAME,
        "reporter_phone": PHONE,
        "reporter_email": REPORTER_EMAIL,
        "reporter_address": ADDRESS,
    }


def test_the_notice_e_mail_to_the_unit_and_the_event_log_carry_no_reporter_data(
    reported, operator, mailoutbox
):
    from integrity.core.models import Event

    sent_to_unit = [m for m in mailoutbox if operator.email in m.to]
    assert sent_to_unit, "the unit is told to answer"
    for message in mailoutbox:
        text = f"{message.subject} {message.body}"
        for secret in REPORTER_SECRETS:
            assert secret not in text, secret
    events = Event.objects.for_object(reported)
    assert events.count() >= 2
    for event in events:
        logged = f"{event.details} {event.reason} {event.object_repr}"
        for secret in REPORTER_SECRETS:
            assert secret not in logged, (event.type, secret)


def test_visitors_and_other_units_get_nothing(client, reported, other_operator):
    inspect = reverse("records_complaint:inspect", args=[reported.pk])
    api = f"/api/v1/records/complaints/{reported.pk}/"
    assert client.get(inspect).status_code == 302  # to the login page
    assert client.get(api).status_code in (401, 403)
    client.force_login(other_operator)
    denied = client.get(inspect)  # the back office refuses with its "no permission" redirect
    assert (denied.status_code, denied.url) == (302, "/admin/")
    assert client.get(api).status_code == 404
