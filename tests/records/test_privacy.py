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
