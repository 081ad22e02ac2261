"""Citizen reports (投诉举报): the report, its attachments and its one-time form token."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.crypto import EncryptedEmailField, EncryptedTextField
from integrity.core.storage import RandomName, private_storage


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ROUTED = "routed", _("Routed to the responsible unit")
    ANSWERED = "answered", _("Answered")
    FOUNDED = "founded", _("Verified: founded")
    UNFOUNDED = "unfounded", _("Verified: unfounded")
    REJECTED = "rejected", _("Not accepted")


class Complaint(models.Model):
    """A citizen report. ``original_text`` is never changed; moderation edits ``public_text``."""

    Status = ComplaintStatus

    class Topic(models.TextChoices):
        BROKEN_PROMISE = "promise", _("Broken promise")
        UNPAID_DEBT = "debt", _("Unpaid government debt")
        OTHER = "other", _("Other")

    class Feedback(models.TextChoices):
        NONE = "", _("No feedback yet")
        SOLVED = "solved", _("Solved")
        NOT_SOLVED = "not_solved", _("Not solved")

    tracking_number = models.CharField(_("tracking number"), max_length=20, unique=True)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    commitment = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    supervisor = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("supervising unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_complaints",
    )
    title = models.CharField(_("title"), max_length=200)
    original_text = models.TextField(_("original text"), editable=False)
    public_text = models.TextField(_("moderated text"), blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=True)
    # Personal data: kept for the answer, never published.
    # Encrypted; shown only to whom integrity.records.selectors.can_see_reporter allows.
    reporter_name = EncryptedTextField(_("reporter name"), max_length=60, blank=True)
    reporter_phone = EncryptedTextField(_("reporter phone"), max_length=30, blank=True)
    reporter_email = EncryptedEmailField(_("reporter e-mail"), max_length=254, blank=True)
    reporter_address = EncryptedTextField(_("reporter address"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    answer_due = models.DateField(_("answer due"), null=True, blank=True)
    answer = models.TextField(_("public answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    verification = models.TextField(_("verification notes"), blank=True)
    feedback = models.CharField(
        _("reporter feedback"), max_length=16, choices=Feedback.choices, blank=True, default=""
    )
    feedback_comment = models.TextField(_("feedback comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("citizen report")
        verbose_name_plural = _("citizen reports")
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    @property
    def shown_text(self) -> str:
        return self.public_text or self.original_text


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.CASCADE,
        related_name="attachments",
        verbose_name=_("citizen report"),
    )
    file = models.FileField(
        _("file"), upload_to=RandomName("records/reports"), storage=private_storage
    )
    content_type = models.CharField(_("detected type"), max_length=40)
    size = models.PositiveIntegerField(_("size"))

    scope_path = "complaint__organisation__path"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.file.name

    def scope_organisation(self):
        return self.complaint.organisation


class ReportSubmission(models.Model):
    """The one-time token of a citizen report form and the report it made.

    The token is the primary key, so a second POST of the same form (a double click, a
    reload) finds the first report instead of making another; two POSTs at once cannot
    both insert it.
    """

    token = models.CharField(_("submission token"), max_length=64, primary_key=True)
    complaint = models.OneToOneField(
        Complaint,
        verbose_name=_("citizen report"),
        on_delete=models.CASCADE,
        null=True,
        related_name="submission",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")

    def __str__(self) -> str:
        return self.token
