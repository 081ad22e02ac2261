import datetime

import pytest

from django.urls import reverse

from integrity.records import services
from integrity.records.models import CreditCheck, DishonestyRecord, RecordStatus
from tests.formulas import PAYLOADS, assert_neutralised, csv_cells

pytestmark = pytest.mark.django_db


def test_the_credit_office_sees_and_confirms_records_of_its_subtree(
    client, credit_officer, make_record
):
    record = make_record(status="draft", title="待认定记录")
    client.force_login(credit_officer)
    assert "待认定记录" in client.get(reverse("records_record:index")).content.decode()
    page = client.get(reverse("records_record:inspect", args=[record.pk]))
    assert page.status_code == 200
    client.post(reverse("records_admin_record_action", args=[record.pk, "confirm"]))
    record.refresh_from_db()
    assert record.status == RecordStatus.CONFIRMED


def test_another_organisations_credit_office_cannot_open_or_act(
    client, other_credit_officer, make_record
):
    record = make_record(status="draft", title="待认定记录")
    client.force_login(other_credit_officer)
    assert "待认定记录" not in client.get(reverse("records_record:index")).content.decode()
    denied = client.get(reverse("records_record:inspect", args=[record.pk]))
    assert (denied.status_code, denied.url) == (302, "/admin/")  # Wagtail: "no permission"
    response = client.post(reverse("records_admin_record_action", args=[record.pk, "confirm"]))
    assert response.status_code == 404
    assert client.get(reverse("records_admin_notice_pdf", args=[record.pk])).status_code == 404
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_anonymous_visitors_are_sent_to_the_login_page(client, make_record):
    record = make_record(status="draft")
    for url in (
        reverse("records_record:index"),
        reverse("records_complaint:index"),
        reverse("records_official:index"),
        reverse("records_record:inspect", args=[record.pk]),
        reverse("records_admin_notice_pdf", args=[record.pk]),
    ):
        assert client.get(url).status_code == 302
    response = client.post(reverse("records_admin_record_action", args=[record.pk, "confirm"]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_an_operator_cannot_change_records(client, operator, make_record):
    record = make_record(status="draft")
    client.force_login(operator)
    response = client.post(reverse("records_admin_record_action", args=[record.pk, "confirm"]))
    assert (response.status_code, response.url) == (302, "/admin/")  # permission denied
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_the_notice_pdf_is_served_to_the_credit_office(client, credit_officer, make_record):
    record = make_record(status="notified")
    client.force_login(credit_officer)
    response = client.get(reverse("records_admin_notice_pdf", args=[record.pk]))
    assert response["Content-Type"] == "application/pdf"


def test_a_repaired_record_stays_in_the_back_office_with_its_history(
    client, credit_officer, make_record
):
    record = make_record(day=datetime.date(2025, 1, 1), title="已修复记录")
    application = services.repair_apply(
        record=record, by=credit_officer, credit_commitment="c", performance="p"
    )
    services.repair_approve(application=application, by=credit_officer)
    client.force_login(credit_officer)
    page = client.get(reverse("records_record:inspect", args=[record.pk])).content.decode()
    assert "完成信用修复" in page and "公示失信记录" in page and "record.repaired" not in page
    assert client.get(reverse("records_admin_repair_pdf", args=[application.pk])).status_code == 200


def test_hr_runs_a_credit_check_from_the_archive(client, hr_user, township, make_record):
    official = services.official_create(
        by=None, organisation=township, name="张三", id_number="350102198001011234"
    )
    make_record(official=official)
    client.force_login(hr_user)
    page = client.get(reverse("records_official:inspect", args=[official.pk])).content.decode()
    assert "350***********1234" in page and "350102198001011234" not in page
    client.post(reverse("records_admin_credit_check", args=[official.pk]), {"purpose": "promotion"})
    assert CreditCheck.objects.get().result == "flagged"


def test_an_operator_routes_and_answers_a_report_of_its_unit(
    client, operator, township, other_operator
):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="t", text="原文"
    )
    client.force_login(other_operator)
    url = reverse("records_admin_complaint_action", args=[complaint.pk, "route"])
    assert client.post(url).status_code == 404
    denied = client.get(reverse("records_complaint:inspect", args=[complaint.pk]))
    assert (denied.status_code, denied.url) == (302, "/admin/")
    client.force_login(operator)
    client.post(url, {"unit": township.pk})
    client.post(
        reverse("records_admin_complaint_action", args=[complaint.pk, "moderate"]),
        {"public_text": "修改后", "reason": "删除不文明用语"},
    )
    client.post(
        reverse("records_admin_complaint_action", args=[complaint.pk, "answer"]),
        {"answer": "已处理"},
    )
    complaint.refresh_from_db()
    assert (complaint.status, complaint.original_text, complaint.public_text) == (
        "answered",
        "原文",
        "修改后",
    )
    assert complaint.answer_due is not None and complaint.supervisor == township.parent


def test_a_system_administrator_edits_publication_rules_and_the_edit_is_logged(client, city):
    from integrity.core.models import Event
    from integrity.records.models import PublicationRule
    from tests.factories import SysadminFactory

    admin = SysadminFactory(organisation=city)
    rule = PublicationRule.objects.get(severity="general", valid_from=datetime.date(2026, 4, 1))
    client.force_login(admin)
    assert client.get(reverse("records_publicationrule:index")).status_code == 200
    data = {
        "valid_from": "2026-04-01",
        "valid_to": "",
        "source": rule.source,
        "severity": "general",
        "min_months": 4,
        "max_months": 12,
        "published_by_default": "on",
        "jurisdiction": "",
    }
    client.post(reverse("records_publicationrule:edit", args=[rule.pk]), data)
    rule.refresh_from_db()
    assert rule.min_months == 4
    assert Event.objects.filter(type="rule.saved", object_id=str(rule.pk)).exists()


def test_rule_screens_refuse_other_roles_and_anonymous_visitors(client, operator):
    assert client.get(reverse("records_publicationrule:index")).status_code == 302
    client.force_login(operator)
    response = client.get(reverse("records_publicationrule:index"))
    assert (response.status_code, response.url) == (302, "/admin/")


def test_the_back_office_export_has_every_status_of_the_users_subtree_only(
    client, credit_officer, other_credit_officer, make_record
):
    make_record(status="draft", title="草稿记录")
    url = reverse("records_admin_export", args=["csv"])
    assert client.get(url).status_code == 302
    client.force_login(other_credit_officer)
    assert "草稿记录" not in client.get(url).content.decode()
    client.force_login(credit_officer)
    body = client.get(url).content.decode()
    assert "草稿记录" in body and "draft" in body
    assert client.get(reverse("records_admin_export", args=["json"])).status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "records_record:index",
        "records_record:add",
        "records_complaint:index",
        "records_official:index",
        "records_official:add",
    ],
)
def test_back_office_screens_render_for_the_credit_office(client, credit_officer, name):
    client.force_login(credit_officer)
    assert client.get(reverse(name)).status_code == 200


def test_the_credit_office_creates_a_record_through_the_form(client, credit_officer, township):
    client.force_login(credit_officer)
    data = {
        "organisation": township.pk,
        "official": "",
        "title": "表单创建的记录",
        "facts": "f",
        "source": "arrears",
        "severity": "general",
        "legal_basis": "b",
        "determination_date": "2026-04-15",
        "deciding_body": "d",
        "decision_number": "n",
        "publish": "on",
    }
    client.post(reverse("records_record:add"), data)
    from integrity.records.models import DishonestyRecord

    record = DishonestyRecord.objects.get(title="表单创建的记录")
    assert record.max_end_date == datetime.date(2027, 4, 15)
    from integrity.core.models import Event

    assert Event.objects.filter(type="record.created", object_id=str(record.pk)).exists()


def test_hr_creates_an_official_with_an_encrypted_id_number(client, hr_user, township):
    client.force_login(hr_user)
    client.post(
        reverse("records_official:add"),
        {
            "organisation": township.pk,
            "name": "新公务员",
            "post": "科员",
            "phone": "",
            "is_active": "on",
            "id_number": "350102199001011234",
        },
    )
    from integrity.records.models import Official

    official = Official.objects.get(name="新公务员")
    assert official.id_number == "350102199001011234"
    from tests.rawdb import raw_value

    assert "350102199001011234" not in raw_value(official, "id_number")


def test_a_superuser_opens_the_read_only_complaint_list(client, city):
    from tests.factories import SysadminFactory

    client.force_login(SysadminFactory(organisation=city))
    assert client.get(reverse("records_complaint:index")).status_code == 200


def test_the_credit_office_registers_and_approves_repair_with_an_evidence_file(
    client, credit_officer, make_record
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = make_record(day=datetime.date(2025, 1, 1), title="可修复记录")
    client.force_login(credit_officer)
    url = reverse("records_admin_record_action", args=[record.pk, "repair"])
    evidence = SimpleUploadedFile("paid.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post(url, {"credit_commitment": "承诺", "performance": "已付清", "evidence": evidence})
    application = record.repairs.get()
    assert application.evidence.name.endswith(".pdf")
    client.post(
        reverse("records_admin_record_action", args=[record.pk, "approve"]),
        {"application": application.pk, "decision": "同意"},
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.REPAIRED


def test_evidence_files_are_checked_by_content(client, credit_officer, make_record):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = make_record(status="draft")
    client.force_login(credit_officer)
    url = reverse("records_admin_record_action", args=[record.pk, "evidence"])
    fake = SimpleUploadedFile("judgment.pdf", b"MZ\x90\x00" * 10, "application/pdf")
    client.post(url, {"evidence": fake})
    assert not record.evidence.exists()
    real = SimpleUploadedFile("judgment.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post(url, {"evidence": real, "description": "判决书"})
    assert record.evidence.get().description == "判决书"
    assert (
        "判决书" in client.get(reverse("records_record:inspect", args=[record.pk])).content.decode()
    )


def test_the_back_office_csv_export_neutralises_formulas_for_its_own_area_only(
    client, credit_officer, other_credit_officer, make_record
):
    for payload in PAYLOADS:
        make_record(status="draft", title=payload)
    url = reverse("records_admin_export", args=["csv"])
    client.force_login(other_credit_officer)
    assert csv_cells(client.get(url).content)[1:] == []

    client.force_login(credit_officer)
    rows = csv_cells(client.get(url).content)

    assert_neutralised(rows[1:])
    assert [row[rows[0].index("id")] for row in rows[1:]] == [
        str(pk) for pk in sorted(DishonestyRecord.objects.values_list("pk", flat=True))
    ]
