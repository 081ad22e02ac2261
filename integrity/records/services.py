"""Writes of the records app: every state change validates, saves atomically and logs an event."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.display import cn_date, deadline_text
from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import require_perm
from integrity.core.workdays import add_working_days

from .events import EventType
from .models import (
    BINDING_SANCTIONS,
    OFFICIAL_SANCTIONS,
    ORG_SANCTIONS,
    Complaint,
    DishonestyRecord,
    Official,
    ProcedureRule,
    PublicationRule,
    RecordStatus,
    Sanction,
    Severity,
    SourceType,
    add_months,
)

LIVE = (RecordStatus.CONFIRMED, RecordStatus.NOTIFIED, RecordStatus.PUBLISHED)


def _today() -> datetime.date:
    return timezone.localdate()


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def _procedure(organisation: Organisation, on: datetime.date) -> ProcedureRule:
    rule = ProcedureRule.objects.resolve(on=on, organisation=organisation)
    return rule or ProcedureRule(valid_from=on)


# --- publication periods -------------------------------------------------------------


def publication_rule_for(
    *, severity: str, determination_date: datetime.date, organisation: Organisation | None = None
) -> PublicationRule:
    """The period rule in force on the determination date (nearest jurisdiction wins)."""
    rules = PublicationRule.objects.filter(severity=severity)
    rule = rules.resolve(on=determination_date, organisation=organisation)
    if rule is None:  # before the oldest seeded generation: use the oldest one
        rule = rules.filter(jurisdiction__isnull=True).order_by("valid_from").first()
    if rule is None:
        raise ValidationError(_("No publication period rule covers this determination date."))
    return rule


def _apply_periods(record: DishonestyRecord) -> PublicationRule:
    rule = publication_rule_for(
        severity=record.severity,
        determination_date=record.determination_date,
        organisation=record.organisation,
    )
    record.publication_rule = rule
    record.min_end_date = add_months(record.determination_date, rule.min_months)
    record.max_end_date = add_months(record.determination_date, rule.max_months)
    return rule


# --- records -------------------------------------------------------------------------

RECORD_FIELDS = (
    "title",
    "facts",
    "source",
    "severity",
    "legal_basis",
    "determination_date",
    "deciding_body",
    "decision_number",
)


@transaction.atomic
def record_create(
    *,
    by,
    organisation: Organisation,
    title: str,
    source: str,
    severity: str,
    determination_date: datetime.date,
    official: Official | None = None,
    publish: bool | None = None,
    **extra,
) -> DishonestyRecord:
    """Create a draft record with its publication window computed. Raises ValidationError."""
    if official is not None:
        organisation = official.organisation
    record = DishonestyRecord(
        organisation=organisation,
        official=official,
        title=title,
        source=source,
        severity=severity,
        determination_date=determination_date,
        **extra,
    )
    rule = _apply_periods(record)
    record.publish = rule.published_by_default if publish is None else publish
    record.full_clean(exclude=["publication_rule"])
    record.save()
    record_event(
        type=EventType.RECORD_CREATED,
        actor=by,
        obj=record,
        details={"source": source, "severity": severity},
    )
    return record


def record_create_from_commitment(*, commitment, by) -> DishonestyRecord:
    """A broken commitment becomes a draft record of the promising unit."""
    _require(commitment.status == "broken", _("Only a broken commitment can become a record."))
    return record_create(
        by=by,
        organisation=commitment.organisation,
        title=str(commitment.title)[:200],
        source=SourceType.BROKEN_COMMITMENT,
        severity=Severity.GENERAL,
        determination_date=_today(),
        facts=getattr(commitment, "content", "") or "",
        commitment=commitment,
    )


def record_create_from_complaint(*, complaint: Complaint, by) -> DishonestyRecord:
    """A founded complaint becomes a draft record of the responsible unit."""
    _require(
        complaint.status == Complaint.Status.FOUNDED,
        _("Only a founded complaint can become a record."),
    )
    return record_create(
        by=by,
        organisation=complaint.organisation,
        title=complaint.title,
        source=SourceType.COMPLAINT,
        severity=Severity.GENERAL,
        determination_date=_today(),
        facts=complaint.shown_text,
        complaint=complaint,
    )


def _transition(record, *, by, to: str, allowed: tuple, event: str, **details) -> None:
    _require(record.status in allowed, _("This action is not possible in the current status."))
    old = record.status
    record.status = to
    record.save()
    record_event(type=event, actor=by, obj=record, details={"from": old, "to": to, **details})


@transaction.atomic
def record_confirm(*, record: DishonestyRecord, by) -> DishonestyRecord:
    """Draft → confirmed; the default sanctions of the subject start."""
    require_perm(by, "records.change_dishonestyrecord", record)
    lock(record)
    _transition(
        record,
        by=by,
        to=RecordStatus.CONFIRMED,
        allowed=(RecordStatus.DRAFT,),
        event=EventType.RECORD_CONFIRMED,
    )
    kinds = OFFICIAL_SANCTIONS if record.official_id else ORG_SANCTIONS
    for kind in kinds:
        Sanction.objects.get_or_create(record=record, kind=kind)
    return record


@transaction.atomic
def record_notify(*, record: DishonestyRecord, by, on: datetime.date | None = None):
    """Confirmed → notified, with the written explanation due and the rectification deadline."""
    require_perm(by, "records.change_dishonestyrecord", record)
    lock(record)
    day = on or _today()
    rule = _procedure(record.organisation, day)
    record.explanation_due = add_working_days(day, rule.explanation_working_days).value
    record.rectification_deadline = day + datetime.timedelta(days=rule.rectification_days)
    _transition(
        record,
        by=by,
        to=RecordStatus.NOTIFIED,
        allowed=(RecordStatus.CONFIRMED,),
        event=EventType.RECORD_NOTIFIED,
        explanation_due=record.explanation_due,
        rectification_deadline=record.rectification_deadline,
    )
    _notify_unit(record)
    return record


def _notify_unit(record: DishonestyRecord) -> None:
    from integrity.core.services import notice_send

    notice_send(
        organisation=record.organisation,
        key=f"record-notified-{record.pk}",
        title=_("Dishonesty record notice: %(title)s") % {"title": record.title},
        body=_("Explain in writing by %(due)s and rectify by %(deadline)s.")
        % {
            "due": deadline_text(record.explanation_due),
            "deadline": cn_date(record.rectification_deadline),
        },
        level="warning",
    )


@transaction.atomic
def record_publish(*, record: DishonestyRecord, by, publish: bool | None = None):
    """Notified → published. A minor record is shown only when the office chooses so."""
    require_perm(by, "records.change_dishonestyrecord", record)
    lock(record)
    if publish is not None:
        record.publish = publish
    record.published_at = timezone.now()
    _transition(
        record,
        by=by,
        to=RecordStatus.PUBLISHED,
        allowed=(RecordStatus.NOTIFIED,),
        event=EventType.RECORD_PUBLISHED,
        publish=record.publish,
    )
    return record


def _end_sanctions(record: DishonestyRecord, *, by, reason: str) -> int:
    now = timezone.now()
    count = record.sanctions.filter(status__in=BINDING_SANCTIONS).update(
        status=Sanction.Status.ENDED, ended_at=now
    )
    if count:
        record_event(
            type=EventType.SANCTIONS_ENDED,
            actor=by,
            obj=record,
            details={"count": count},
            reason=reason,
        )
    return count


def _end_record(record, *, by, to: str, event: str, reason: str = "") -> DishonestyRecord:
    record.ended_at = timezone.now()
    _transition(record, by=by, to=to, allowed=LIVE, event=event, reason=reason)
    _end_sanctions(record, by=by, reason=reason or to)
    from .joint import dispatches_end_for

    dispatches_end_for(record, by=by, reason=reason or to)
    return record


@transaction.atomic
def records_expire(*, on: datetime.date | None = None) -> int:
    """End publication and sanctions of every live record at its maximum date."""
    day = on or _today()
    ended = 0
    for record in DishonestyRecord.objects.past_maximum(on=day).select_for_update():
        _end_record(record, by=None, to=RecordStatus.EXPIRED, event=EventType.RECORD_EXPIRED)
        ended += 1
    return ended


# --- sanctions -----------------------------------------------------------------------


@transaction.atomic
def sanction_adjust(*, sanction: Sanction, by, status: str, reason: str) -> Sanction:
    """Reduce or waive a sanction (leniency when the harm was repaired promptly)."""
    require_perm(by, "records.change_dishonestyrecord", sanction.record)
    lock(sanction)
    _require(
        status in (Sanction.Status.REDUCED, Sanction.Status.WAIVED),
        _("A sanction can only be reduced or waived."),
    )
    _require(bool(reason.strip()), _("Give the reason for the leniency."))
    _require(sanction.status in BINDING_SANCTIONS, _("This sanction has already ended."))
    old = sanction.status
    sanction.status, sanction.reason = status, reason
    sanction.save()
    record_event(
        type=EventType.SANCTION_ADJUSTED,
        actor=by,
        obj=sanction.record,
        details={"kind": sanction.kind, "from": old, "to": status},
        reason=reason,
    )
    return sanction


@transaction.atomic
def record_update(*, record: DishonestyRecord, by, data: dict) -> DishonestyRecord:
    """Edit a draft record (after confirmation, corrections go through an objection)."""
    require_perm(by, "records.change_dishonestyrecord", record)
    lock(record)
    _require(record.status == RecordStatus.DRAFT, _("Only a draft record can be edited."))
    changes = {}
    for name in (*RECORD_FIELDS, "publish", "official_id", "organisation_id"):
        if name in data and getattr(record, name) != data[name]:
            changes[name] = [getattr(record, name), data[name]]
            setattr(record, name, data[name])
    if changes:
        _apply_periods(record)
        record.full_clean()
        record.save()
        record_event(
            type=EventType.RECORD_UPDATED, actor=by, obj=record, details={"changes": changes}
        )
    return record


@transaction.atomic
def record_evidence_add(*, record: DishonestyRecord, by, file, description: str = ""):
    """Attach an evidence file (image or PDF, checked by content) to a record."""
    require_perm(by, "records.change_dishonestyrecord", record)
    from integrity.core.uploads import check_upload

    from .models import RecordEvidence

    _require(file is not None, _("Choose a file."))
    check_upload(file)
    evidence = RecordEvidence.objects.create(
        record=record, file=file, description=description or file.name[:200]
    )
    record_event(
        type=EventType.RECORD_EVIDENCE_ADDED,
        actor=by,
        obj=record,
        details={"evidence": evidence.pk, "name": file.name},
    )
    return evidence


# Objections, repair, officials and citizen reports live in their own modules; callers keep
# using ``services.<name>``. Imported last: those modules import the helpers above.
from .complaints import (  # noqa: E402, F401
    complaint_answer,
    complaint_feedback,
    complaint_moderate,
    complaint_reject,
    complaint_route,
    complaint_submit,
    complaint_verify,
)
from .officials import (  # noqa: E402, F401
    PURPOSE_SANCTIONS,
    credit_check,
    official_create,
    official_entry_add,
)
from .remedies import (  # noqa: E402, F401
    objection_decide,
    objection_file,
    repair_apply,
    repair_approve,
    repair_reject,
)
