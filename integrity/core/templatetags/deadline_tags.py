"""Computed deadlines shown with how they were computed and whether they are provisional.

``{% load deadline_tags %}{% explained_deadline object "field" %}`` renders the stored
date (marked 暂定 when its year's holidays are not yet published, as the ``deadline``
filter does) followed by a short explanation: counted from which day, how many working
days, months or calendar days, which weekdays were not counted and why. The explanation
is rebuilt from the stored start and due dates, so a deadline that was lawfully extended
is explained as it now stands. ``{% explained_span due start "workdays" %}`` does the same
for any pair of dates.

Which start each deadline counts from is declared in ``SOURCES`` (model label, field) →
``(kind, start)``; a deadline not declared there is shown as the ``deadline`` filter shows it.
"""

import datetime
from collections.abc import Callable

from dateutil.relativedelta import relativedelta

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from integrity.core.display import cn_date, deadline_html
from integrity.core.workdays import add_working_days, working_days_between
from integrity.records.events import EventType as RecordEvent

register = template.Library()

WORKDAYS, MONTHS, DAYS = "workdays", "months", "days"


def _event_day(obj, event_type: str) -> datetime.date | None:
    """The local date of the latest event of ``event_type`` on ``obj``."""
    from integrity.core.models import Event

    moment = (
        Event.objects.for_object(obj)
        .filter(type=event_type)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    return timezone.localdate(moment) if moment else None


def _attr(name: str) -> Callable:
    return lambda obj: getattr(obj, name, None)


# (app_label.model, field) → (kind, start of the count)
SOURCES: dict[tuple[str, str], tuple[str, Callable]] = {
    ("records.complaint", "answer_due"): (
        WORKDAYS,
        lambda c: _event_day(c, RecordEvent.COMPLAINT_ROUTED),
    ),
    ("records.dishonestyrecord", "explanation_due"): (
        WORKDAYS,
        lambda r: _event_day(r, RecordEvent.RECORD_NOTIFIED),
    ),
    ("records.dishonestyrecord", "rectification_deadline"): (
        DAYS,
        lambda r: _event_day(r, RecordEvent.RECORD_NOTIFIED),
    ),
    ("records.objection", "due_date"): (WORKDAYS, _attr("received_on")),
    ("proposals.assignment", "deadline"): (MONTHS, _attr("round_started_on")),
}


def explain(due: datetime.date, start: datetime.date, kind: str = WORKDAYS) -> str:
    """How ``due`` follows from ``start``: the count, the days not counted, provisional."""
    if kind == MONTHS:
        span = relativedelta(due, start)
        months = span.years * 12 + span.months
        text = _("%(n)d months counted from %(start)s (calendar months) give %(due)s.") % {
            "n": months,
            "start": cn_date(start),
            "due": cn_date(due),
        }
        if span.days:
            text += _(" Plus %(d)d days (an extension or an adjustment).") % {"d": span.days}
        return text
    if kind == DAYS:
        return _("%(n)d calendar days counted from %(start)s give %(due)s.") % {
            "n": (due - start).days,
            "start": cn_date(start),
            "due": cn_date(due),
        }
    # How many working days lie between, then the count replayed for the days it skipped.
    n = working_days_between(start, due).value
    counted = add_working_days(start, n)
    text = _("%(n)d working days counted from %(start)s give %(due)s.") % {
        "n": n,
        "start": cn_date(start),
        "due": cn_date(due),
    }
    if counted.skipped:
        days = "、".join(
            f"{cn_date(day)}（{name or _('day off')}）" for day, name in counted.skipped
        )
        text += _(" Weekdays not counted: %(days)s.") % {"days": days}
    if counted.provisional:
        text += _(
            " Provisional: the State Council has not yet published the holiday arrangement "
            "for a year in this span, so the holidays fixed by the national holiday law were "
            "skipped and the date may still move."
        )
    return text


def _render(due, explanation: str) -> SafeString | str:
    return format_html(
        '<span class="deadline">{}</span> <small class="deadline-explained">{}</small>',
        deadline_html(due),
        explanation,
    )


@register.simple_tag
def explained_span(due, start, kind: str = WORKDAYS) -> SafeString | str:
    """``due`` with how it follows from ``start`` (``workdays``, ``months`` or ``days``)."""
    if not due:
        return "—"
    if not start or start > due:
        return deadline_html(due)
    return _render(due, explain(due, start, kind))


@register.simple_tag
def explained_deadline(obj, field: str) -> SafeString | str:
    """The deadline ``obj.<field>`` with its explanation when its start is declared."""
    due = getattr(obj, field, None)
    if not due:
        return "—"
    source = SOURCES.get((obj._meta.label_lower, field))
    if source is None:
        return deadline_html(due)
    kind, start_of = source
    return explained_span(due, start_of(obj), kind)
