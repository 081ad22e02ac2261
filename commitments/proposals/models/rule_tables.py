"""The rule tables of the proposal workflow: handling deadlines and reply categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.models.rules import RuleSet


class Kind(models.TextChoices):
    SUGGESTION = "suggestion", _("NPC deputy suggestion")
    PROPOSAL = "proposal", _("CPPCC member proposal")


class HandlingRule(RuleSet):
    """Deadlines and windows for handling items (national defaults seeded)."""

    reply_months = models.PositiveSmallIntegerField(_("reply deadline (months)"), default=3)
    max_months = models.PositiveSmallIntegerField(
        _("longest deadline with extensions (months)"), default=6
    )
    return_window_workdays = models.PositiveSmallIntegerField(
        _("window to return an assignment (working days)"), default=7
    )
    cohandler_months = models.PositiveSmallIntegerField(
        _("co-handler opinion deadline (months)"), default=1
    )
    rehandling_months = models.PositiveSmallIntegerField(
        _("re-handling deadline (months)"), default=1
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("remind days before the deadline"), default=15
    )

    class Meta(RuleSet.Meta):
        verbose_name = _("handling rule")
        verbose_name_plural = _("handling rules")

    def __str__(self) -> str:
        return f"{self.jurisdiction or _('national default')} {self.valid_from}"


class ReplyCategory(RuleSet):
    """One entry of the reply category code list (default A/B/C)."""

    code = models.CharField(_("code"), max_length=4)
    name = models.CharField(_("meaning"), max_length=100)
    creates_followup = models.BooleanField(_("creates a follow-up commitment"), default=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta(RuleSet.Meta):
        verbose_name = _("reply category")
        verbose_name_plural = _("reply categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
