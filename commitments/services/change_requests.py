"""Change requests: the unit asks to change a published deadline or target, its leader decides."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import User

from ..events import EventType
from ..models import ChangeRequest, Commitment
from .common import _check_leader, _check_writer, _require_status


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
