"""What commitments put on the back-office home: approvals for leaders, alarms for clerks.

Registered under the ``integrity_todo_items`` hook (integrity/core/dashboard.py); each
item links to the commitment list filtered by :data:`TODO_FILTERS`.
"""

import datetime

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from integrity.core.permissions import scope_queryset
from integrity.core.workdays import WorkingCalendar

from .alarms import due_soon_days
from .models import ChangeRequest, Commitment
from .models.core import CommitmentQuerySet

WRITERS = ("leader", "operator")
# The commitment list's "to-do" filter: value -> label (commitments/wagtail_hooks.py).
TODO_FILTERS = {
    "overdue": gettext_lazy("Overdue"),
    "due_soon": gettext_lazy("Due soon"),
    "awaiting_approval": gettext_lazy("Awaiting approval"),
}


def due_soon_horizon(day: datetime.date) -> datetime.date:
    """The last deadline that counts as due soon today (the longest rule of any kind)."""
    days = max(due_soon_days(day).values())
    calendar = WorkingCalendar(day, day + datetime.timedelta(days=days * 2 + 21))
    return calendar.add(day, days).value


def filter_todo(
    queryset: CommitmentQuerySet, value: str, *, on: datetime.date | None = None
) -> QuerySet:
    """Commitments of one to-do kind: overdue, due soon (not yet overdue), awaiting approval."""
    day = on or timezone.localdate()
    if value == "overdue":
        return queryset.overdue(on=day)
    if value == "due_soon":
        return queryset.due_between(day, due_soon_horizon(day))
    if value == "awaiting_approval":
        return queryset.filter(status=Commitment.Status.SUBMITTED)
    return queryset


def _list_url(query: str) -> str:
    return f"{reverse('commitments_commitment:index')}?{query}"


def _item(label: str, count: int, query: str, level: str) -> dict:
    return {
        "group": _("Commitments"),
        "label": label,
        "count": count,
        "url": _list_url(query),
        "level": level,
    }


def todo_items(request) -> list[dict]:
    user = request.user
    if not (user.is_superuser or user.role in WRITERS):
        return []
    mine = scope_queryset(user, Commitment.objects.all())
    items = []
    if user.is_superuser or user.role == "leader":
        items.append(
            _item(
                _("Submitted commitments awaiting my approval"),
                filter_todo(mine, "awaiting_approval").count(),
                "todo=awaiting_approval",
                "warning",
            )
        )
        pending = scope_queryset(user, ChangeRequest.objects.all()).filter(
            status=ChangeRequest.Status.PENDING
        )
        items.append(
            {
                **_item(_("Change requests awaiting my approval"), pending.count(), "", "warning"),
                "url": f"{reverse('commitments_changerequest:index')}?status=pending",
            }
        )
    items += [
        _item(
            _("Overdue commitments"), filter_todo(mine, "overdue").count(), "todo=overdue", "danger"
        ),
        _item(
            _("Commitments due soon"),
            filter_todo(mine, "due_soon").count(),
            "todo=due_soon",
            "warning",
        ),
        _item(
            _("Drafts not yet submitted"),
            mine.filter(status=Commitment.Status.DRAFT).count(),
            "status=draft",
            "info",
        ),
    ]
    return items
