"""Reminders (催办) to units with open assignments: the daily sweep and the office's button."""

import datetime

from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.models import User

from ..events import EventType
from ..models import (
    Assignment,
    HandlingRule,
    Item,
    Reply,
)
from .common import _require_office, rules_for, today

# --- reminders (催办) --------------------------------------------------------------------


def _open_assignments():
    return (
        Assignment.objects.filter(status=Assignment.Status.ACTIVE)
        .exclude(item__status__in=[Item.Status.CLOSED, Item.Status.REGISTERED])
        .select_related("item__organisation", "unit")
    )


def _needs_work(assignment: Assignment) -> bool:
    if assignment.role == Assignment.Role.CO:
        return assignment.opinion_on is None
    return not assignment.replies.filter(round=assignment.round, status=Reply.Status.SENT).exists()


def _remind(assignment: Assignment, kind: str, by: User | None = None) -> bool:
    from integrity.core.display import deadline_text
    from integrity.core.services import notice_send

    title = (_("Overdue: %(title)s") if kind == "overdue" else _("Due soon: %(title)s")) % {
        "title": assignment.item.title
    }
    body = _("Item %(number)s is due on %(deadline)s.") % {
        "number": assignment.item.number,
        "deadline": deadline_text(assignment.deadline),
    }
    key = f"proposals.remind.{assignment.pk}.{assignment.round}.{assignment.deadline}.{kind}"
    _notice, created = notice_send(
        organisation=assignment.unit, key=key, title=title, body=body, level="warning", url=""
    )
    if created:
        record_event(
            type=EventType.REMINDED,
            actor=by,
            obj=assignment,
            details={"kind": kind, "deadline": assignment.deadline},
        )
    return created


def reminders_send(*, on: datetime.date | None = None) -> int:
    """Send 催办 notices for work due soon or overdue. Idempotent: returns new notices."""
    on = on or today()
    rules: dict[int, HandlingRule] = {}
    sent = 0
    for assignment in _open_assignments():
        org = assignment.item.organisation
        if org.pk not in rules:
            rules[org.pk] = rules_for(org, on)
        rule = rules[org.pk]
        if not _needs_work(assignment):
            continue
        if assignment.deadline < on:
            sent += _remind(assignment, "overdue")
        elif (assignment.deadline - on).days <= rule.remind_days_before:
            sent += _remind(assignment, "due_soon")
    return sent


def item_remind(*, by: User | None, item: Item) -> int:
    """The office chases every unit that still owes work on ``item``."""
    _require_office(by, item)
    kind = f"manual-{today()}"
    return sum(
        _remind(a, kind, by=by)
        for a in item.assignments.filter(status=Assignment.Status.ACTIVE)
        if _needs_work(a)
    )
