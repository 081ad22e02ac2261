"""Two people taking the same records decision at once: exactly one is applied.

Only PostgreSQL race tests live here: they commit and flush, so this file must hold nothing
but transactional tests.
"""

import pytest

from integrity.records import services
from integrity.records.models import Complaint, Objection
from tests.concurrency import count, fresh, postgres_race, race

E = services.EventType


@postgres_race
@pytest.mark.parametrize("step", ["confirm", "publish"])
def test_two_officers_confirm_or_publish_a_record_once(make_record, credit_officer, step):
    record = make_record(status="draft" if step == "confirm" else "notified")
    action = services.record_confirm if step == "confirm" else services.record_publish

    def decide():
        action(record=fresh(record), by=credit_officer)

    assert sorted(race(decide, decide)) == ["ok", "refused"]
    assert count(record, E.RECORD_CONFIRMED if step == "confirm" else E.RECORD_PUBLISHED) == 1


@postgres_race
def test_two_objection_decisions_at_once_apply_one(pending_objection, credit_officer):
    def decide(outcome: str):
        return lambda: services.objection_decide(
            objection=fresh(pending_objection), by=credit_officer, outcome=outcome, decision="决定"
        )

    outcomes = race(decide(Objection.Status.MAINTAINED), decide(Objection.Status.REVOKED))
    assert sorted(outcomes) == ["ok", "refused"]
    assert count(pending_objection.record, E.OBJECTION_DECIDED) == 1


@postgres_race
def test_two_objections_filed_at_once_leave_one_pending(make_record):
    record = make_record()

    def file():
        services.objection_file(record=fresh(record), applicant="a", grounds="g")

    assert sorted(race(file, file)) == ["ok", "refused"]
    assert record.objections.filter(status=Objection.Status.PENDING).count() == 1


@postgres_race
def test_approve_and_reject_of_a_repair_at_once_apply_one(repair_application, credit_officer):
    def approve():
        services.repair_approve(application=fresh(repair_application), by=credit_officer)

    def reject():
        services.repair_reject(
            application=fresh(repair_application), by=credit_officer, decision="否"
        )

    assert sorted(race(approve, reject)) == ["ok", "refused"]
    record = repair_application.record
    assert count(record, E.RECORD_REPAIRED) + count(record, E.REPAIR_REJECTED) == 1


@postgres_race
def test_two_verifications_of_a_report_at_once_apply_one(answered_complaint, operator):
    def verify(founded: bool):
        return lambda: services.complaint_verify(
            complaint=fresh(answered_complaint), by=operator, founded=founded
        )

    assert sorted(race(verify(True), verify(False))) == ["ok", "refused"]
    assert count(answered_complaint, E.COMPLAINT_VERIFIED) == 1
    decided = (Complaint.Status.FOUNDED, Complaint.Status.UNFOUNDED)
    assert fresh(answered_complaint).status in decided
