"""Government dishonesty records, sanctions, objections, repair, officials and citizen reports.

Public visibility of a record is always *computed* from its status and dates
(:meth:`DishonestyRecordQuerySet.public`), never a stored flag, so a record leaves
the portal, the public API and the public export the moment it is repaired,
revoked or past its maximum publication date.
"""

import datetime

from dateutil.relativedelta import relativedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.models import RuleSet
from integrity.core.storage import RandomName, private_storage

# --- choices ---------------------------------------------------------------------------


class SourceType(models.TextChoices):
    JUDGMENT = "judgment", _("Court judgment")
    JUDGMENT_DEFAULTER = "defaulter", _("Listed judgment defaulter")
    REFUSAL = "refusal", _("Refusal to perform a judgment")
    ADMIN_PENALTY = "penalty", _("Administrative penalty")
    DISCIPLINARY = "disciplinary", _("Disciplinary sanction")
    ACCOUNTABILITY = "accountability", _("Accountability measure")
    BREACH = "breach", _("Breach or repudiation of contract")
    ARREARS = "arrears", _("Arrears to enterprises")
    WAGE_ARREARS = "wage_arrears", _("Arrears of migrant workers' wages")
    BROKEN_COMMITMENT = "commitment", _("Broken public commitment")
    COMPLAINT = "complaint", _("Verified complaint")


class Severity(models.TextChoices):
    MINOR = "minor", _("Minor")
    GENERAL = "general", _("General")
    SERIOUS = "serious", _("Serious")


# --- rule sets -------------------------------------------------------------------------


class PublicationRule(RuleSet):
    """Publication period for one severity under one generation of rules.

    Periods are calendar months counted from the determination date
    (2026-04-15 + 3 months = 2026-07-15).
    """

    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    min_months = models.PositiveSmallIntegerField(_("minimum period (months)"))
    max_months = models.PositiveSmallIntegerField(_("maximum period (months)"))
    published_by_default = models.BooleanField(
        _("published by default"),
        default=True,
        help_text=_("When unchecked, records are published only if the office decides so."),
    )

    scope_path = "jurisdiction__path"

    class Meta(RuleSet.Meta):
        verbose_name = _("publication period rule")
        verbose_name_plural = _("publication period rules")

    def __str__(self) -> str:
        return f"{self.get_severity_display()} {self.min_months}-{self.max_months} ({self.source})"


class ProcedureRule(RuleSet):
    """Working-day limits of the records and complaints procedures."""

    objection_working_days = models.PositiveSmallIntegerField(
        _("objection decision (working days)"), default=15
    )
    explanation_working_days = models.PositiveSmallIntegerField(
        _("written explanation due (working days)"), default=10
    )
    rectification_days = models.PositiveSmallIntegerField(
        _("rectification deadline (calendar days)"), default=90
    )
    complaint_answer_working_days = models.PositiveSmallIntegerField(
        _("complaint answer (working days)"), default=15
    )
    explanation_alarm_days = models.PositiveSmallIntegerField(
        _("written explanation alarm (days before the due date)"), default=3
    )
    violation_lookback_months = models.PositiveSmallIntegerField(
        _("credit check: violations counted (months back)"), default=12
    )

    scope_path = "jurisdiction__path"

    class Meta(RuleSet.Meta):
        verbose_name = _("records procedure rule")
        verbose_name_plural = _("records procedure rules")

    def __str__(self) -> str:
        return self.source or str(self.valid_from)


# --- dishonesty records ----------------------------------------------------------------


class RecordStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    CONFIRMED = "confirmed", _("Confirmed")
    NOTIFIED = "notified", _("Notified")
    PUBLISHED = "published", _("Published")
    REPAIRED = "repaired", _("Repaired")
    REVOKED = "revoked", _("Revoked")
    EXPIRED = "expired", _("Expired")


class DishonestyRecordQuerySet(models.QuerySet):
    def public(self, *, on: datetime.date | None = None) -> "DishonestyRecordQuerySet":
        """Records on public view on ``on``: published, chosen for publication, before the max."""
        day = on or timezone.localdate()
        return self.filter(
            status=RecordStatus.PUBLISHED,
            publish=True,
            determination_date__lte=day,
            max_end_date__gt=day,
        )

    def live(self, *, on: datetime.date | None = None) -> "DishonestyRecordQuerySet":
        """Records with consequences on ``on`` (confirmed and not yet ended)."""
        day = on or timezone.localdate()
        return self.filter(
            status__in=[RecordStatus.CONFIRMED, RecordStatus.NOTIFIED, RecordStatus.PUBLISHED],
            max_end_date__gt=day,
        )

    def past_maximum(self, *, on: datetime.date) -> "DishonestyRecordQuerySet":
        return self.filter(
            status__in=[RecordStatus.CONFIRMED, RecordStatus.NOTIFIED, RecordStatus.PUBLISHED],
            max_end_date__lte=on,
        )

    def with_objection_flag(self) -> "DishonestyRecordQuerySet":
        pending = Objection.objects.filter(record=OuterRef("pk"), status=Objection.Status.PENDING)
        return self.annotate(under_objection=Exists(pending))


class DishonestyRecord(models.Model):
    Status = RecordStatus

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="dishonesty_records",
        help_text=_("The subject unit, or the unit of the civil servant."),
    )
    official = models.ForeignKey(
        "records.Official",
        verbose_name=_("civil servant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
    )
    title = models.CharField(_("title"), max_length=200)
    facts = models.TextField(_("facts"), blank=True)
    source = models.CharField(_("source type"), max_length=20, choices=SourceType.choices)
    severity = models.CharField(_("severity"), max_length=16, choices=Severity.choices)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    determination_date = models.DateField(_("determination date"))
    deciding_body = models.CharField(_("deciding body"), max_length=120, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RecordStatus.choices, default=RecordStatus.DRAFT
    )
    publish = models.BooleanField(
        _("publish"),
        default=True,
        help_text=_("Minor records are published only when the office decides so."),
    )
    publication_rule = models.ForeignKey(
        PublicationRule,
        verbose_name=_("publication rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    min_end_date = models.DateField(_("repairable from"), null=True, blank=True)
    max_end_date = models.DateField(_("publication ends at the latest"), null=True, blank=True)
    explanation_due = models.DateField(_("written explanation due"), null=True, blank=True)
    rectification_deadline = models.DateField(_("rectification deadline"), null=True, blank=True)
    explanation = models.TextField(_("written explanation"), blank=True)
    explanation_submitted_at = models.DateTimeField(
        _("written explanation submitted at"), null=True, blank=True
    )
    explanation_escalated_on = models.DateField(
        _("missed explanation escalated on"), null=True, blank=True
    )
    rectification = models.TextField(_("rectification report"), blank=True)
    rectification_submitted_at = models.DateTimeField(
        _("rectification reported at"), null=True, blank=True
    )
    complaint = models.ForeignKey(
        "records.Complaint",
        verbose_name=_("complaint"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dishonesty_records",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    scope_path = "organisation__path"

    objects = DishonestyRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("dishonesty record")
        verbose_name_plural = _("dishonesty records")
        ordering = ["-determination_date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("records:detail", args=[self.pk])

    @property
    def subject_name(self) -> str:
        if self.official_id:
            return f"{self.official.name}（{self.organisation.name}）"
        return self.organisation.name

    def is_public(self, on: datetime.date | None = None) -> bool:
        return DishonestyRecord.objects.public(on=on).filter(pk=self.pk).exists()

    def has_pending_objection(self) -> bool:
        return self.objections.filter(status=Objection.Status.PENDING).exists()


def add_months(day: datetime.date, months: int) -> datetime.date:
    """Calendar months: 2026-04-15 + 3 = 2026-07-15; 01-31 + 1 = 02-28."""
    return day + relativedelta(months=months)


class RecordEvidence(models.Model):
    class Kind(models.TextChoices):
        DETERMINATION = "determination", _("Determination evidence")
        EXPLANATION = "explanation", _("Written explanation evidence")
        RECTIFICATION = "rectification", _("Rectification evidence")

    record = models.ForeignKey(
        DishonestyRecord,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("record"),
    )
    file = models.FileField(
        _("file"), upload_to=RandomName("records/evidence"), storage=private_storage
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=Kind.choices, default=Kind.DETERMINATION
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    scope_path = "record__organisation__path"

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.description or self.file.name

    def scope_organisation(self):
        return self.record.organisation


class Objection(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Under objection")
        MAINTAINED = "maintained", _("Record maintained")
        CORRECTED = "corrected", _("Record corrected")
        REVOKED = "revoked", _("Record revoked")

    record = models.ForeignKey(
        DishonestyRecord,
        on_delete=models.CASCADE,
        related_name="objections",
        verbose_name=_("record"),
    )
    applicant = models.CharField(_("applicant"), max_length=120)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed online by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    grounds = models.TextField(_("grounds"))
    received_on = models.DateField(_("received on"))
    due_date = models.DateField(_("decision due"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    scope_path = "record__organisation__path"

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(status="pending"),
                name="records_one_pending_objection",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record} / {self.applicant}"

    def scope_organisation(self):
        return self.record.organisation


class RepairApplication(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    record = models.ForeignKey(
        DishonestyRecord,
        on_delete=models.CASCADE,
        related_name="repairs",
        verbose_name=_("record"),
    )
    credit_commitment = models.TextField(_("credit commitment"))
    performance = models.TextField(_("evidence of performance"))
    evidence = models.FileField(
        _("evidence file"),
        upload_to=RandomName("records/repair"),
        storage=private_storage,
        blank=True,
    )
    submitted_on = models.DateField(_("submitted on"))
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied online by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    scope_path = "record__organisation__path"

    class Meta:
        verbose_name = _("repair application")
        verbose_name_plural = _("repair applications")
        ordering = ["-submitted_on"]

    def __str__(self) -> str:
        return f"{self.record} / {self.get_status_display()}"

    def scope_organisation(self):
        return self.record.organisation


class Sanction(models.Model):
    class Kind(models.TextChoices):
        HONOURS = "honours", _("No eligibility for honours")
        CRITICISM = "criticism", _("Public criticism")
        LEADER = "leader", _("Accountability of the responsible leader")
        NO_EXCELLENT = "no_excellent", _("Cannot be rated excellent")
        AWARD_LIMIT = "award_limit", _("Limits on awards")
        PROMOTION_LIMIT = "promotion_limit", _("Limits on promotion")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REDUCED = "reduced", _("Reduced")
        WAIVED = "waived", _("Waived")
        ENDED = "ended", _("Ended")

    record = models.ForeignKey(
        DishonestyRecord,
        on_delete=models.CASCADE,
        related_name="sanctions",
        verbose_name=_("record"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    reason = models.TextField(_("reason"), blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    scope_path = "record__organisation__path"

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        constraints = [
            models.UniqueConstraint(fields=["record", "kind"], name="records_sanction_once")
        ]

    def __str__(self) -> str:
        return self.get_kind_display()

    def scope_organisation(self):
        return self.record.organisation


ORG_SANCTIONS = (Sanction.Kind.HONOURS, Sanction.Kind.CRITICISM, Sanction.Kind.LEADER)
OFFICIAL_SANCTIONS = (
    Sanction.Kind.NO_EXCELLENT,
    Sanction.Kind.AWARD_LIMIT,
    Sanction.Kind.PROMOTION_LIMIT,
)
BINDING_SANCTIONS = (Sanction.Status.ACTIVE, Sanction.Status.REDUCED)
