"""Objections (异议) and credit repair (信用修复) of a record.

Part of the records services (re-exported by :mod:`integrity.records.services`).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.permissions import require_perm
from integrity.core.workdays import add_working_days

from .models import (
    DishonestyRecord,
    Objection,
    RecordStatus,
    RepairApplication,
)
from .services import (
    LIVE,
    RECORD_FIELDS,
    EventType,
    _apply_periods,
    _end_record,
    _procedure,
    _require,
    _today,
)

# --- objections ----------------------------------------------------------------------


@transaction.atomic
def objection_file(
    *,
    record: DishonestyRecord,
    applicant: str,
    grounds: str,
    by=None,
    on: datetime.date | None = None,
) -> Objection:
    """Register an objection; the public record shows "under objection" until decided."""
    require_perm(
        by, ("records.change_dishonestyrecord", "records.respond_dishonestyrecord"), record
    )
    lock(record)
    _require(record.status in LIVE, _("Objections are possible only against a live record."))
    _require(not record.has_pending_objection(), _("An objection is already being handled."))
    day = on or _today()
    rule = _procedure(record.organisation, day)
    objection = Objection.objects.create(
        record=record,
        applicant=applicant,
        grounds=grounds,
        received_on=day,
        due_date=add_working_days(day, rule.objection_working_days).value,
    )
    record_event(
        type=EventType.OBJECTION_FILED,
        actor=by,
        obj=record,
        details={"objection": objection.pk, "due_date": objection.due_date},
    )
    return objection


@transaction.atomic
def objection_decide(
    *, objection: Objection, by, outcome: str, decision: str, changes: dict | None = None
) -> Objection:
    """Maintain, correct (applying ``changes`` to the record) or revoke the record.
    Locks the objection, then its record (a concurrent repair decision waits)."""
    require_perm(by, "records.change_dishonestyrecord", objection.record)
    lock(objection)
    lock(objection.record)
    _require(objection.status == Objection.Status.PENDING, _("This objection is already decided."))
    _require(
        outcome
        in (Objection.Status.MAINTAINED, Objection.Status.CORRECTED, Objection.Status.REVOKED),
        _("Choose a valid outcome."),
    )
    _require(bool(decision.strip()), _("Write the decision."))
    objection.status, objection.decision = outcome, decision
    objection.decided_at = timezone.now()
    objection.save()
    record = objection.record
    if outcome == Objection.Status.CORRECTED:
        _correct(record, by=by, changes=changes or {}, reason=decision)
    elif outcome == Objection.Status.REVOKED:
        _end_record(
            record, by=by, to=RecordStatus.REVOKED, event=EventType.RECORD_REVOKED, reason=decision
        )
    record_event(
        type=EventType.OBJECTION_DECIDED,
        actor=by,
        obj=record,
        details={"objection": objection.pk, "outcome": outcome},
        reason=decision,
    )
    return objection


def _correct(record, *, by, changes: dict, reason: str) -> None:
    unknown = set(changes) - set(RECORD_FIELDS)
    _require(not unknown, _("These fields cannot be corrected."))
    old = {name: getattr(record, name) for name in changes}
    for name, value in changes.items():
        setattr(record, name, value)
    _apply_periods(record)
    record.full_clean()
    record.save()
    record_event(
        type=EventType.RECORD_CORRECTED,
        actor=by,
        obj=record,
        reason=reason,
        details={k: [old[k], getattr(record, k)] for k in changes},
    )


# --- repair --------------------------------------------------------------------------


@transaction.atomic
def repair_apply(
    *,
    record: DishonestyRecord,
    by,
    credit_commitment: str,
    performance: str,
    evidence=None,
    on: datetime.date | None = None,
) -> RepairApplication:
    """Apply for credit repair: only after the minimum period, with commitment and evidence."""
    require_perm(
        by, ("records.change_dishonestyrecord", "records.respond_dishonestyrecord"), record
    )
    day = on or _today()
    lock(record)
    _require(record.status in LIVE, _("Only a live record can be repaired."))
    _require(
        record.min_end_date is not None and day >= record.min_end_date,
        _("Repair can be applied for only after the minimum publication period."),
    )
    _require(bool(credit_commitment.strip()), _("The credit commitment is required."))
    _require(
        bool(performance.strip()) or evidence is not None,
        _("Evidence that the obligation was performed is required."),
    )
    _require(
        not record.repairs.filter(status=RepairApplication.Status.SUBMITTED).exists(),
        _("A repair application is already being handled."),
    )
    if evidence is not None:
        from integrity.core.uploads import check_upload

        check_upload(evidence)
    application = RepairApplication(
        record=record,
        credit_commitment=credit_commitment,
        performance=performance,
        submitted_on=day,
    )
    if evidence is not None:
        application.evidence = evidence
    application.save()
    record_event(
        type=EventType.REPAIR_APPLIED, actor=by, obj=record, details={"application": application.pk}
    )
    return application


def _decide_repair(application: RepairApplication, status: str, decision: str) -> None:
    lock(application)
    lock(application.record)
    _require(
        application.status == RepairApplication.Status.SUBMITTED,
        _("This application is already decided."),
    )
    application.status, application.decision = status, decision
    application.decided_at = timezone.now()
    application.save()


@transaction.atomic
def repair_approve(*, application: RepairApplication, by, decision: str = "") -> DishonestyRecord:
    """Approve repair: publication, sharing and sanctions stop in this one step."""
    require_perm(by, "records.change_dishonestyrecord", application.record)
    _decide_repair(application, RepairApplication.Status.APPROVED, decision)
    return _end_record(
        application.record,
        by=by,
        to=RecordStatus.REPAIRED,
        event=EventType.RECORD_REPAIRED,
        reason=decision,
    )


@transaction.atomic
def repair_reject(*, application: RepairApplication, by, decision: str) -> RepairApplication:
    require_perm(by, "records.change_dishonestyrecord", application.record)
    _require(bool(decision.strip()), _("Give the reason for the rejection."))
    _decide_repair(application, RepairApplication.Status.REJECTED, decision)
    record_event(
        type=EventType.REPAIR_REJECTED,
        actor=by,
        obj=application.record,
        details={"application": application.pk},
        reason=decision,
    )
    return application
