"""Working-day arithmetic over the statutory calendar (holidays and make-up days).

A day is a working day when it is a make-up working day, or a Monday-Friday
that is not a holiday. Years without an official State Council arrangement in the
calendar fall back to Monday-Friday minus the holidays fixed by the national holiday law
(:class:`StatutoryHoliday` rule rows: 元旦, 春节, 清明, 劳动节, 端午, 中秋, 国庆 on their
legal dates), and every result that touched such a year is marked ``provisional``.
"""

import datetime
from dataclasses import dataclass
from typing import Generic, TypeVar

from integrity.core.models import CalendarDay, CalendarYear, StatutoryHoliday

T = TypeVar("T")
ONE_DAY = datetime.timedelta(days=1)


def local_midnight(day: datetime.date) -> datetime.datetime:
    """The instant a local calendar day begins (current time zone, aware).

    ``stamp >= local_midnight(a) and stamp < local_midnight(b + ONE_DAY)`` selects the
    instants of the days ``a``..``b`` as a plain range, which an index can serve; Django's
    ``__date`` lookups convert every row instead (on SQLite, in Python)."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass(frozen=True)
class WorkdayResult(Generic[T]):
    value: T
    provisional: bool
    # Weekdays that were not counted, with the holiday's name: how the result was computed.
    skipped: tuple[tuple[datetime.date, str], ...] = ()


class WorkingCalendar:
    """The calendar between two dates, loaded in two queries and then pure.

    Bulk code (alarm sweeps, scoring) builds one and asks it many questions.
    """

    def __init__(self, start: datetime.date, end: datetime.date) -> None:
        self.start, self.end = start, end
        days = CalendarDay.objects.filter(date__range=(start, end)).values_list(
            "date", "kind", "name"
        )
        self.names = {d: name for d, kind, name in days if kind == CalendarDay.Kind.HOLIDAY}
        self.workdays = {d for d, kind, _name in days if kind == CalendarDay.Kind.WORKDAY}
        self.known_years = set(
            CalendarYear.objects.filter(year__range=(start.year, end.year)).values_list(
                "year", flat=True
            )
        )
        unknown = [y for y in range(start.year, end.year + 1) if y not in self.known_years]
        if unknown:
            self.names.update(statutory_holidays(unknown))
        self.holidays = set(self.names)

    def covers(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def is_working_day(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def is_provisional(self, first: datetime.date, last: datetime.date) -> bool:
        return any(y not in self.known_years for y in range(first.year, last.year + 1))

    def add(self, start: datetime.date, n: int) -> WorkdayResult[datetime.date]:
        step = ONE_DAY if n >= 0 else -ONE_DAY
        day, remaining, skipped = start, abs(n), []
        while remaining:
            day += step
            if self.is_working_day(day):
                remaining -= 1
            elif day.weekday() < 5:
                skipped.append((day, self.names.get(day, "")))
        first, last = sorted((start, day))
        return WorkdayResult(day, self.is_provisional(first, last), tuple(skipped))

    def count(self, start: datetime.date, end: datetime.date) -> WorkdayResult[int]:
        """Working days in ``(start, end]``; negative when ``end`` is before ``start``."""
        sign = 1
        if end < start:
            start, end, sign = end, start, -1
        total, day = 0, start
        while day < end:
            day += ONE_DAY
            total += self.is_working_day(day)
        return WorkdayResult(sign * total, self.is_provisional(start, end))


def statutory_holidays(years) -> dict[datetime.date, str]:
    """The days off the national holiday law gives in ``years``, by date (with the name)."""
    years = sorted(years)
    first, last = datetime.date(years[0], 1, 1), datetime.date(years[-1], 12, 31)
    rules = StatutoryHoliday.objects.filter(jurisdiction__isnull=True, valid_from__lte=last)
    rules = rules.exclude(valid_to__lt=first)
    found: dict[datetime.date, str] = {}
    for rule in rules:
        for year in years:
            for day in rule.dates_in(year):
                if rule.valid_from <= day and (rule.valid_to is None or day <= rule.valid_to):
                    found[day] = str(rule.get_festival_display())
    return found


def _span(start: datetime.date, n: int) -> tuple[datetime.date, datetime.date]:
    # Long enough for n working days even across the Spring Festival week.
    reach = datetime.timedelta(days=abs(n) * 2 + 21)
    return (start, start + reach) if n >= 0 else (start - reach, start)


def is_working_day(day: datetime.date) -> WorkdayResult[bool]:
    cal = WorkingCalendar(day, day)
    return WorkdayResult(cal.is_working_day(day), cal.is_provisional(day, day))


def add_working_days(start: datetime.date, n: int) -> WorkdayResult[datetime.date]:
    """The date ``n`` working days after ``start`` (before it when ``n`` is negative)."""
    return WorkingCalendar(*_span(start, n)).add(start, n)


def working_days_between(start: datetime.date, end: datetime.date) -> WorkdayResult[int]:
    """Number of working days after ``start`` up to and including ``end``."""
    low, high = sorted((start, end))
    return WorkingCalendar(low, high).count(start, end)
