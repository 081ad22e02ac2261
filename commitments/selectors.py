"""Read-side queries that feed pages (back office and portal)."""

import datetime

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from integrity.core.models import Event
from integrity.core.permissions import scope_queryset
from integrity.core.workdays import WorkingCalendar

from .alarms import due_soon_days
from .models import ChangeRequest, Commitment, ProgressUpdate


def commitment_events(commitment: Commitment) -> QuerySet:
    return Event.objects.for_object(commitment).order_by("created_at", "id")


def operator_todo(user, *, on: datetime.date | None = None) -> dict[str, QuerySet]:
    """The user's own to-do list: due soon, overdue, awaiting approval."""
    day = on or timezone.localdate()
    mine = scope_queryset(user, Commitment.objects.select_related("organisation"))
    days = due_soon_days(day)
    calendar = WorkingCalendar(day, day + datetime.timedelta(days=max(days.values()) * 2 + 21))
    horizon = calendar.add(day, max(days.values())).value
    return {
        "due_soon": mine.due_between(day, horizon),
        "overdue": mine.overdue(on=day),
        "submitted": mine.filter(status=Commitment.Status.SUBMITTED),
        "change_requests": scope_queryset(
            user, ChangeRequest.objects.select_related("commitment", "commitment__organisation")
        ).filter(status=ChangeRequest.Status.PENDING),
    }


def public_commitments() -> QuerySet:
    """Published commitments with what the public list shows, in a fixed number of queries."""
    latest = ProgressUpdate.objects.order_by("-reported_on", "-id")
    return (
        Commitment.objects.published()
        .select_related("organisation")
        .prefetch_related(Prefetch("progress_updates", queryset=latest))
    )
