"""A commitment's life: create, edit, submit, reject, publish, start, progress, close."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.models import Organisation, User
from integrity.core.uploads import check_upload

from ..events import EventType
from ..models import Commitment, Evidence, ProgressUpdate
from .common import (
    BASELINE_FIELDS,
    EDITABLE_FIELDS,
    Status,
    _check_leader,
    _check_scope,
    _check_writer,
    _clean_money,
    _require_status,
    _transition,
)


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
