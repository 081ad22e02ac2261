"""The records services refuse a role that may not act, however they are called."""

import pytest

from django.core.exceptions import PermissionDenied

from integrity.records import lists, services
from integrity.records.models import Complaint, RecordStatus

pytestmark = pytest.mark.django_db


def test_an_operator_cannot_confirm_notify_or_publish_a_record(make_record, operator):
    record = make_record(status="draft")
    for step in (services.record_confirm, services.record_notify, services.record_publish):
        with pytest.raises(PermissionDenied, match="角色"):
            step(record=record, by=operator)
    record.refresh_from_db()
    assert record.status == RecordStatus.DRAFT


def test_the_unit_answers_an_objection_but_only_the_credit_office_decides(
    make_record, operator, credit_officer
):
    record = make_record()
    objection = services.objection_file(
        record=record, by=operator, applicant="石桥镇", grounds="有误"
    )
    with pytest.raises(PermissionDenied):
        services.objection_decide(
            objection=objection, by=operator, outcome="revoked", decision="撤销"
        )
    services.objection_decide(
        objection=objection, by=credit_officer, outcome="maintained", decision="维持"
    )


def test_hr_cannot_handle_a_citizen_report(township, hr_user):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="t", text="x"
    )
    with pytest.raises(PermissionDenied):
        services.complaint_route(complaint=complaint, by=hr_user)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED


def test_an_operator_cannot_open_a_red_and_black_list(operator, county):
    import datetime

    with pytest.raises(PermissionDenied):
        lists.list_issue_create(
            by=operator,
            jurisdiction=county,
            title="月度红黑榜",
            period_start=datetime.date(2026, 11, 1),
            period_end=datetime.date(2026, 11, 30),
        )


def test_a_credit_officer_of_another_county_cannot_confirm(make_record, other_credit_officer):
    record = make_record(status="draft")
    with pytest.raises(PermissionDenied):
        services.record_confirm(record=record, by=other_credit_officer)


def test_system_jobs_act_without_a_user(make_record):
    record = make_record(status="draft")
    services.record_confirm(record=record, by=None)
    assert record.status == RecordStatus.CONFIRMED
