"""The monthly monitoring report (月度监测): one row per month, replaced when rebuilt."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from integrity.core.storage import RandomName, private_storage


class Metric(models.TextChoices):
    OVERDUE = "overdue_commitments", _("Overdue commitments (month end)")
    BROKEN = "broken_commitments", _("Commitments broken in the month")
    NEW_RECORDS = "new_records", _("New dishonesty records")
    EXPIRED_RECORDS = "expired_records", _("Records whose publication ended")
    COMPLAINTS_RECEIVED = "complaints_received", _("Complaints received")
    COMPLAINTS_ANSWERED = "complaints_answered", _("Complaints answered")
    PROPOSALS_ASSIGNED = "proposals_assigned", _("Suggestions and proposals assigned")
    PROPOSALS_REPLIED = "proposals_replied", _("Suggestions and proposals replied")
    DEBT_RED = "debt_red", _("Debts at red risk level")
    DEBT_ORANGE = "debt_orange", _("Debts at orange risk level")
    DEBT_YELLOW = "debt_yellow", _("Debts at yellow risk level")
    DEBT_GREEN = "debt_green", _("Debts at green risk level")
    SME_OVERDUE = "sme_overdue", _("SME payments overdue (month end)")
    OBLIGATIONS_OVERDUE = (
        "obligations_overdue",
        _("Government payment obligations overdue (month end)"),
    )


# A rise in any of these means the unit got worse.
WORSE_WHEN_UP = (
    Metric.OVERDUE,
    Metric.BROKEN,
    Metric.NEW_RECORDS,
    Metric.DEBT_RED,
    Metric.DEBT_ORANGE,
    Metric.SME_OVERDUE,
    Metric.OBLIGATIONS_OVERDUE,
)


class MonitoringReport(models.Model):
    """Figures of one month, per unit (its subtree rolled up) and in total.

    ``figures`` maps a unit id (string) to ``{"name", "path", "supervisor", metrics...}``;
    ``changes`` maps a unit id (and ``"totals"``) to each metric's change from the month
    before; ``worsened`` lists the ids of units that got worse.
    """

    month = models.DateField(_("month"), unique=True, help_text=_("First day of the month."))
    figures = models.JSONField(_("figures by unit"), default=dict)
    totals = models.JSONField(_("totals"), default=dict)
    changes = models.JSONField(_("changes from the previous month"), default=dict)
    worsened = models.JSONField(_("units that got worse"), default=list)
    generated_at = models.DateTimeField(_("generated at"))
    pdf = models.FileField(
        _("PDF"), upload_to=RandomName("monitoring"), storage=private_storage, blank=True
    )

    class Meta:
        verbose_name = _("monthly monitoring report")
        verbose_name_plural = _("monthly monitoring reports")
        ordering = ["-month"]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse("monitoring:detail", args=[self.slug])

    @property
    def label(self) -> str:
        return f"{self.month:%Y-%m}"

    @property
    def slug(self) -> str:
        return f"{self.month:%Y-%m}"

    @staticmethod
    def first_of(day: datetime.date) -> datetime.date:
        return day.replace(day=1)
