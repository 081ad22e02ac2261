"""A second decision taken on a stale object is refused (both databases), and the back
office turns the refusal into a message instead of an error page."""

import pytest

from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse

from integrity.records import services
from integrity.records.models import (
    Complaint,
    DishonestyRecord,
    Objection,
    RecordStatus,
    RepairApplication,
)
from tests.concurrency import count, fresh

pytestmark = pytest.mark.django_db
E = services.EventType


def test_a_second_confirmation_with_a_stale_record_is_refused(make_record, credit_officer):
    record = make_record(status="draft")
    stale = fresh(record)
    services.record_confirm(record=fresh(record), by=credit_officer)
    with pytest.raises(ValidationError):
        services.record_confirm(record=stale, by=credit_officer)
    assert count(record, E.RECORD_CONFIRMED) == 1


def test_a_second_publication_with_a_stale_record_is_refused(make_record, credit_officer):
    record = make_record(status="notified")
    stale = fresh(record)
    services.record_publish(record=fresh(record), by=credit_officer)
    with pytest.raises(ValidationError):
        services.record_publish(record=stale, by=credit_officer)
    assert count(record, E.RECORD_PUBLISHED) == 1


def test_a_second_objection_decision_with_a_stale_objection_is_refused(
    pending_objection, credit_officer
):
    stale = fresh(pending_objection)
    services.objection_decide(
        objection=fresh(pending_objection),
        by=credit_officer,
        outcome=Objection.Status.MAINTAINED,
        decision="维持",
    )
    with pytest.raises(ValidationError):
        services.objection_decide(
            objection=stale, by=credit_officer, outcome=Objection.Status.REVOKED, decision="撤销"
        )
    record = DishonestyRecord.objects.get(pk=pending_objection.record_id)
    assert record.status == RecordStatus.PUBLISHED
    assert fresh(pending_objection).status == Objection.Status.MAINTAINED
    assert count(record, E.OBJECTION_DECIDED) == 1
    assert count(record, E.RECORD_REVOKED) == 0


def test_rejecting_an_already_approved_repair_with_a_stale_object_is_refused(
    repair_application, credit_officer
):
    stale = fresh(repair_application)
    services.repair_approve(application=fresh(repair_application), by=credit_officer)
    with pytest.raises(ValidationError):
        services.repair_reject(application=stale, by=credit_officer, decision="材料不全")
    assert fresh(repair_application).status == RepairApplication.Status.APPROVED
    record = repair_application.record
    assert count(record, E.RECORD_REPAIRED) == 1
    assert count(record, E.REPAIR_REJECTED) == 0


def test_a_second_verification_with_a_stale_complaint_is_refused(answered_complaint, operator):
    stale = fresh(answered_complaint)
    services.complaint_verify(complaint=fresh(answered_complaint), by=operator, founded=False)
    with pytest.raises(ValidationError):
        services.complaint_verify(complaint=stale, by=operator, founded=True, follow_up="record")
    assert fresh(answered_complaint).status == Complaint.Status.UNFOUNDED
    assert count(answered_complaint, E.COMPLAINT_VERIFIED) == 1
    assert not DishonestyRecord.objects.exists()


def test_refusing_a_report_already_routed_with_a_stale_object_is_refused(township, operator):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="路灯未装", text="原文"
    )
    stale = fresh(complaint)
    services.complaint_route(complaint=fresh(complaint), by=operator)
    with pytest.raises(ValidationError):
        services.complaint_reject(complaint=stale, by=operator, reason="不属实")
    assert fresh(complaint).status == Complaint.Status.ROUTED
    assert count(complaint, E.COMPLAINT_REJECTED) == 0


def test_the_back_office_shows_a_message_for_a_second_objection_decision(
    client, credit_officer, pending_objection
):
    record = pending_objection.record
    url = reverse("records_admin_record_action", args=[record.pk, "decide"])
    data = {"objection": pending_objection.pk, "outcome": "maintained", "decision": "维持"}
    client.force_login(credit_officer)
    assert client.post(url, data).status_code == 302
    second = client.post(url, {**data, "outcome": "revoked", "decision": "撤销"})
    assert second.status_code == 302
    texts = [str(m) for m in get_messages(second.wsgi_request)]
    assert "该异议已处理。" in texts
    assert count(record, E.OBJECTION_DECIDED) == 1
    assert fresh(record).status == RecordStatus.PUBLISHED


def test_the_back_office_shows_a_message_for_a_second_verification(
    client, operator, answered_complaint
):
    url = reverse("records_admin_complaint_action", args=[answered_complaint.pk, "verify"])
    client.force_login(operator)
    assert client.post(url, {"founded": "no"}).status_code == 302
    second = client.post(url, {"founded": "yes"})
    assert second.status_code == 302
    texts = [str(m) for m in get_messages(second.wsgi_request)]
    assert "只有已答复的投诉举报才能核实。" in texts
    assert count(answered_complaint, E.COMPLAINT_VERIFIED) == 1
