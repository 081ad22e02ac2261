"""Configurable numbers of the commitment rules (seeded with the national defaults)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.models import RuleSet

from .core import Commitment


class DueSoonRule(RuleSet):
    """How many working days before its deadline a commitment counts as due soon."""

    kind = models.CharField(
        _("commitment kind"),
        max_length=20,
        choices=Commitment.Kind.choices,
        blank=True,
        help_text=_("Leave empty for all kinds."),
    )
    working_days = models.PositiveSmallIntegerField(_("working days before the deadline"))
    stale_months = models.PositiveSmallIntegerField(
        _("months without progress before an alarm"), default=3
    )

    class Meta(RuleSet.Meta):
        verbose_name = _("due-soon rule")
        verbose_name_plural = _("due-soon rules")


class SMEPaymentRule(RuleSet):
    default_term_days = models.PositiveSmallIntegerField(_("default payment term (days)"))
    max_term_days = models.PositiveSmallIntegerField(_("maximum payment term (days)"))
    default_daily_rate = models.DecimalField(
        _("default late-interest rate per day"),
        max_digits=7,
        decimal_places=6,
        default=Decimal("0.0005"),
    )

    class Meta(RuleSet.Meta):
        verbose_name = _("SME payment rule")
        verbose_name_plural = _("SME payment rules")


class DebtRiskRule(RuleSet):
    """Debt-ratio thresholds (percent). The seeded row is labelled as the default."""

    red_from = models.DecimalField(_("red from (%)"), max_digits=7, decimal_places=2)
    orange_from = models.DecimalField(_("orange from (%)"), max_digits=7, decimal_places=2)
    yellow_from = models.DecimalField(_("yellow from (%)"), max_digits=7, decimal_places=2)
    is_default = models.BooleanField(_("default thresholds"), default=False)

    class Meta(RuleSet.Meta):
        verbose_name = _("debt risk thresholds")
        verbose_name_plural = _("debt risk thresholds")


class PPPLimitRule(RuleSet):
    limit_percent = models.DecimalField(_("PPP spending limit (%)"), max_digits=5, decimal_places=2)
    new_government_pays_percent = models.DecimalField(
        _("limit for new government-pay projects (%)"), max_digits=5, decimal_places=2
    )

    class Meta(RuleSet.Meta):
        verbose_name = _("PPP spending limit")
        verbose_name_plural = _("PPP spending limits")
