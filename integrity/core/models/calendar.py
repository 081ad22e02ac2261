import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from .rules import RuleSet


class CalendarDay(models.Model):
    """An exception to the Monday-Friday week: a statutory holiday or a make-up working day."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Holiday (day off)")
        WORKDAY = "workday", _("Make-up working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=40, blank=True, default="manual")

    scope_path = None  # national data, the same for every organisation

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("working-day calendar")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()


class CalendarYear(models.Model):
    """A year whose official holiday arrangement has been entered.

    Computations that touch a year without a row here fall back to Monday-Friday
    and are marked provisional.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    source = models.CharField(_("source"), max_length=80, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_path = None  # national data, the same for every organisation

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class StatutoryHoliday(RuleSet):
    """A holiday fixed by 《全国年节及纪念日放假办法》, as rule data with its validity.

    Years without a State Council arrangement (no :class:`CalendarYear`) still skip these
    days; such results are marked provisional. Lunar festivals are converted per year.
    """

    class Festival(models.TextChoices):
        NEW_YEAR = "new_year", _("New Year's Day")
        SPRING = "spring", _("Spring Festival")
        QINGMING = "qingming", _("Qingming Festival")
        LABOUR = "labour", _("Labour Day")
        DRAGON_BOAT = "dragon_boat", _("Dragon Boat Festival")
        MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
        NATIONAL = "national", _("National Day")

    class Basis(models.TextChoices):
        SOLAR = "solar", _("Gregorian date")
        LUNAR = "lunar", _("Lunar date")
        SOLAR_TERM = "solar_term", _("Qingming solar term")

    festival = models.CharField(_("festival"), max_length=20, choices=Festival.choices)
    basis = models.CharField(_("date basis"), max_length=10, choices=Basis.choices)
    month = models.PositiveSmallIntegerField(_("month"), default=1)
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    start_offset = models.SmallIntegerField(
        _("start offset (days)"),
        default=0,
        help_text=_("-1 starts the holiday the day before the date (e.g. New Year's Eve)."),
    )
    days = models.PositiveSmallIntegerField(_("days off"))

    class Meta(RuleSet.Meta):
        verbose_name = _("statutory holiday")
        verbose_name_plural = _("statutory holidays")
        ordering = ["-valid_from", "month", "day"]

    def __str__(self) -> str:
        return f"{self.get_festival_display()} {self.days}"

    def dates_in(self, year: int) -> list[datetime.date]:
        """The days off this rule gives in ``year`` (the Gregorian year of the festival)."""
        first = self.anchor(year) + datetime.timedelta(days=self.start_offset)
        return [first + datetime.timedelta(days=i) for i in range(self.days)]

    def anchor(self, year: int) -> datetime.date:
        if self.basis == self.Basis.LUNAR:
            from lunardate import LunarDate

            return LunarDate(year, self.month, self.day).to_solar_date()
        if self.basis == self.Basis.SOLAR_TERM:
            import chinese_calendar

            april = chinese_calendar.get_solar_terms(
                datetime.date(year, 4, 1), datetime.date(year, 4, 10)
            )
            return next(day for day, name in april if name == "清明")
        return datetime.date(year, self.month, self.day)
