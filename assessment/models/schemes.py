from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.Model):
    """An indicator scheme of one assessing organisation for one assessed year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FROZEN = "frozen", _("Frozen")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("assessing organisation"),
        on_delete=models.PROTECT,
        related_name="assessment_schemes",
    )
    year = models.PositiveSmallIntegerField(_("assessed year"))
    name = models.CharField(_("name"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    total_points = models.DecimalField(
        _("total points"), max_digits=6, decimal_places=2, default=Decimal("100")
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )
    description = models.TextField(_("method description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("indicator scheme")
        verbose_name_plural = _("indicator schemes")
        ordering = ["-year", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"], name="assessment_scheme_one_per_year"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_frozen(self) -> bool:
        return self.status == self.Status.FROZEN


class Indicator(models.Model):
    """A node of the indicator tree (三级指标 at most). Leaves carry a scoring method.

    ``points`` is the node's share of the scheme's total (its weight). A deduction
    leaf may have 0 points (deducted from the total) or its own points (扣完为止).
    """

    class Method(models.TextChoices):
        AUTO = "auto", _("Computed from the system's data")
        MANUAL = "manual", _("Self-assessment and review")
        DEDUCTION = "deduction", _("Deduction per item")
        BONUS = "bonus", _("Bonus")
        VETO = "veto", _("Veto")

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="indicators"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent indicator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2, default=0)
    method = models.CharField(
        _("scoring method"), max_length=10, choices=Method.choices, blank=True
    )
    metric_code = models.CharField(_("metric"), max_length=60, blank=True)
    per_item = models.DecimalField(
        _("points per item"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    cap = models.DecimalField(_("cap"), max_digits=6, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("scoring standard"), blank=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    third_party = models.BooleanField(
        _("scored by a third party"),
        default=False,
        help_text=_("The values of this item are imported from a third-party evaluation."),
    )

    scope_path = "scheme__organisation__path"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["scheme", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="assessment_indicator_code"),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=3), name="assessment_indicator_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def scope_organisation(self):
        return self.scheme.organisation


class GradeBand(models.Model):
    """优秀 ≥ 90 … a band per row; ``quota`` limits the share of units in the band."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="bands"
    )
    name = models.CharField(_("grade"), max_length=20)
    min_score = models.DecimalField(_("minimum score"), max_digits=6, decimal_places=2)
    quota = models.DecimalField(
        _("quota (share of the peer group)"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
        # xgettext:no-python-format
        help_text=_("For example 0.2 for at most 20 % of the peer group."),
    )

    scope_path = "scheme__organisation__path"

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["scheme", "-min_score"]

    def __str__(self) -> str:
        return f"{self.name} ≥ {self.min_score}"


class PeerGroup(models.Model):
    """Units compared with each other (counties with counties, departments with departments)."""

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="peer_groups"
    )
    name = models.CharField(_("name"), max_length=60)
    kinds = models.JSONField(
        _("organisation kinds"), default=list, help_text=_("Kinds of organisation in the group.")
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    scope_path = "scheme__organisation__path"

    class Meta:
        verbose_name = _("peer group")
        verbose_name_plural = _("peer groups")
        ordering = ["scheme", "sort_order"]

    def __str__(self) -> str:
        return self.name
