import datetime

import pytest

from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from integrity.records import services
from integrity.records.models import Complaint, Objection
from integrity.records.submissions import new_token
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells

D = datetime.date
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def _report_data(township, **extra):
    data = {
        "organisation": township.pk,
        "topic": "promise",
        "title": "路灯承诺未兑现",
        "text": "去年承诺的路灯至今未装。",
        "anonymous": "on",
        "captcha_0": "any-key",
        "captcha_1": "PASSED",  # CAPTCHA_TEST_MODE; tests/records/test_captcha.py runs without
        "submission_token": new_token(),
    }
    data.update(extra)
    return data


def test_the_register_lists_published_records_with_the_objection_flag(client, make_record):
    shown = make_record(title="拖欠工程款")
    make_record(status="notified", title="尚未公示的记录")
    services.objection_file(record=shown, applicant="石桥镇", grounds="已付款")
    page = client.get(reverse("records:register")).content.decode()
    assert "拖欠工程款" in page and "尚未公示的记录" not in page
    assert "异议处理中" in page
    detail = client.get(reverse("records:detail", args=[shown.pk])).content.decode()
    assert "异议处理中" in detail and "《保障中小企业款项支付条例》第八条" in detail


def test_the_flag_goes_when_the_objection_is_decided(client, make_record, credit_officer):
    record = make_record()
    objection = services.objection_file(record=record, applicant="a", grounds="g")
    services.objection_decide(
        objection=objection, by=credit_officer, outcome=Objection.Status.MAINTAINED, decision="维持"
    )
    assert (
        "异议处理中" not in client.get(reverse("records:detail", args=[record.pk])).content.decode()
    )


def test_register_filters_by_source_severity_and_year(client, make_record):
    make_record(title="甲记录", source="judgment", day=D(2025, 3, 1))
    make_record(title="乙记录", source="arrears")
    page = client.get(reverse("records:register"), {"source": "judgment"}).content.decode()
    assert "甲记录" in page and "乙记录" not in page
    page = client.get(reverse("records:register"), {"year": "2025"}).content.decode()
    assert "甲记录" in page and "乙记录" not in page
    page = client.get(reverse("records:register"), {"severity": "serious"}).content.decode()
    assert "甲记录" not in page


def test_the_register_list_uses_a_fixed_number_of_queries(
    client, make_record, django_assert_max_num_queries
):
    for n in range(5):
        make_record(title=f"记录{n}")
    with django_assert_max_num_queries(10):
        client.get(reverse("records:register"))


def _gone_everywhere(client, record):
    assert record.title not in client.get(reverse("records:register")).content.decode()
    assert client.get(reverse("records:detail", args=[record.pk])).status_code == 404
    assert record.title not in client.get("/api/v1/records/public/").content.decode()
    assert record.title not in client.get(reverse("records:export", args=["csv"])).content.decode()
    assert record.title not in client.get(reverse("records:export", args=["json"])).content.decode()


def test_repaired_records_vanish_from_every_public_view_at_once(
    client, make_record, credit_officer
):
    record = make_record(title="已修复的记录", day=D(2025, 1, 1))
    assert record.title in client.get("/api/v1/records/public/").content.decode()
    application = services.repair_apply(
        record=record, by=credit_officer, credit_commitment="承诺", performance="已履行"
    )
    services.repair_approve(application=application, by=credit_officer)
    _gone_everywhere(client, record)
    client.force_login(credit_officer)
    assert record.title in client.get("/api/v1/records/records/").content.decode()


def test_revoked_records_vanish_from_every_public_view(client, make_record, credit_officer):
    record = make_record(title="被撤销的记录")
    objection = services.objection_file(record=record, applicant="a", grounds="g")
    services.objection_decide(
        objection=objection, by=credit_officer, outcome=Objection.Status.REVOKED, decision="撤销"
    )
    _gone_everywhere(client, record)


def test_records_past_their_maximum_vanish_even_before_the_daily_task(client, make_record):
    record = make_record(title="已到期的记录", day=D(2025, 1, 2))  # 2023 rules: max 3 years
    record.max_end_date = datetime.date.today()
    record.save()
    _gone_everywhere(client, record)


def test_the_red_list_shows_units_without_records_and_with_fulfilled_commitments(
    client, township, other_township, make_record
):
    from commitments.models import Commitment

    for org in (township, other_township):
        Commitment.objects.create(
            organisation=org,
            kind="time_limit",
            title="t",
            deadline=D(2026, 1, 1),
            status="fulfilled",
        )
    make_record(organisation=township)
    page = client.get(reverse("records:red_list")).content.decode()
    assert other_township.name in page and "石桥镇" not in page


# --- citizen reports -------------------------------------------------------------------


def test_a_report_gets_a_tracking_number_and_can_be_followed(client, township):
    response = client.post(reverse("records:report"), _report_data(township))
    complaint = Complaint.objects.get()
    assert complaint.tracking_number in response.content.decode()
    page = client.get(reverse("records:track_detail", args=[complaint.tracking_number]))
    assert "路灯承诺未兑现" in page.content.decode()
    found = client.post(
        reverse("records:track"),
        {"tracking_number": complaint.tracking_number, "captcha_0": "k", "captcha_1": "PASSED"},
    )
    assert found.status_code == 302


def test_the_report_form_requires_the_captcha(client, township):
    response = client.post(reverse("records:report"), _report_data(township, captcha_1=""))
    assert "请输入验证码" in response.content.decode()
    response = client.post(reverse("records:report"), _report_data(township, captcha_1="99"))
    assert "验证码错误" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_disguised_executable_is_rejected(client, township):
    exe = SimpleUploadedFile("scan.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/pdf")
    response = client.post(reverse("records:report"), _report_data(township, attachments=exe))
    assert "内容与扩展名不符" in response.content.decode()
    assert not Complaint.objects.exists()


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_an_oversized_file_is_rejected(client, township):
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * 2048, "application/pdf")
    response = client.post(reverse("records:report"), _report_data(township, attachments=big))
    assert "超过" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_real_pdf_is_kept_with_its_detected_type(client, township):
    pdf = SimpleUploadedFile("evidence.pdf", PDF, "application/pdf")
    client.post(reverse("records:report"), _report_data(township, attachments=pdf))
    assert Complaint.objects.get().attachments.get().content_type == "application/pdf"


@override_settings(REPORT_RATE_LIMIT="2/h")
def test_more_than_n_submissions_an_hour_from_one_address_are_refused(client, township):
    for _ in range(2):
        assert client.post(reverse("records:report"), _report_data(township)).status_code == 200
    response = client.post(reverse("records:report"), _report_data(township))
    assert response.status_code == 429
    assert "请求过于频繁" in response.content.decode()
    assert Complaint.objects.count() == 2
    other = client.post(reverse("records:report"), _report_data(township), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200
    assert Complaint.objects.count() == 3


def test_a_script_tag_in_a_report_is_shown_as_text(client, township):
    client.post(
        reverse("records:report"), _report_data(township, text="<script>alert('x')</script>")
    )
    number = Complaint.objects.get().tracking_number
    page = client.get(reverse("records:track_detail", args=[number])).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_a_named_report_needs_a_contact(client, township):
    data = _report_data(township)
    del data["anonymous"]
    response = client.post(reverse("records:report"), data)
    assert not Complaint.objects.exists()
    assert response.status_code == 200


def test_the_reporter_can_say_whether_the_answer_solved_it(client, township, operator):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="t", text="x"
    )
    services.complaint_route(complaint=complaint, by=operator)
    services.complaint_answer(complaint=complaint, by=operator, answer="已安装")
    url = reverse("records:track_detail", args=[complaint.tracking_number])
    client.post(url, {"feedback": "solved", "comment": "谢谢"})
    complaint.refresh_from_db()
    assert complaint.feedback == "solved"


def test_an_unknown_tracking_number_is_not_found(client):
    assert client.get(reverse("records:track_detail", args=["JB000"])).status_code == 404
    page = client.get(reverse("records:track"), {"tracking_number": "JB000"})
    assert page.status_code == 200


def test_a_report_against_a_commitment_goes_to_its_unit(client, township):
    from commitments.models import Commitment

    commitment = Commitment.objects.create(
        organisation=township,
        kind="time_limit",
        title="修桥",
        deadline=D(2026, 1, 1),
        status="published",
    )
    data = _report_data(township, commitment=commitment.pk)
    del data["organisation"]
    client.post(reverse("records:report"), data)
    complaint = Complaint.objects.get()
    assert (complaint.commitment, complaint.organisation) == (commitment, township)


def test_public_pages_show_another_organisations_user_only_public_data(
    client, other_operator, make_record
):
    draft = make_record(status="draft", title="草稿不可见")
    client.force_login(other_operator)
    assert "草稿不可见" not in client.get(reverse("records:register")).content.decode()
    assert client.get(reverse("records:detail", args=[draft.pk])).status_code == 404
    assert "草稿不可见" not in client.get("/api/v1/records/public/").content.decode()


def test_the_public_csv_export_neutralises_formulas_in_titles(client, make_record):
    for payload in PAYLOADS:
        make_record(title=payload)
    rows = csv_cells(client.get(reverse("records:export", args=["csv"])).content)

    assert_neutralised(rows[1:])
    assert {row[rows[0].index("title")] for row in rows[1:]} == {"'" + p for p in PAYLOADS}


def _lookup(client, number: str, **extra):
    data = {"tracking_number": number, "captcha_0": "k", "captcha_1": "PASSED"}
    return client.post(reverse("records:track"), data, **extra)


@override_settings(LOOKUP_RATE_LIMIT="3/h")
def test_the_case_lookup_is_limited_per_address(client, township):
    for _ in range(3):
        assert _lookup(client, "JB20261203AAAAAA").status_code == 200
    refused = _lookup(client, "JB20261203AAAAAA")
    assert refused.status_code == 429 and "请求过于频繁" in refused.content.decode()
    assert _lookup(client, "JB20261203AAAAAA", REMOTE_ADDR="10.0.0.9").status_code == 200


@override_settings(REPORT_RATE_LIMIT="1/h", TRUSTED_PROXIES=["10.0.0.1"])
def test_the_report_limit_counts_the_real_client_behind_the_trusted_proxy(client, township):
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    url = reverse("records:report")
    first = client.post(
        url, _report_data(township), HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy
    )
    assert first.status_code == 200
    again = client.post(
        url, _report_data(township), HTTP_X_FORWARDED_FOR="198.51.100.1", **via_proxy
    )
    assert again.status_code == 429
    other = client.post(
        url, _report_data(township), HTTP_X_FORWARDED_FOR="198.51.100.2", **via_proxy
    )
    assert other.status_code == 200
    assert Complaint.objects.count() == 2


@override_settings(REPORT_RATE_LIMIT="1/h", TRUSTED_PROXIES=["10.0.0.1"])
def test_a_forged_forwarded_header_does_not_reset_the_report_limit(client, township):
    url = reverse("records:report")
    direct = {"REMOTE_ADDR": "203.0.113.50"}
    assert client.post(url, _report_data(township), **direct).status_code == 200
    forged = client.post(url, _report_data(township), HTTP_X_FORWARDED_FOR="1.2.3.4", **direct)
    assert forged.status_code == 429
    assert Complaint.objects.count() == 1
