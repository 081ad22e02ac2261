"""How dates and computed deadlines are shown: the Chinese way, provisional ones marked."""

import datetime
import decimal

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


# --- values of any kind, the Chinese way -------------------------------------------------

EMPTY = "—"
# A decimal field holds money (yuan) when its name says so; rates, scores and points do not.
MONEY_NAME_PARTS = ("amount", "investment", "spending", "budget", "balance", "capacity")


def cn_bool(value) -> str:
    """True → 是, False → 否, None → —."""
    if value is None:
        return EMPTY
    return _("Yes") if value else _("No")


def _decimal(value) -> decimal.Decimal | None:
    if isinstance(value, bool) or value is None or value == "":
        return None
    try:
        return decimal.Decimal(str(value))
    except decimal.InvalidOperation:
        return None


def cn_money(value, unit: str = "元") -> str:
    """1234567.891 → 1,234,567.89 元; empty → —."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    return f"{amount.quantize(decimal.Decimal('0.01'), decimal.ROUND_HALF_UP):,} {unit}"


def cn_wan(value) -> str:
    """Yuan shown in 万元 (ten thousands): 12345678 → 1,234.57 万元."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    return cn_money(amount / 10000, unit="万元")


def cn_number(value) -> str:
    """A plain number with thousands separators, trailing zeros of decimals dropped."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    if amount == amount.to_integral_value():
        return f"{int(amount):,}"
    return f"{amount.normalize():,f}"


def is_money_field(field) -> bool:
    name = getattr(field, "name", "") or ""
    return field.get_internal_type() == "DecimalField" and any(
        part in name for part in MONEY_NAME_PARTS
    )


def cn_value(value, field=None) -> str:
    """Any model value for a person: 是/否, —, money in yuan, Chinese dates, local times."""
    if value is None or value == "" or value == [] or value == {}:
        return EMPTY
    if isinstance(value, bool):
        return cn_bool(value)
    if isinstance(value, datetime.datetime):
        return cn_datetime(value)
    if isinstance(value, datetime.date):
        return cn_date(value)
    if isinstance(value, decimal.Decimal | float | int):
        if field is not None and is_money_field(field):
            return cn_money(value)
        return cn_number(value)
    return value
