"""Writes to commitments. Each validates, saves atomically and records an event."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import Organisation, User
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope
from integrity.core.uploads import check_upload

from .events import EventType
from .models import ChangeRequest, Commitment, Evidence, Obligation, ProgressUpdate
from .permissions import WRITERS

Status = Commitment.Status


# Fields frozen once the commitment is published (changed only by a change request).
BASELINE_FIELDS = ("deadline", "target")
EDITABLE_FIELDS = (
    "kind",
    "code",
    "title",
    "content",
    "target",
    "deadline",
    "source_document",
    "responsible_leader",
    "responsible_person",
    "counterparty",
    "counterparty_uscc",
    "amount_due",
    "amount_paid",
    "is_public",
)


def _check_scope(by: User | None, organisation: Organisation) -> None:
    if by is not None and not in_user_scope(by, organisation):
        raise PermissionDenied(_("This organisation is outside your responsibility."))


def _check_writer(by: User | None, organisation: Organisation) -> None:
    """Clerks, leaders and administrators of the unit (or above it) write its commitments;
    other roles (offices that only read them, deputies, editors) are refused."""
    _check_scope(by, organisation)
    if by is not None and not by.is_superuser and by.role not in WRITERS:
        raise PermissionDenied(_("Your role may not change commitments."))


def _check_leader(by: User | None, commitment: Commitment) -> None:
    """Only the leader of the promising unit (or the system, ``by=None``) decides."""
    if by is None or by.is_superuser:
        return
    if by.role != Role.LEADER or by.organisation_id != commitment.organisation_id:
        raise PermissionDenied(_("Only the leader of the promising unit may decide."))


def _require_status(commitment: Commitment, *allowed: str) -> None:
    lock(commitment)  # re-read under a row lock: a concurrent decision is seen, not overwritten
    if commitment.status not in allowed:
        raise ValidationError(
            _("This action is not possible while the commitment is “%(status)s”.")
            % {"status": commitment.get_status_display()},
            code=CONFLICT,
        )


def _transition(
    commitment: Commitment,
    *,
    to: str,
    by: User | None,
    event: str,
    reason: str = "",
    details: dict | None = None,
    extra_fields: tuple = (),
) -> Commitment:
    old = commitment.status
    commitment.status = to
    commitment.save(update_fields=["status", "updated_at", *extra_fields])
    record_event(
        type=event,
        actor=by,
        obj=commitment,
        reason=reason,
        details={"from": old, "to": to, **(details or {})},
    )
    return commitment


def _clean_money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    amount = Decimal(value)
    if amount < 0:
        raise ValidationError(_("Amounts cannot be negative."))
    return amount


@transaction.atomic
def commitment_create(
    *,
    by: User | None,
    organisation: Organisation,
    kind: str,
    title: str,
    content: str = "",
    target: str = "",
    deadline: datetime.date,
    **extra: Any,
) -> Commitment:
    """Create a draft commitment of ``organisation`` and log ``commitment.created``."""
    _check_scope(by, organisation)
    commitment = Commitment(
        organisation=organisation,
        kind=kind,
        title=title,
        content=content,
        target=target,
        deadline=deadline,
        created_by=by if getattr(by, "pk", None) else None,
        **extra,
    )
    commitment.full_clean(exclude=["created_by"])
    commitment.save()
    record_event(
        type=EventType.CREATED,
        actor=by,
        obj=commitment,
        details={"kind": kind, "deadline": deadline},
    )
    return commitment


@transaction.atomic
def commitment_update(*, commitment: Commitment, by: User | None, data: dict) -> Commitment:
    """Edit a commitment; its published baseline (deadline, target) is never overwritten."""
    _check_writer(by, commitment.organisation)
    _require_status(commitment, *Commitment.OPEN_STATUSES, Status.DRAFT, Status.SUBMITTED)
    frozen = commitment.is_baseline_frozen
    changes = {}
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            continue
        old = getattr(commitment, name)
        if old == value:
            continue
        if frozen and name in BASELINE_FIELDS:
            raise ValidationError(
                _(
                    "A published deadline or target can only be changed by an approved "
                    "change request."
                )
            )
        setattr(commitment, name, value)
        changes[name] = [old, value]
    if changes:
        commitment.full_clean()
        commitment.save()
        record_event(type=EventType.UPDATED, actor=by, obj=commitment, details={"changes": changes})
    return commitment


@transaction.atomic
def commitment_submit(*, commitment: Commitment, by: User | None) -> Commitment:
    _check_writer(by, commitment.organisation)
    _require_status(commitment, Status.DRAFT)
    return _transition(commitment, to=Status.SUBMITTED, by=by, event=EventType.SUBMITTED)


@transaction.atomic
def commitment_reject(*, commitment: Commitment, by: User | None, reason: str) -> Commitment:
    """The leader sends a submission back to draft."""
    _check_leader(by, commitment)
    _require_status(commitment, Status.SUBMITTED)
    if not reason.strip():
        raise ValidationError(_("Please give a reason."))
    return _transition(commitment, to=Status.DRAFT, by=by, event=EventType.REJECTED, reason=reason)


@transaction.atomic
def commitment_publish(*, commitment: Commitment, by: User | None) -> Commitment:
    """The leader approves and publishes; the deadline and target become the baseline."""
    _check_leader(by, commitment)
    _require_status(commitment, Status.SUBMITTED, Status.DRAFT)
    commitment.original_deadline = commitment.deadline
    commitment.original_target = commitment.target
    commitment.published_at = timezone.now()
    return _transition(
        commitment,
        to=Status.PUBLISHED,
        by=by,
        event=EventType.PUBLISHED,
        details={"deadline": commitment.deadline, "target": commitment.target},
        extra_fields=("original_deadline", "original_target", "published_at"),
    )


@transaction.atomic
def commitment_start(*, commitment: Commitment, by: User | None) -> Commitment:
    _check_writer(by, commitment.organisation)
    _require_status(commitment, Status.PUBLISHED)
    return _transition(commitment, to=Status.IN_PROGRESS, by=by, event=EventType.STARTED)


def _close(commitment, *, to, by, event, note="", on=None, **fields) -> Commitment:
    _check_writer(by, commitment.organisation)
    _require_status(commitment, *Commitment.OPEN_STATUSES)
    commitment.closed_on = on or timezone.localdate()
    commitment.outcome_note = note
    for name, value in fields.items():
        setattr(commitment, name, value)
    return _transition(
        commitment,
        to=to,
        by=by,
        event=event,
        reason=note,
        details={"closed_on": commitment.closed_on},
        extra_fields=("closed_on", "outcome_note", *fields),
    )


@transaction.atomic
def commitment_fulfil(
    *,
    commitment: Commitment,
    by: User | None,
    note: str = "",
    on: datetime.date | None = None,
    partly: bool = False,
) -> Commitment:
    if partly:
        return _close(
            commitment,
            to=Status.PARTLY_FULFILLED,
            by=by,
            event=EventType.PARTLY_FULFILLED,
            note=note,
            on=on,
        )
    return _close(
        commitment, to=Status.FULFILLED, by=by, event=EventType.FULFILLED, note=note, on=on
    )


@transaction.atomic
def commitment_break(
    *, commitment: Commitment, by: User | None, note: str, on: datetime.date | None = None
) -> Commitment:
    if not note.strip():
        raise ValidationError(_("Please give a reason."))
    return _close(commitment, to=Status.BROKEN, by=by, event=EventType.BROKEN, note=note, on=on)


@transaction.atomic
def commitment_change_lawfully(
    *, commitment: Commitment, by: User | None, reason: str, compensation: str = ""
) -> Commitment:
    """依法变更: ends the commitment with the legal reason and the compensation given."""
    _check_leader(by, commitment)
    if not reason.strip():
        raise ValidationError(_("A lawful change needs a reason."))
    return _close(
        commitment,
        to=Status.CHANGED,
        by=by,
        event=EventType.CHANGED,
        note=reason,
        change_reason=reason,
        compensation=compensation,
    )


@transaction.atomic
def commitment_withdraw(*, commitment: Commitment, by: User | None, reason: str) -> Commitment:
    """Withdraw an unpublished commitment (a published one must be changed lawfully)."""
    _check_writer(by, commitment.organisation)
    _require_status(commitment, Status.DRAFT, Status.SUBMITTED)
    if not reason.strip():
        raise ValidationError(_("Please give a reason."))
    return _transition(
        commitment, to=Status.WITHDRAWN, by=by, event=EventType.WITHDRAWN, reason=reason
    )


@transaction.atomic
def progress_add(
    *,
    commitment: Commitment,
    by: User | None,
    text: str,
    reported_on: datetime.date | None = None,
    percent: int | None = None,
    amount_paid: Any = None,
    files: list | None = None,
) -> ProgressUpdate:
    """Report dated progress (with evidence files); starts a published commitment."""
    _check_writer(by, commitment.organisation)
    _require_status(commitment, *Commitment.OPEN_STATUSES)
    day = reported_on or timezone.localdate()
    update = ProgressUpdate(
        commitment=commitment,
        text=text,
        reported_on=day,
        percent=percent,
        amount_paid=_clean_money(amount_paid),
        reported_by=by if getattr(by, "pk", None) else None,
    )
    update.full_clean(exclude=["commitment", "reported_by"])
    for upload in files or []:
        check_upload(upload)
    update.save()
    for upload in files or []:
        Evidence.objects.create(progress=update, file=upload, description=upload.name)
    fields = ["last_progress_on", "updated_at"]
    commitment.last_progress_on = max(day, commitment.last_progress_on or day)
    if update.amount_paid:
        commitment.amount_paid += update.amount_paid
        fields.append("amount_paid")
    commitment.save(update_fields=fields)
    record_event(
        type=EventType.PROGRESS,
        actor=by,
        obj=commitment,
        details={"progress": update.pk, "percent": percent, "on": day},
    )
    if commitment.status == Status.PUBLISHED:
        commitment_start(commitment=commitment, by=by)
    return update


@transaction.atomic
def change_request_create(
    *,
    commitment: Commitment,
    by: User | None,
    justification: str,
    new_deadline: datetime.date | None = None,
    new_target: str = "",
) -> ChangeRequest:
    """Ask to change a published deadline and/or target (the leader decides)."""
    _check_writer(by, commitment.organisation)
    _require_status(commitment, *Commitment.OPEN_STATUSES)
    if not justification.strip():
        raise ValidationError(_("A change request needs a justification."))
    if new_deadline is None and not new_target.strip():
        raise ValidationError(_("Give a new deadline or a new target."))
    if commitment.change_requests.filter(status=ChangeRequest.Status.PENDING).exists():
        raise ValidationError(_("A change request is already awaiting approval."))
    request = ChangeRequest.objects.create(
        commitment=commitment,
        old_deadline=commitment.deadline,
        new_deadline=new_deadline,
        old_target=commitment.target,
        new_target=new_target,
        justification=justification,
        requested_by=by if getattr(by, "pk", None) else None,
    )
    record_event(
        type=EventType.CHANGE_REQUESTED,
        actor=by,
        obj=commitment,
        reason=justification,
        details={"request": request.pk, "new_deadline": new_deadline, "new_target": new_target},
    )
    return request


def _decide(request: ChangeRequest, *, by: User | None, status: str, note: str) -> None:
    _check_leader(by, request.commitment)
    lock(request)
    if request.status != ChangeRequest.Status.PENDING:
        raise ValidationError(_("This change request has already been decided."), code=CONFLICT)
    request.status = status
    request.decided_by = by if getattr(by, "pk", None) else None
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save()


@transaction.atomic
def change_request_approve(
    *, request: ChangeRequest, by: User | None, note: str = ""
) -> ChangeRequest:
    """Apply the requested deadline/target; the original baseline stays stored beside it."""
    _decide(request, by=by, status=ChangeRequest.Status.APPROVED, note=note)
    commitment = request.commitment
    if request.new_deadline:
        commitment.deadline = request.new_deadline
    if request.new_target.strip():
        commitment.target = request.new_target
    commitment.change_count += 1
    commitment.save(update_fields=["deadline", "target", "change_count", "updated_at"])
    record_event(
        type=EventType.CHANGE_APPROVED,
        actor=by,
        obj=commitment,
        reason=note,
        details={
            "request": request.pk,
            "deadline": [request.old_deadline, commitment.deadline],
            "target": [request.old_target, commitment.target],
        },
    )
    return request


@transaction.atomic
def change_request_reject(*, request: ChangeRequest, by: User | None, note: str) -> ChangeRequest:
    if not note.strip():
        raise ValidationError(_("Please give a reason."))
    _decide(request, by=by, status=ChangeRequest.Status.REJECTED, note=note)
    record_event(
        type=EventType.CHANGE_REJECTED,
        actor=by,
        obj=request.commitment,
        reason=note,
        details={"request": request.pk},
    )
    return request


# Who records a change of leadership: leaders and system administrators (of the unit or
# above it). Operators are clerks; the offices that only read commitments cannot write them.
LEADERSHIP_FLAGGERS = (Role.LEADER, Role.SYSADMIN)


def may_flag_leadership_change(user: User) -> bool:
    return user.is_superuser or user.role in LEADERSHIP_FLAGGERS


@transaction.atomic
def commitments_flag_leadership_change(
    *, organisation: Organisation, by: User | None, reason: str
) -> int:
    """换届/领导调整: mark the unit's open commitments so inherited promises stand out.

    Returns how many were flagged; raises PermissionDenied outside the user's scope or
    role and ValidationError without a reason.
    """
    _check_scope(by, organisation)
    if by is not None and not may_flag_leadership_change(by):
        raise PermissionDenied(_("Only a leader or a system administrator may do this."))
    if not reason.strip():
        raise ValidationError(_("Please give a reason."))
    rows = list(Commitment.objects.filter(organisation=organisation).open())
    for commitment in rows:
        commitment.leadership_changed = True
        record_event(type=EventType.LEADERSHIP_CHANGED, actor=by, obj=commitment, reason=reason)
    Commitment.objects.filter(pk__in=[c.pk for c in rows]).update(leadership_changed=True)
    return len(rows)


@transaction.atomic
def obligation_add(*, commitment: Commitment, by: User | None, **fields: Any) -> Obligation:
    """Add an amount owed under a commitment (incentive, PPP payment, repayment)."""
    _check_writer(by, commitment.organisation)
    obligation = Obligation(commitment=commitment, **fields)
    obligation.full_clean(exclude=["commitment"])
    obligation.save()
    record_event(
        type=EventType.OBLIGATION_ADDED,
        actor=by,
        obj=commitment,
        details={
            "obligation": obligation.pk,
            "amount": obligation.amount,
            "due_on": obligation.due_on,
        },
    )
    return obligation


@transaction.atomic
def obligation_pay(
    *, obligation: Obligation, by: User | None, amount: Decimal, on: datetime.date
) -> Obligation:
    """Record a payment on an obligation (amounts only grow; dates are the last payment)."""
    _check_writer(by, obligation.commitment.organisation)
    amount = _clean_money(amount) or Decimal(0)
    obligation.amount_paid += amount
    obligation.paid_on = on
    obligation.save(update_fields=["amount_paid", "paid_on"])
    record_event(
        type=EventType.OBLIGATION_PAID,
        actor=by,
        obj=obligation.commitment,
        details={"obligation": obligation.pk, "amount": amount, "on": on},
    )
    return obligation
