"""The shared core of every commitment: promisor, content, target, deadline, lifecycle."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.storage import RandomName, private_storage

MONEY = {"max_digits": 14, "decimal_places": 2}


class CommitmentQuerySet(models.QuerySet):
    def published(self) -> "CommitmentQuerySet":
        """Public ones: published onwards, never drafts, submissions or withdrawn."""
        return self.filter(status__in=Commitment.PUBLIC_STATUSES, is_public=True)

    def open(self) -> "CommitmentQuerySet":
        return self.filter(status__in=Commitment.OPEN_STATUSES)

    def overdue(self, *, on: datetime.date | None = None) -> "CommitmentQuerySet":
        """Still open after the (current) deadline: derived, never stored."""
        day = on or timezone.localdate()
        return self.open().filter(deadline__lt=day)

    def due_between(self, first: datetime.date, last: datetime.date) -> "CommitmentQuerySet":
        return self.open().filter(deadline__gte=first, deadline__lte=last)

    def within(self, organisation) -> "CommitmentQuerySet":
        return self.filter(organisation__path__startswith=organisation.path)

    def of_kind(self, kind: str) -> "CommitmentQuerySet":
        return self.filter(kind=kind)


class Commitment(models.Model):
    """One promise by one organisation, tracked from draft to its outcome."""

    class Kind(models.TextChoices):
        SERVICE_QUALITY = "service_quality", _("Service quality")
        TIME_LIMIT = "time_limit", _("Time limit")
        GUARANTEE = "guarantee", _("Guarantee")
        LIVELIHOOD = "livelihood", _("Livelihood project")
        INVESTMENT = "investment", _("Investment-attraction agreement")
        PPP = "ppp", _("PPP project")
        SME_PAYMENT = "sme_payment", _("SME payment")
        LOCAL_DEBT = "local_debt", _("Local government debt")
        RECTIFICATION = "rectification", _("Rectification")
        PROPOSAL_FOLLOWUP = "proposal_followup", _("Proposal reply follow-up")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for approval")
        PUBLISHED = "published", _("Published")
        IN_PROGRESS = "in_progress", _("In progress")
        FULFILLED = "fulfilled", _("Fulfilled")
        PARTLY_FULFILLED = "partly_fulfilled", _("Partly fulfilled")
        BROKEN = "broken", _("Broken")
        CHANGED = "changed", _("Lawfully changed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATUSES = (Status.PUBLISHED, Status.IN_PROGRESS)
    PUBLIC_STATUSES = (
        Status.PUBLISHED,
        Status.IN_PROGRESS,
        Status.FULFILLED,
        Status.PARTLY_FULFILLED,
        Status.BROKEN,
        Status.CHANGED,
    )
    FINAL_STATUSES = (
        Status.FULFILLED,
        Status.PARTLY_FULFILLED,
        Status.BROKEN,
        Status.CHANGED,
        Status.WITHDRAWN,
    )

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("promising organisation"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    code = models.CharField(_("number"), max_length=40, blank=True)
    title = models.CharField(_("commitment"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    target = models.TextField(_("measurable target"), blank=True)
    deadline = models.DateField(_("deadline"), db_index=True)
    source_document = models.CharField(_("source document"), max_length=200, blank=True)
    responsible_leader = models.CharField(_("responsible leader"), max_length=60, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=60, blank=True)
    counterparty = models.CharField(_("beneficiary or counterparty"), max_length=200, blank=True)
    counterparty_uscc = models.CharField(
        _("counterparty unified social credit code"), max_length=18, blank=True
    )
    amount_due = models.DecimalField(_("amount due (yuan)"), null=True, blank=True, **MONEY)
    amount_paid = models.DecimalField(_("amount paid (yuan)"), default=Decimal("0"), **MONEY)
    is_public = models.BooleanField(_("public"), default=True)
    # Frozen at publication: the original promise stays visible beside any change.
    original_deadline = models.DateField(_("original deadline"), null=True, blank=True)
    original_target = models.TextField(_("original target"), blank=True)
    change_count = models.PositiveSmallIntegerField(_("number of changes"), default=0)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    outcome_note = models.TextField(_("outcome note"), blank=True)
    change_reason = models.TextField(_("reason for lawful change"), blank=True)
    compensation = models.TextField(_("compensation"), blank=True)
    last_progress_on = models.DateField(_("last progress on"), null=True, blank=True)
    leadership_changed = models.BooleanField(
        _("leadership changed since the promise"), default=False
    )
    # Link to where it came from (assessment finding, dishonesty record, proposal reply).
    source_type = models.CharField(_("origin type"), max_length=40, blank=True)
    source_id = models.CharField(_("origin id"), max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    scope_path = "organisation__path"

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(fields=["status", "deadline"], name="commitment_status_deadline"),
            # The public list of one organisation: filter and order from the index alone,
            # at any number of rows (benchmarks/portal_speed.py). ``closed_on`` makes it
            # cover the assessment's commitment counts too: one scan of the index in
            # organisation order, no table rows, no sort (benchmarks/assessment_scoring.py).
            models.Index(
                fields=["organisation", "deadline", "id", "status", "is_public", "closed_on"],
                name="commitment_org_list",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_due__isnull=True) | Q(amount_due__gte=0),
                name="commitment_amount_due_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(amount_paid__gte=0),
                name="commitment_amount_paid_not_negative",
                violation_error_message=_("Amounts cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("commitments:detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    @property
    def is_baseline_frozen(self) -> bool:
        return self.published_at is not None

    def is_overdue(self, on: datetime.date | None = None) -> bool:
        return self.is_open and self.deadline < (on or timezone.localdate())

    def days_overdue(self, on: datetime.date | None = None) -> int:
        day = on or timezone.localdate()
        return max((day - self.deadline).days, 0) if self.is_open else 0

    @property
    def was_changed(self) -> bool:
        return self.change_count > 0


class Milestone(models.Model):
    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="milestones",
        verbose_name=_("commitment"),
    )
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation(self):
        return self.commitment.organisation


class ProgressUpdate(models.Model):
    """A dated progress report with optional evidence files."""

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="progress_updates",
        verbose_name=_("commitment"),
    )
    reported_on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    percent = models.PositiveSmallIntegerField(_("percent complete"), null=True, blank=True)
    amount_paid = models.DecimalField(
        _("amount paid in this step (yuan)"), null=True, blank=True, **MONEY
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-reported_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__isnull=True) | Q(percent__lte=100),
                name="commitment_progress_percent_max_100",
                violation_error_message=_("The percentage must be a whole number from 0 to 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reported_on:%Y-%m-%d} {self.text[:30]}"

    def scope_organisation(self):
        return self.commitment.organisation


class Evidence(models.Model):
    progress = models.ForeignKey(
        ProgressUpdate,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("progress update"),
    )
    file = models.FileField(
        _("file"), upload_to=RandomName("commitments/evidence"), storage=private_storage
    )
    description = models.CharField(_("description"), max_length=200, blank=True)

    scope_path = "progress__commitment__organisation__path"

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self) -> str:
        return self.description or self.file.name


class ChangeRequest(models.Model):
    """A request to change a published deadline or target; the leader decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    commitment = models.ForeignKey(
        Commitment,
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name=_("commitment"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    old_deadline = models.DateField(_("deadline before"))
    new_deadline = models.DateField(_("requested deadline"), null=True, blank=True)
    old_target = models.TextField(_("target before"), blank=True)
    new_target = models.TextField(_("requested target"), blank=True)
    justification = models.TextField(_("justification"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("decision note"), blank=True)

    scope_path = "commitment__organisation__path"

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self.commitment} ({self.get_status_display()})"

    def scope_organisation(self):
        return self.commitment.organisation
