"""How dates and computed deadlines are shown: the Chinese way, provisional ones marked."""

import datetime

from django.core.cache import cache
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

KNOWN_YEARS_KEY = "calendar:known-years"


def cn_date(value) -> str:
    """2026-12-31 → 2026年12月31日 (also for datetimes, in local time); "" for anything else."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value) -> str:
    """An instant in local time: 2026年12月3日 08:30."""
    if not isinstance(value, datetime.datetime):
        return cn_date(value)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return f"{cn_date(value)} {value:%H:%M}"


def known_calendar_years() -> frozenset[int]:
    """Years whose State Council holiday arrangement is in the calendar (cached 5 minutes)."""
    from integrity.core.models import CalendarYear

    years = cache.get(KNOWN_YEARS_KEY)
    if years is None:
        years = frozenset(CalendarYear.objects.values_list("year", flat=True))
        cache.set(KNOWN_YEARS_KEY, years, 300)
    return years


def deadline_is_provisional(day: datetime.date) -> bool:
    """A working-day deadline in a year without an official arrangement may still move."""
    return day.year not in known_calendar_years()


def deadline_text(day) -> str:
    """Plain-text form for notices, e-mails and PDFs: 2027年1月5日（暂定）."""
    if not isinstance(day, datetime.date):
        return "—"
    if not isinstance(day, datetime.datetime) and deadline_is_provisional(day):
        return f"{cn_date(day)}{_('(provisional)')}"
    return cn_date(day)


def deadline_html(day) -> SafeString | str:
    """A computed deadline: the Chinese date, marked 暂定 with the reason when provisional."""
    text = cn_date(day)
    if not text:
        return "—"
    if isinstance(day, datetime.datetime) or not deadline_is_provisional(day):
        return format_html('<time datetime="{}">{}</time>', day.isoformat(), text)
    reason = _(
        "The State Council has not yet published the %(year)s holiday arrangement: this "
        "deadline is computed with the national holiday law's dates and may still move."
    ) % {"year": day.year}
    return format_html(
        '<time datetime="{}">{}</time> <abbr class="provisional" title="{}">{}</abbr>',
        day.isoformat(),
        text,
        reason,
        _("(provisional)"),
    )
