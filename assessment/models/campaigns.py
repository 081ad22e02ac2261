from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.schemes import Indicator, PeerGroup, Scheme
from integrity.core.storage import RandomName, private_storage


class Campaign(models.Model):
    """One run of a scheme: units, scores, review, objections, publication."""

    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        REVIEW = "review", _("Review")
        PROVISIONAL = "provisional", _("Provisional results (objection window)")
        FINAL = "final", _("Final")
        PUBLISHED = "published", _("Published")

    scheme = models.OneToOneField(
        Scheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="campaign"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("assessing organisation"),
        on_delete=models.PROTECT,
        related_name="assessment_campaigns",
    )
    year = models.PositiveSmallIntegerField(_("assessed year"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SELF_ASSESSMENT
    )
    self_assessment_deadline = models.DateField(_("self-assessment deadline"), null=True)
    objection_deadline = models.DateField(_("objection deadline"), null=True, blank=True)
    review_deadline = models.DateField(_("review deadline"), null=True, blank=True)
    publication_date = models.DateField(_("planned publication"), null=True, blank=True)
    timetable = models.JSONField(
        _("timetable"),
        default=list,
        blank=True,
        help_text=_("Each deadline with the working days and holidays it was computed from."),
    )
    enrolment = models.JSONField(
        _("enrolment rule"),
        default=dict,
        blank=True,
        help_text=_("Levels, kinds and excluded units chosen when the campaign was opened."),
    )
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("assessment campaign")
        verbose_name_plural = _("assessment campaigns")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.scheme)

    @property
    def results_visible_to_units(self) -> bool:
        return self.status in {self.Status.PROVISIONAL, self.Status.FINAL, self.Status.PUBLISHED}


class CampaignUnitQuerySet(models.QuerySet):
    def published(self) -> "CampaignUnitQuerySet":
        return self.filter(campaign__status=Campaign.Status.PUBLISHED)


class CampaignUnit(models.Model):
    """An assessed unit in a campaign with its computed result."""

    campaign = models.ForeignKey(
        Campaign, verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="units"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="assessment_results",
    )
    peer_group = models.ForeignKey(
        PeerGroup, verbose_name=_("peer group"), on_delete=models.PROTECT, related_name="units"
    )
    self_submitted_at = models.DateTimeField(_("self-assessment submitted"), null=True)
    base = models.DecimalField(_("base score"), max_digits=7, decimal_places=2, null=True)
    deductions = models.DecimalField(_("deductions"), max_digits=7, decimal_places=2, null=True)
    bonus = models.DecimalField(_("bonus"), max_digits=7, decimal_places=2, null=True)
    total = models.DecimalField(_("total score"), max_digits=7, decimal_places=2, null=True)
    vetoed = models.BooleanField(_("vetoed"), default=False)
    rank = models.PositiveIntegerField(_("rank in peer group"), null=True)
    grade = models.CharField(_("grade"), max_length=20, blank=True)

    scope_path = "organisation__path"

    objects = CampaignUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessed unit")
        verbose_name_plural = _("assessed units")
        ordering = ["campaign", "peer_group__sort_order", "rank", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"], name="assessment_unit_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.campaign.year} {self.organisation}"


class Score(models.Model):
    """A unit's score on one leaf indicator, with raw value, evidence and a version."""

    unit = models.ForeignKey(
        CampaignUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="scores"
    )
    raw_value = models.DecimalField(
        _("raw value"),
        max_digits=12,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_(
            "A rate for computed items, points for manual items, a count of items "
            "for deductions, bonus and veto."
        ),
    )
    cases = models.PositiveIntegerField(_("number of cases"), null=True, blank=True)
    self_score = models.DecimalField(
        _("self-assessed score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to=RandomName("assessment/evidence"),
        storage=private_storage,
        blank=True,
    )
    source = models.CharField(
        _("source of the value"),
        max_length=200,
        blank=True,
        help_text=_("For example the third party that supplied the score."),
    )
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "unit__organisation__path"

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["unit", "indicator__sort_order", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "indicator"], name="assessment_score_once")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.indicator.code}"

    def scope_organisation(self):
        return self.unit.organisation


class ScoreChange(models.Model):
    """Review log: every change of a score, with its author and reason."""

    score = models.ForeignKey(Score, on_delete=models.CASCADE, related_name="changes")
    old_value = models.DecimalField(max_digits=12, decimal_places=4, null=True)
    new_value = models.DecimalField(max_digits=12, decimal_places=4)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField()

    scope_path = "score__unit__organisation__path"

    class Meta:
        verbose_name = _("score change")
        verbose_name_plural = _("score changes")
        ordering = ["score", "version"]

    def __str__(self) -> str:
        return f"{self.score} v{self.version}"


class Objection(models.Model):
    """A unit's objection against its provisional result, and the assessor's answer."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        UPHELD = "upheld", _("Upheld")
        REJECTED = "rejected", _("Rejected")

    unit = models.ForeignKey(
        CampaignUnit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="objections"
    )
    score = models.ForeignKey(
        Score, verbose_name=_("score"), on_delete=models.SET_NULL, null=True, blank=True
    )
    text = models.TextField(_("objection"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    scope_path = "unit__organisation__path"

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.unit}: {self.text[:30]}"

    def scope_organisation(self):
        return self.unit.organisation


class ReportJob(models.Model):
    """A generated output (score sheets, 通报, Excel) with its progress."""

    class Kind(models.TextChoices):
        SHEETS = "sheets", _("Score sheets (PDF)")
        BULLETIN = "bulletin", _("Bulletin (PDF)")
        EXCEL = "excel", _("All scores (Excel)")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    file = models.FileField(
        _("file"),
        upload_to=RandomName("assessment/reports"),
        storage=private_storage,
        blank=True,
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "campaign__organisation__path"

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.campaign} {self.get_kind_display()}"

    @property
    def status(self) -> str:
        """``running`` until the file is saved, then ``done``; ``failed`` with an error."""
        if self.error:
            return "failed"
        return "done" if self.file and self.progress >= 100 else "running"
