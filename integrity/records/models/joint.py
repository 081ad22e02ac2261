"""Joint rewards and sanctions (联合奖惩): a catalogue of measures and their dispatch.

The credit office dispatches a measure of the catalogue for a record (or an incentive for
a red-list unit) to an implementing department, which confirms it, implements it and
reports back by a deadline (发起 → 实施 → 反馈). Ending the record ends its dispatches.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.models import RuleSet


class MeasureKind(models.TextChoices):
    PUNISHMENT = "punishment", _("Sanction (惩戒)")
    INCENTIVE = "incentive", _("Incentive (激励)")


class MeasureSubject(models.TextChoices):
    UNIT = "unit", _("Units")
    OFFICIAL = "official", _("Civil servants")
    BOTH = "both", _("Units and civil servants")


class SanctionMeasure(RuleSet):
    """One measure of the catalogue, with its legal basis and implementing department."""

    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("measure"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=MeasureKind.choices, default=MeasureKind.PUNISHMENT
    )
    subject = models.CharField(
        _("applies to"), max_length=16, choices=MeasureSubject.choices, default=MeasureSubject.UNIT
    )
    legal_basis = models.TextField(_("legal basis"))
    department_name = models.CharField(
        _("implementing department"),
        max_length=120,
        help_text=_("The kind of department that implements it, e.g. the finance department."),
    )
    feedback_days = models.PositiveSmallIntegerField(_("feedback due (working days)"), default=15)

    scope_path = "jurisdiction__path"

    class Meta(RuleSet.Meta):
        verbose_name = _("joint sanction measure")
        verbose_name_plural = _("joint sanction measures")
        ordering = ["kind", "code", "-valid_from"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DispatchStatus(models.TextChoices):
    DISPATCHED = "dispatched", _("Dispatched")
    CONFIRMED = "confirmed", _("Confirmed by the department")
    IMPLEMENTED = "implemented", _("Implemented")
    FED_BACK = "fed_back", _("Fed back")
    ENDED = "ended", _("Ended")


OPEN_DISPATCH = (DispatchStatus.DISPATCHED, DispatchStatus.CONFIRMED, DispatchStatus.IMPLEMENTED)


class SanctionDispatchQuerySet(models.QuerySet):
    def open(self) -> "SanctionDispatchQuerySet":
        return self.filter(status__in=OPEN_DISPATCH)


class SanctionDispatch(models.Model):
    """A measure sent to one implementing department; seen by that department."""

    Status = DispatchStatus

    record = models.ForeignKey(
        "records.DishonestyRecord",
        verbose_name=_("record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dispatches",
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("subject unit"),
        on_delete=models.PROTECT,
        related_name="sanction_dispatches_received",
    )
    measure = models.ForeignKey(
        SanctionMeasure,
        verbose_name=_("measure"),
        on_delete=models.PROTECT,
        related_name="dispatches",
    )
    department = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("implementing department"),
        on_delete=models.PROTECT,
        related_name="sanction_dispatches",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=DispatchStatus.choices,
        default=DispatchStatus.DISPATCHED,
    )
    due_date = models.DateField(_("feedback due"))
    note = models.TextField(_("instructions"), blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dispatched by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dispatched_at = models.DateTimeField(_("dispatched at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    implemented_at = models.DateTimeField(_("implemented at"), null=True, blank=True)
    implementation = models.TextField(_("implementation"), blank=True)
    fed_back_at = models.DateTimeField(_("fed back at"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    end_reason = models.CharField(_("reason for ending"), max_length=200, blank=True)

    scope_path = "department__path"

    objects = SanctionDispatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("joint sanction dispatch")
        verbose_name_plural = _("joint sanction dispatches")
        ordering = ["-dispatched_at", "-id"]

    def __str__(self) -> str:
        return f"{self.measure.name} → {self.department.name}"

    def scope_organisation(self):
        return self.department
