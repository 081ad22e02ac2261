"""The notified unit explains, rectifies, objects and applies for repair from its own screens."""

import datetime

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrity.core.models import Event, Notice
from integrity.records import unit
from integrity.records.backoffice.todo import records_todo_items
from integrity.records.models import Objection, RecordEvidence, RepairApplication
from tests.factories import LeaderFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def pdf(name="说明材料.pdf"):
    return SimpleUploadedFile(name, PDF)


def test_the_unit_submits_its_explanation_with_private_evidence(client, operator, make_record):
    record = make_record(status="notified")
    client.force_login(operator)
    assert record.title in client.get(reverse("records_unit_list")).content.decode()
    response = client.post(
        reverse("records_unit_action", args=[record.pk, "explain"]),
        {"text": "款项已于认定前部分支付。", "files": [pdf()]},
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.explanation == "款项已于认定前部分支付。"
    assert record.explanation_submitted_at is not None
    evidence = RecordEvidence.objects.get(record=record, kind="explanation")
    assert evidence.uploaded_by == operator
    assert Event.objects.filter(type="record.explained", actor=operator).exists()
    page = client.get(reverse("records_unit_detail", args=[record.pk])).content.decode()
    assert "款项已于认定前部分支付" in page
    download = client.get(reverse("records:evidence_file", args=[evidence.pk]))
    assert download.status_code == 200
    client.logout()
    assert client.get(reverse("records:evidence_file", args=[evidence.pk])).status_code == 404


def test_an_empty_explanation_is_refused_in_chinese_and_writes_nothing(
    client, operator, make_record
):
    record = make_record(status="notified")
    client.force_login(operator)
    response = client.post(
        reverse("records_unit_action", args=[record.pk, "explain"]), {"text": " "}, follow=True
    )
    assert "请填写书面说明" in response.content.decode()
    record.refresh_from_db()
    assert record.explanation_submitted_at is None
    assert not Event.objects.filter(type="record.explained").exists()


def test_a_rectification_needs_evidence(client, operator, make_record):
    record = make_record(status="published")
    client.force_login(operator)
    url = reverse("records_unit_action", args=[record.pk, "rectify"])
    client.post(url, {"text": "已整改"})
    record.refresh_from_db()
    assert record.rectification_submitted_at is None
    client.post(url, {"text": "已整改", "files": [pdf("整改报告.pdf")]})
    record.refresh_from_db()
    assert record.rectification == "已整改"
    assert record.evidence.filter(kind="rectification").count() == 1


def test_the_unit_files_an_objection_and_follows_its_status(
    client, operator, credit_officer, make_record
):
    from integrity.records import services

    record = make_record(status="published")
    client.force_login(operator)
    client.post(
        reverse("records_unit_action", args=[record.pk, "objection"]), {"grounds": "认定金额有误"}
    )
    objection = Objection.objects.get(record=record)
    assert (objection.filed_by, objection.applicant) == (operator, operator.organisation.name)
    services.objection_decide(
        objection=objection, by=credit_officer, outcome="maintained", decision="维持认定"
    )
    page = client.get(reverse("records_unit_detail", args=[record.pk])).content.decode()
    assert "维持认定" in page and "维持" in page


def test_the_unit_applies_for_repair_after_the_minimum_period(client, operator, make_record):
    record = make_record(status="published", day=datetime.date(2025, 1, 1))
    client.force_login(operator)
    client.post(
        reverse("records_unit_action", args=[record.pk, "repair"]),
        {"credit_commitment": "守信承诺", "performance": "已付清", "evidence": pdf("付款凭证.pdf")},
    )
    application = RepairApplication.objects.get(record=record)
    assert application.applied_by == operator
    assert application.evidence


def test_repair_before_the_minimum_period_is_refused(client, operator, make_record):
    record = make_record(status="published")  # determined 10 days ago
    client.force_login(operator)
    response = client.post(
        reverse("records_unit_action", args=[record.pk, "repair"]),
        {"credit_commitment": "承诺", "performance": "已付清"},
        follow=True,
    )
    assert not RepairApplication.objects.exists()
    assert "最短公示期" in response.content.decode()


def test_another_organisation_gets_404_and_writes_nothing(client, other_operator, make_record):
    record = make_record(status="notified")
    client.force_login(other_operator)
    assert record.title not in client.get(reverse("records_unit_list")).content.decode()
    assert client.get(reverse("records_unit_detail", args=[record.pk])).status_code == 404
    for action in ("explain", "rectify", "objection", "repair"):
        url = reverse("records_unit_action", args=[record.pk, action])
        assert client.post(url, {"text": "x", "grounds": "x"}).status_code == 404
    record.refresh_from_db()
    assert record.explanation_submitted_at is None and not record.objections.exists()


def test_the_credit_office_does_not_answer_in_the_units_place(client, credit_officer, make_record):
    record = make_record(status="notified")
    client.force_login(credit_officer)
    denied = client.get(reverse("records_unit_list"))
    assert (denied.status_code, denied.url) == (302, "/admin/")  # Wagtail: "no permission"
    url = reverse("records_unit_action", args=[record.pk, "explain"])
    assert client.post(url, {"text": "x"}).url == "/admin/"
    record.refresh_from_db()
    assert record.explanation_submitted_at is None


def test_anonymous_visitors_are_sent_to_the_login_page(client, make_record):
    record = make_record(status="notified")
    for url in (
        reverse("records_unit_list"),
        reverse("records_unit_detail", args=[record.pk]),
        reverse("records_credit_todo"),
        reverse("records_defaulters_import"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response.url
    client.post(reverse("records_unit_action", args=[record.pk, "explain"]), {"text": "x"})
    record.refresh_from_db()
    assert record.explanation_submitted_at is None


def test_the_dashboard_alarms_before_the_deadline_and_escalates_after(
    rf, operator, township, county, make_record
):
    record = make_record(status="notified")
    request = rf.get("/admin/")
    request.user = operator
    items = {i["label"]: i for i in records_todo_items(request)}
    assert items["待提交的书面说明"]["count"] == 1
    assert items["待提交的书面说明"]["url"] == reverse("records_unit_list")

    late = record.explanation_due + datetime.timedelta(days=1)
    assert unit.explanations_escalate(on=late) == 1
    assert unit.explanations_escalate(on=late) == 0  # once
    assert Notice.objects.filter(organisation=county, level="danger").exists()
    assert Event.objects.filter(type="record.explanation_escalated").count() == 1


def test_the_credit_office_sees_explanations_and_pending_decisions(
    client, rf, credit_officer, operator, make_record
):
    record = make_record(status="notified", title="待说明记录")
    unit.record_explain(record=record, by=operator, text="书面说明")
    unit.unit_objection_file(record=record, by=operator, grounds="有误")
    client.force_login(credit_officer)
    page = client.get(reverse("records_credit_todo")).content.decode()
    assert page.count("待说明记录") >= 2
    request = rf.get("/admin/")
    request.user = credit_officer
    labels = {i["label"]: i["count"] for i in records_todo_items(request)}
    assert labels["待决定的异议"] == 1


def test_a_leader_may_answer_too(make_record, township):
    leader = LeaderFactory(organisation=township)
    record = make_record(status="notified")
    unit.record_explain(record=record, by=leader, text="说明")
    assert record.explanation == "说明"


def test_the_public_record_page_has_an_entrance_for_the_unit(client, operator, make_record):
    record = make_record(status="published")
    page = client.get(reverse("records:detail", args=[record.pk])).content.decode()
    entrance = reverse("records_unit_detail", args=[record.pk])
    assert entrance in page and "异议申诉" in page
    response = client.get(entrance)
    assert "/login/" in response.url  # a visitor signs in first
    client.force_login(operator)
    assert client.get(entrance).status_code == 200


def test_another_credit_office_sees_none_of_it_on_its_todo(
    client, rf, other_credit_officer, operator, make_record
):
    record = make_record(status="notified", title="待说明记录")
    unit.unit_objection_file(record=record, by=operator, grounds="有误")
    client.force_login(other_credit_officer)
    assert "待说明记录" not in client.get(reverse("records_credit_todo")).content.decode()
    request = rf.get("/admin/")
    request.user = other_credit_officer
    assert records_todo_items(request) == []
