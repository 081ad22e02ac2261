from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.models.rules import RuleSet


class AssessmentRules(RuleSet):
    """Configurable numbers of the annual assessment (DOMAIN.md §5)."""

    class Fallback(models.TextChoices):
        PEER_AVERAGE = "peer_average", _("Average of the peer group")
        FULL_MARKS = "full_marks", _("Full marks")
        FIXED = "fixed", _("Fixed rate")

    objection_working_days = models.PositiveSmallIntegerField(
        _("objection window (working days)"), default=5
    )
    self_assessment_working_days = models.PositiveSmallIntegerField(
        _("self-assessment period (working days)"), default=10
    )
    rectification_working_days = models.PositiveSmallIntegerField(
        _("rectification period (working days)"), default=60
    )
    minimum_sample_size = models.PositiveSmallIntegerField(
        _("minimum number of cases for a rate"), default=5
    )
    small_sample_fallback = models.CharField(
        _("rule for rates with too few cases"),
        max_length=20,
        choices=Fallback.choices,
        default=Fallback.PEER_AVERAGE,
    )
    fallback_rate = models.DecimalField(
        _("fixed fallback rate"), max_digits=5, decimal_places=4, default=1
    )

    class Meta(RuleSet.Meta):
        verbose_name = _("assessment rules")
        verbose_name_plural = _("assessment rules")

    def __str__(self) -> str:
        return f"{self.jurisdiction or '—'} {self.valid_from}"
