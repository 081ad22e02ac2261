"""The handling unit asks to return an assignment or for more time; the office decides."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import User
from integrity.core.permissions import require_perm
from integrity.core.workdays import add_working_days

from ..events import EventType
from ..models import (
    Assignment,
    ExtensionRequest,
    ReturnRequest,
)
from .common import _require_office, add_months, rules_for, today

# --- return and extension -----------------------------------------------------------


def return_window_end(assignment: Assignment) -> datetime.date:
    rule = rules_for(assignment.item.organisation, assignment.assigned_on)
    return add_working_days(assignment.assigned_on, rule.return_window_workdays).value


@transaction.atomic
def return_request(
    *, by: User | None, assignment: Assignment, reason: str, on: datetime.date | None = None
) -> ReturnRequest:
    """Ask the office to take back a wrongly assigned item, within the working-day window."""
    require_perm(by, "proposals.change_assignment", assignment)
    on = on or today()
    lock(assignment)  # decide on the committed state, under a row lock
    if assignment.status != Assignment.Status.ACTIVE:
        raise ValidationError(_("This assignment is not active."), code=CONFLICT)
    if on > return_window_end(assignment):
        raise ValidationError(_("The window for returning this assignment has closed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    request = ReturnRequest.objects.create(assignment=assignment, reason=reason, requested_on=on)
    assignment.status = Assignment.Status.RETURN_REQUESTED
    assignment.save(update_fields=["status"])
    record_event(type=EventType.RETURN_REQUESTED, actor=by, obj=assignment, reason=reason)
    return request


@transaction.atomic
def return_decide(
    *,
    by: User | None,
    request: ReturnRequest,
    approve: bool,
    note: str = "",
    on: datetime.date | None = None,
) -> ReturnRequest:
    """The assigning office approves (assignment returned) or rejects (assignment stands)."""
    assignment = request.assignment
    _require_office(by, assignment.item)
    lock(request)  # decide on the committed state, under a row lock
    if request.status != ReturnRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code=CONFLICT)
    request.status = ReturnRequest.Status.APPROVED if approve else ReturnRequest.Status.REJECTED
    request.decision_note, request.decided_on = note, on or today()
    request.save()
    assignment.status = Assignment.Status.RETURNED if approve else Assignment.Status.ACTIVE
    assignment.save(update_fields=["status"])
    record_event(
        type=EventType.RETURN_DECIDED,
        actor=by,
        obj=assignment,
        reason=note,
        details={"approved": approve},
        organisation=assignment.item.organisation,
    )
    return request


@transaction.atomic
def extension_request(
    *,
    by: User | None,
    assignment: Assignment,
    months: int,
    reason: str,
    on: datetime.date | None = None,
) -> ExtensionRequest:
    require_perm(by, "proposals.change_assignment", assignment)
    if months < 1:
        raise ValidationError({"months": _("Ask for at least one month.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    request = ExtensionRequest.objects.create(
        assignment=assignment, months=months, reason=reason, requested_on=on or today()
    )
    record_event(
        type=EventType.EXTENSION_REQUESTED,
        actor=by,
        obj=assignment,
        reason=reason,
        details={"months": months},
    )
    return request


def first_assigned_on(assignment: Assignment) -> datetime.date:
    """The item's first assignment date: the six-month maximum counts from it, whatever round."""
    days = assignment.item.assignments.order_by("assigned_on").values_list("assigned_on", flat=True)
    return days.first() or assignment.assigned_on


@transaction.atomic
def extension_decide(
    *, by: User | None, request: ExtensionRequest, approve: bool, on: datetime.date | None = None
) -> ExtensionRequest:
    """Approve or refuse; an approved extension never takes the deadline past the maximum."""
    assignment = request.assignment
    _require_office(by, assignment.item)
    lock(request)  # decide on the committed state, under a row lock
    if request.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code=CONFLICT)
    if approve:
        rule = rules_for(assignment.item.organisation, assignment.assigned_on)
        new_deadline = add_months(assignment.deadline, request.months)
        if new_deadline > add_months(first_assigned_on(assignment), rule.max_months):
            raise ValidationError(_("The deadline cannot be extended beyond the maximum."))
        assignment.deadline = new_deadline
        assignment.extended_months += request.months
        assignment.save(update_fields=["deadline", "extended_months"])
    request.status = (
        ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED
    )
    request.decided_on = on or today()
    request.save()
    record_event(
        type=EventType.EXTENSION_DECIDED,
        actor=by,
        obj=assignment,
        details={"approved": approve, "deadline": assignment.deadline},
        organisation=assignment.item.organisation,
    )
    return request
