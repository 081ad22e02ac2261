import datetime

import pytest

from django.core.exceptions import ValidationError

from integrity.core.models import Event
from integrity.records import services
from integrity.records.models import (
    CreditCheck,
    DishonestyRecord,
    Objection,
    RecordStatus,
    Sanction,
    Severity,
)

D = datetime.date
TODAY = datetime.date.today()
pytestmark = pytest.mark.django_db


def _types(obj):
    return list(Event.objects.for_object(obj).order_by("id").values_list("type", flat=True))


def test_the_lifecycle_writes_an_event_for_every_step(make_record):
    record = make_record(status="published")
    assert record.status == RecordStatus.PUBLISHED
    assert _types(record) == [
        "record.created",
        "record.confirmed",
        "record.notified",
        "record.published",
    ]
    assert record.explanation_due > TODAY
    assert record.rectification_deadline == TODAY + datetime.timedelta(days=90)


def test_notifying_a_record_posts_a_notice_to_the_unit(make_record, township):
    from integrity.core.models import Notice

    record = make_record(status="notified")
    notice = Notice.objects.get(organisation=township)
    assert record.title in notice.title


def test_confirming_an_organisation_record_starts_the_unit_sanctions(make_record):
    record = make_record(status="confirmed")
    kinds = set(record.sanctions.values_list("kind", flat=True))
    assert kinds == {Sanction.Kind.HONOURS, Sanction.Kind.CRITICISM, Sanction.Kind.LEADER}


def test_a_transition_out_of_order_is_refused(make_record, credit_officer):
    record = make_record(status="draft")
    with pytest.raises(ValidationError):
        services.record_publish(record=record, by=credit_officer)


def test_repair_is_refused_before_the_minimum_period(make_record, credit_officer):
    record = make_record(day=TODAY - datetime.timedelta(days=30))
    with pytest.raises(ValidationError, match="最短公示期"):
        services.repair_apply(
            record=record, by=credit_officer, credit_commitment="承诺", performance="已付清"
        )


def test_repair_needs_a_credit_commitment(make_record, credit_officer):
    record = make_record(day=D(2025, 1, 1))
    with pytest.raises(ValidationError):
        services.repair_apply(
            record=record, by=credit_officer, credit_commitment=" ", performance="已付清"
        )


def test_approving_repair_ends_publication_and_sanctions_in_one_step(make_record, credit_officer):
    record = make_record(day=D(2025, 1, 1))
    application = services.repair_apply(
        record=record,
        by=credit_officer,
        credit_commitment="本单位承诺材料真实",
        performance="已付清",
    )
    services.repair_approve(application=application, by=credit_officer, decision="同意修复")
    record.refresh_from_db()
    assert record.status == RecordStatus.REPAIRED
    assert not record.is_public()
    assert set(record.sanctions.values_list("status", flat=True)) == {Sanction.Status.ENDED}
    assert "record.repaired" in _types(record) and "record.sanctions_ended" in _types(record)


def test_an_objection_flags_the_record_until_it_is_decided(make_record, credit_officer):
    record = make_record()
    objection = services.objection_file(record=record, applicant="石桥镇", grounds="金额有误")
    flagged = DishonestyRecord.objects.with_objection_flag().get(pk=record.pk)
    assert flagged.under_objection
    assert objection.due_date > TODAY
    services.objection_decide(
        objection=objection, by=credit_officer, outcome=Objection.Status.MAINTAINED, decision="维持"
    )
    assert not DishonestyRecord.objects.with_objection_flag().get(pk=record.pk).under_objection


def test_a_second_pending_objection_is_refused(make_record):
    record = make_record()
    services.objection_file(record=record, applicant="a", grounds="g")
    with pytest.raises(ValidationError):
        services.objection_file(record=record, applicant="b", grounds="g")


def test_a_revoking_objection_removes_the_record_and_ends_sanctions(make_record, credit_officer):
    record = make_record()
    objection = services.objection_file(record=record, applicant="a", grounds="g")
    services.objection_decide(
        objection=objection,
        by=credit_officer,
        outcome=Objection.Status.REVOKED,
        decision="认定错误，撤销",
    )
    record.refresh_from_db()
    assert record.status == RecordStatus.REVOKED
    assert not record.sanctions.filter(status=Sanction.Status.ACTIVE).exists()


def test_a_correcting_objection_recomputes_the_period(make_record, credit_officer):
    record = make_record(severity=Severity.SERIOUS, day=D(2026, 4, 15))
    objection = services.objection_file(record=record, applicant="a", grounds="g")
    services.objection_decide(
        objection=objection,
        by=credit_officer,
        outcome=Objection.Status.CORRECTED,
        decision="改为一般",
        changes={"severity": Severity.GENERAL},
    )
    record.refresh_from_db()
    assert (record.severity, record.max_end_date) == (Severity.GENERAL, D(2027, 4, 15))
    assert record.status == RecordStatus.PUBLISHED


def test_the_daily_expiry_ends_records_at_their_maximum(make_record):
    record = make_record(day=D(2026, 4, 15))
    assert services.records_expire(on=D(2027, 4, 14)) == 0
    assert services.records_expire(on=D(2027, 4, 15)) == 1
    record.refresh_from_db()
    assert record.status == RecordStatus.EXPIRED
    assert not record.sanctions.filter(status=Sanction.Status.ACTIVE).exists()


def test_a_sanction_is_waived_only_with_a_reason(make_record, credit_officer):
    sanction = make_record().sanctions.first()
    with pytest.raises(ValidationError):
        services.sanction_adjust(sanction=sanction, by=credit_officer, status="waived", reason="")
    services.sanction_adjust(
        sanction=sanction, by=credit_officer, status="waived", reason="及时足额支付"
    )
    sanction.refresh_from_db()
    assert sanction.status == Sanction.Status.WAIVED


def test_an_official_with_a_live_record_fails_the_promotion_check_and_it_is_logged(
    make_record, hr_user, township
):
    official = services.official_create(
        by=hr_user,
        organisation=township,
        name="张三",
        post="副镇长",
        id_number="350102198001011234",
    )
    make_record(official=official, title="违规决策造成损失")
    check = services.credit_check(official=official, purpose="promotion", by=hr_user)
    assert check.result == CreditCheck.Result.FLAGGED
    assert "违规决策造成损失" in check.reasons[0]
    assert CreditCheck.objects.filter(official=official, checked_by=hr_user).count() == 1
    assert "official.credit_checked" in _types(official)


def test_an_official_without_records_is_clear(hr_user, township):
    official = services.official_create(by=hr_user, organisation=township, name="李四")
    assert services.credit_check(official=official, purpose="award", by=hr_user).result == "clear"


def test_a_waived_promotion_limit_clears_the_promotion_check(
    make_record, hr_user, township, credit_officer
):
    official = services.official_create(by=hr_user, organisation=township, name="王五")
    record = make_record(official=official)
    sanction = record.sanctions.get(kind=Sanction.Kind.PROMOTION_LIMIT)
    services.sanction_adjust(sanction=sanction, by=credit_officer, status="waived", reason="及时")
    assert (
        services.credit_check(official=official, purpose="promotion", by=hr_user).result == "clear"
    )
    assert services.credit_check(official=official, purpose="award", by=hr_user).result == "flagged"


def test_a_credit_check_outside_the_hr_users_scope_is_refused(other_township, hr_user):
    from tests.factories import UserFactory

    stranger = UserFactory(organisation=other_township, role="hr")
    official = services.official_create(by=hr_user, organisation=hr_user.organisation, name="赵六")
    with pytest.raises(ValidationError):
        services.credit_check(official=official, purpose="promotion", by=stranger)


def test_the_id_number_is_stored_encrypted_and_shown_masked(hr_user, township):
    official = services.official_create(
        by=hr_user, organisation=township, name="钱七", id_number="350102198001011234"
    )
    from integrity.core.crypto import blind_index
    from integrity.records.models import Official
    from tests.rawdb import raw_value

    assert "350102198001011234" not in raw_value(official, "id_number")
    assert Official.objects.get(pk=official.pk).id_number == "350102198001011234"
    assert official.id_number_masked == "350***********1234"
    assert Official.objects.get(id_number_hash=blind_index("350102198001011234")) == official


def test_a_broken_commitment_becomes_a_draft_record(township, credit_officer):
    from commitments.models import Commitment

    commitment = Commitment.objects.create(
        organisation=township,
        kind="time_limit",
        title="修路",
        deadline=D(2026, 1, 1),
        status="broken",
    )
    record = services.record_create_from_commitment(commitment=commitment, by=credit_officer)
    assert (record.status, record.commitment, record.source) == ("draft", commitment, "commitment")


def test_an_open_commitment_cannot_become_a_record(township, credit_officer):
    from commitments.models import Commitment

    commitment = Commitment.objects.create(
        organisation=township, kind="time_limit", title="修路", deadline=D(2026, 1, 1)
    )
    with pytest.raises(ValidationError):
        services.record_create_from_commitment(commitment=commitment, by=credit_officer)


def _answered_complaint(township, operator):
    complaint = services.complaint_submit(
        organisation=township, topic="promise", title="路灯未装", text="原文"
    )
    services.complaint_route(complaint=complaint, by=operator)
    return services.complaint_answer(complaint=complaint, by=operator, answer="已核查")


def test_a_founded_report_becomes_a_rectification_commitment(township, operator):
    from commitments.models import Commitment

    complaint = _answered_complaint(township, operator)
    services.complaint_verify(
        complaint=complaint, by=operator, founded=True, follow_up="rectification"
    )
    commitment = Commitment.objects.get(kind="rectification")
    assert (commitment.organisation, commitment.status) == (township, "draft")
    assert "路灯未装" in commitment.title


def test_a_founded_report_becomes_a_draft_record(township, operator, credit_officer):
    complaint = _answered_complaint(township, operator)
    services.complaint_verify(
        complaint=complaint, by=credit_officer, founded=True, follow_up="record"
    )
    record = complaint.records.get()
    assert (record.status, record.source) == ("draft", "complaint")


def test_an_unfounded_report_creates_nothing(township, operator):
    complaint = _answered_complaint(township, operator)
    services.complaint_verify(complaint=complaint, by=operator, founded=False, notes="不属实")
    complaint.refresh_from_db()
    assert complaint.status == "unfounded" and not complaint.records.exists()


def test_routing_notifies_the_unit_and_its_supervisor_with_a_working_day_deadline(
    township, operator, calendar
):
    from integrity.core.models import Notice
    from integrity.records.models import ProcedureRule

    ProcedureRule.objects.update(complaint_answer_working_days=5)
    complaint = services.complaint_submit(organisation=township, topic="debt", title="t", text="x")
    services.complaint_route(complaint=complaint, by=operator, on=D(2026, 9, 30))
    # 10-1..10-7 holiday, Saturday 10-10 a make-up working day: 10-8, 9, 10, 12, 13
    assert complaint.answer_due == D(2026, 10, 13)
    assert set(Notice.objects.values_list("organisation", flat=True)) == {
        township.pk,
        township.parent_id,
    }


def test_the_objection_deadline_follows_the_configured_working_days(make_record, calendar):
    from integrity.records.models import ProcedureRule

    ProcedureRule.objects.update(objection_working_days=3)
    record = make_record()
    objection = services.objection_file(
        record=record, applicant="a", grounds="g", on=D(2026, 4, 30)
    )
    assert objection.due_date == D(2026, 5, 8)  # 5-1 to 5-5 is the Labour Day holiday
