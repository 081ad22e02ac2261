"""Writes of the records app: every state change validates, saves atomically and logs an event."""

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from integrity.core.display import cn_date, deadline_text
from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import in_user_scope
from integrity.core.workdays import add_working_days

from .models import (
    BINDING_SANCTIONS,
    OFFICIAL_SANCTIONS,
    ORG_SANCTIONS,
    Complaint,
    ComplaintAttachment,
    CreditCheck,
    DishonestyRecord,
    Objection,
    Official,
    OfficialEntry,
    ProcedureRule,
    PublicationRule,
    RecordStatus,
    RepairApplication,
    Sanction,
    Severity,
    SourceType,
    add_months,
)


class EventType:
    RECORD_CREATED = "record.created"
    RECORD_UPDATED = "record.updated"
    RECORD_EVIDENCE_ADDED = "record.evidence_added"
    RECORD_CONFIRMED = "record.confirmed"
    RECORD_NOTIFIED = "record.notified"
    RECORD_PUBLISHED = "record.published"
    RECORD_REVOKED = "record.revoked"
    RECORD_CORRECTED = "record.corrected"
    RECORD_REPAIRED = "record.repaired"
    RECORD_EXPIRED = "record.expired"
    OBJECTION_FILED = "record.objection_filed"
    OBJECTION_DECIDED = "record.objection_decided"
    REPAIR_APPLIED = "record.repair_applied"
    REPAIR_REJECTED = "record.repair_rejected"
    SANCTION_ADJUSTED = "record.sanction_adjusted"
    SANCTIONS_ENDED = "record.sanctions_ended"
    OFFICIAL_CREATED = "official.created"
    OFFICIAL_ENTRY_ADDED = "official.entry_added"
    CREDIT_CHECKED = "official.credit_checked"
    COMPLAINT_SUBMITTED = "complaint.submitted"
    COMPLAINT_ROUTED = "complaint.routed"
    COMPLAINT_MODERATED = "complaint.moderated"
    COMPLAINT_ANSWERED = "complaint.answered"
    COMPLAINT_VERIFIED = "complaint.verified"
    COMPLAINT_REJECTED = "complaint.rejected"
    COMPLAINT_FEEDBACK = "complaint.feedback"


# What each event means to a reader of a timeline (registered in apps.py).
EVENT_LABELS = {
    EventType.RECORD_CREATED: pgettext_lazy("event", "Record created"),
    EventType.RECORD_UPDATED: pgettext_lazy("event", "Record edited"),
    EventType.RECORD_EVIDENCE_ADDED: pgettext_lazy("event", "Evidence added"),
    EventType.RECORD_CONFIRMED: pgettext_lazy("event", "Dishonesty confirmed"),
    EventType.RECORD_NOTIFIED: pgettext_lazy("event", "Party notified"),
    EventType.RECORD_PUBLISHED: pgettext_lazy("event", "Record published"),
    EventType.RECORD_REVOKED: pgettext_lazy("event", "Record revoked"),
    EventType.RECORD_CORRECTED: pgettext_lazy("event", "Record corrected"),
    EventType.RECORD_REPAIRED: pgettext_lazy("event", "Credit repaired"),
    EventType.RECORD_EXPIRED: pgettext_lazy("event", "Publication period ended"),
    EventType.OBJECTION_FILED: pgettext_lazy("event", "Objection filed"),
    EventType.OBJECTION_DECIDED: pgettext_lazy("event", "Objection decided"),
    EventType.REPAIR_APPLIED: pgettext_lazy("event", "Credit repair applied for"),
    EventType.REPAIR_REJECTED: pgettext_lazy("event", "Credit repair refused"),
    EventType.SANCTION_ADJUSTED: pgettext_lazy("event", "Sanction adjusted"),
    EventType.SANCTIONS_ENDED: pgettext_lazy("event", "Sanctions ended"),
    EventType.OFFICIAL_CREATED: pgettext_lazy("event", "Archive opened for an official"),
    EventType.OFFICIAL_ENTRY_ADDED: pgettext_lazy("event", "Archive entry added"),
    EventType.CREDIT_CHECKED: pgettext_lazy("event", "Credit check run"),
    EventType.COMPLAINT_SUBMITTED: pgettext_lazy("event", "Report submitted"),
    EventType.COMPLAINT_ROUTED: pgettext_lazy("event", "Routed to the responsible unit"),
    EventType.COMPLAINT_MODERATED: pgettext_lazy("event", "Public text moderated"),
    EventType.COMPLAINT_ANSWERED: pgettext_lazy("event", "Reporter answered"),
    EventType.COMPLAINT_VERIFIED: pgettext_lazy("event", "Report verified"),
    EventType.COMPLAINT_REJECTED: pgettext_lazy("event", "Report refused"),
    EventType.COMPLAINT_FEEDBACK: pgettext_lazy("event", "Reporter feedback received"),
    "official.updated": pgettext_lazy("event", "Official's details edited"),
    "record.notice_printed": pgettext_lazy("event", "Notice printed"),
    "records.rule_saved": pgettext_lazy("event", "Rule saved"),
}


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


# --- officials -----------------------------------------------------------------------


@transaction.atomic
def official_create(
    *,
    by,
    organisation: Organisation,
    name: str,
    post: str = "",
    id_number: str = "",
    phone: str = "",
) -> Official:
    official = Official(organisation=organisation, name=name, post=post, phone=phone)
    official.set_id_number(id_number)
    official.full_clean()
    official.save()
    record_event(type=EventType.OFFICIAL_CREATED, actor=by, obj=official)
    return official


@transaction.atomic
def official_entry_add(
    *, official: Official, by, kind: str, date: datetime.date, title: str, description: str = ""
) -> OfficialEntry:
    entry = OfficialEntry(
        official=official, kind=kind, date=date, title=title, description=description
    )
    entry.full_clean()
    entry.save()
    record_event(
        type=EventType.OFFICIAL_ENTRY_ADDED,
        actor=by,
        obj=official,
        details={"kind": kind, "title": title},
    )
    return entry


PURPOSE_SANCTIONS: dict[str, str] = {
    CreditCheck.Purpose.PROMOTION: Sanction.Kind.PROMOTION_LIMIT,
    CreditCheck.Purpose.AWARD: Sanction.Kind.AWARD_LIMIT,
    CreditCheck.Purpose.RATING: Sanction.Kind.NO_EXCELLENT,
}


def _check_reasons(official: Official, purpose: str, on: datetime.date) -> list[str]:
    """Live records binding for ``purpose`` (recruitment: every live record) and recent
    violations in the archive (the look-back is a procedure rule)."""
    kind = PURPOSE_SANCTIONS.get(purpose)
    reasons = []
    for record in official.records.live(on=on).prefetch_related("sanctions"):
        binding = [s for s in record.sanctions.all() if s.kind == kind]
        if binding and all(s.status not in BINDING_SANCTIONS for s in binding):
            continue  # the sanction for this purpose was waived or ended
        reasons.append(
            _("Live dishonesty record “%(title)s” (%(severity)s, determined %(date)s).")
            % {
                "title": record.title,
                "severity": record.get_severity_display(),
                "date": record.determination_date.isoformat(),
            }
        )
    months = _procedure(official.organisation, on).violation_lookback_months
    since = add_months(on, -months)
    violations = official.entries.filter(kind=OfficialEntry.Kind.VIOLATION, date__gt=since)
    for entry in violations.order_by("date"):
        reasons.append(
            _("Violation on %(date)s: %(title)s.")
            % {"date": entry.date.isoformat(), "title": entry.title}
        )
    return reasons


@transaction.atomic
def credit_check(*, official: Official, purpose: str, by) -> CreditCheck:
    """Clear / flagged with reasons, for an HR user in the official's scope. Logged."""
    _require(purpose in CreditCheck.Purpose.values, _("Choose a valid purpose."))
    _require(
        by is not None and by.has_perm("records.add_creditcheck", official),
        _("You may not run a credit check for this person."),
    )
    reasons = _check_reasons(official, purpose, _today())
    check = CreditCheck.objects.create(
        official=official,
        purpose=purpose,
        checked_by=by,
        reasons=reasons,
        result=CreditCheck.Result.FLAGGED if reasons else CreditCheck.Result.CLEAR,
    )
    record_event(
        type=EventType.CREDIT_CHECKED,
        actor=by,
        obj=official,
        details={"purpose": purpose, "result": check.result, "reasons": reasons},
    )
    return check


# --- citizen reports -----------------------------------------------------------------


def _tracking_number() -> str:
    alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        code = (
            "JB" + _today().strftime("%Y%m%d") + "".join(secrets.choice(alphabet) for _ in range(6))
        )
        if not Complaint.objects.filter(tracking_number=code).exists():
            return code


@transaction.atomic
def complaint_submit(
    *,
    organisation: Organisation,
    topic: str,
    title: str,
    text: str,
    anonymous: bool = True,
    attachments=(),
    commitment=None,
    **reporter,
) -> Complaint:
    """Register a citizen report. ``attachments``: (file, detected content type) pairs."""
    if anonymous:
        reporter = {}
    complaint = Complaint(
        tracking_number=_tracking_number(),
        organisation=organisation,
        topic=topic,
        title=title,
        original_text=text,
        anonymous=anonymous,
        supervisor=organisation.supervisor(),
        commitment=commitment,
        **reporter,
    )
    complaint.full_clean()
    complaint.save()
    for upload, content_type in attachments:
        ComplaintAttachment.objects.create(
            complaint=complaint, file=upload, content_type=content_type, size=upload.size
        )
    record_event(
        type=EventType.COMPLAINT_SUBMITTED,
        actor=None,
        obj=complaint,
        details={"tracking_number": complaint.tracking_number},
    )
    return complaint


@transaction.atomic
def complaint_route(
    *,
    complaint: Complaint,
    by,
    organisation: Organisation | None = None,
    on: datetime.date | None = None,
) -> Complaint:
    """Route to the responsible unit and its supervisor with an answer deadline."""
    from integrity.core.services import notice_send

    lock(complaint)
    _require(
        complaint.status in (Complaint.Status.RECEIVED, Complaint.Status.ROUTED),
        _("This report can no longer be routed."),
    )
    unit = organisation or complaint.organisation
    _require(in_user_scope(by, unit), _("The unit is outside your jurisdiction."))
    day = on or _today()
    rule = _procedure(unit, day)
    complaint.organisation, complaint.supervisor = unit, unit.supervisor()
    complaint.answer_due = add_working_days(day, rule.complaint_answer_working_days).value
    complaint.status = Complaint.Status.ROUTED
    complaint.save()
    for org in filter(None, (unit, complaint.supervisor)):
        notice_send(
            organisation=org,
            key=f"complaint-routed-{complaint.pk}-{org.pk}",
            title=_("Citizen report %(number)s to answer") % {"number": complaint.tracking_number},
            body=complaint.title,
        )
    record_event(
        type=EventType.COMPLAINT_ROUTED,
        actor=by,
        obj=complaint,
        details={"unit": unit.pk, "answer_due": complaint.answer_due},
    )
    return complaint


@transaction.atomic
def complaint_moderate(*, complaint: Complaint, by, public_text: str, reason: str) -> Complaint:
    """Edit the public text; the original text is kept unchanged."""
    lock(complaint)
    _require(bool(reason.strip()), _("Give the reason for the moderation."))
    complaint.public_text = public_text
    complaint.save(update_fields=["public_text"])
    record_event(type=EventType.COMPLAINT_MODERATED, actor=by, obj=complaint, reason=reason)
    return complaint


@transaction.atomic
def complaint_answer(*, complaint: Complaint, by, answer: str) -> Complaint:
    lock(complaint)
    _require(
        complaint.status in (Complaint.Status.ROUTED, Complaint.Status.ANSWERED),
        _("The report must be routed before it is answered."),
    )
    _require(bool(answer.strip()), _("The answer is required."))
    complaint.answer, complaint.answered_at = answer, timezone.now()
    complaint.status = Complaint.Status.ANSWERED
    complaint.save()
    record_event(type=EventType.COMPLAINT_ANSWERED, actor=by, obj=complaint)
    return complaint


@transaction.atomic
def complaint_verify(
    *, complaint: Complaint, by, founded: bool, notes: str = "", follow_up: str = ""
) -> Complaint:
    """Outcome founded / unfounded; a founded one may become a rectification or a record.

    ``follow_up``: "" (none), "rectification" (commitment) or "record" (draft record).
    """
    lock(complaint)
    _require(
        complaint.status == Complaint.Status.ANSWERED, _("Only an answered report can be verified.")
    )
    complaint.status = Complaint.Status.FOUNDED if founded else Complaint.Status.UNFOUNDED
    complaint.verification = notes
    complaint.save()
    record_event(
        type=EventType.COMPLAINT_VERIFIED,
        actor=by,
        obj=complaint,
        details={"founded": founded, "follow_up": follow_up},
        reason=notes,
    )
    if founded and follow_up == "record":
        record_create_from_complaint(complaint=complaint, by=by)
    elif founded and follow_up == "rectification":
        _rectification_for(complaint, by=by)
    return complaint


def _rectification_for(complaint: Complaint, *, by):
    from commitments.services import commitment_create

    return commitment_create(
        by=by,
        organisation=complaint.organisation,
        kind="rectification",
        title=_("Rectification: %(title)s") % {"title": complaint.title},
        content=complaint.shown_text,
        deadline=complaint.answer_due or _today(),
    )


@transaction.atomic
def complaint_reject(*, complaint: Complaint, by, reason: str) -> Complaint:
    lock(complaint)
    _require(complaint.status == Complaint.Status.RECEIVED, _("Only a new report can be refused."))
    _require(bool(reason.strip()), _("Give the reason."))
    complaint.status = Complaint.Status.REJECTED
    complaint.answer = reason
    complaint.save()
    record_event(type=EventType.COMPLAINT_REJECTED, actor=by, obj=complaint, reason=reason)
    return complaint


@transaction.atomic
def complaint_feedback(*, complaint: Complaint, feedback: str, comment: str = "") -> Complaint:
    """The reporter says whether the answer solved it (by tracking number, anonymous)."""
    lock(complaint)
    _require(
        complaint.status
        in (Complaint.Status.ANSWERED, Complaint.Status.FOUNDED, Complaint.Status.UNFOUNDED),
        _("Feedback is possible once the report is answered."),
    )
    _require(
        feedback in (Complaint.Feedback.SOLVED, Complaint.Feedback.NOT_SOLVED),
        _("Choose whether the answer solved the problem."),
    )
    complaint.feedback, complaint.feedback_comment = feedback, comment
    complaint.save()
    record_event(
        type=EventType.COMPLAINT_FEEDBACK, actor=None, obj=complaint, details={"feedback": feedback}
    )
    return complaint


@transaction.atomic
def record_update(*, record: DishonestyRecord, by, data: dict) -> DishonestyRecord:
    """Edit a draft record (after confirmation, corrections go through an objection)."""
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
