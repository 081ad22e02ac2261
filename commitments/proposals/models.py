"""NPC suggestions and CPPCC proposals: roster, items, assignments, replies, ratings.

Every configurable number lives in :class:`HandlingRule`; the reply categories in
:class:`ReplyCategory`. Both are rule tables with a jurisdiction and a validity range.
"""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from integrity.core.crypto import EncryptedEmailField, EncryptedTextField
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


class Member(models.Model):
    """A deputy (NPC) or member (CPPCC) on the roster. Contact details are never published."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("congress / committee level"),
        on_delete=models.PROTECT,
        related_name="proposal_members",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=60)
    delegation = models.CharField(_("delegation or sector"), max_length=100, blank=True)
    phone = EncryptedTextField(_("phone"), max_length=30, blank=True)
    email = EncryptedEmailField(_("e-mail"), max_length=254, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_member",
    )

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("deputy / member")
        verbose_name_plural = _("roster of deputies and members")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def contact_strings(self) -> list[str]:
        return [s for s in (self.phone, self.email, self.address) if s]


class ItemQuerySet(models.QuerySet):
    def of_year(self, year: int) -> "ItemQuerySet":
        return self.filter(year=year)

    def of_member_user(self, user) -> "ItemQuerySet":
        return self.filter(Q(lead_author__user=user) | Q(co_authors__user=user)).distinct()


class Item(models.Model):
    """A suggestion or proposal, registered by the office of ``organisation``."""

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        ASSIGNED = "assigned", _("Being handled")
        REPLIED = "replied", _("Replied")
        REHANDLING = "rehandling", _("Being handled again")
        CLOSED = "closed", _("Closed")

    class Mode(models.TextChoices):
        SOLE = "sole", _("Sole handling")
        SEPARATE = "separate", _("Separate handling")
        LEAD = "lead", _("Lead and co-handling")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("assigning office"),
        on_delete=models.PROTECT,
        related_name="proposal_items",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    session = models.CharField(_("session"), max_length=60, blank=True)
    number = models.CharField(_("number"), max_length=30)
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"), blank=True)
    lead_author = models.ForeignKey(
        Member, verbose_name=_("lead author"), on_delete=models.PROTECT, related_name="led_items"
    )
    co_authors = models.ManyToManyField(
        Member, verbose_name=_("co-authors"), blank=True, related_name="co_items"
    )
    mode = models.CharField(_("handling mode"), max_length=10, choices=Mode.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("handled together with"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_items",
    )
    is_key = models.BooleanField(_("key item under supervision"), default=False)
    supervisor_name = models.CharField(_("supervising leader"), max_length=60, blank=True)
    registered_on = models.DateField(_("registered on"))

    scope_path = "organisation__path"

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion / proposal")
        verbose_name_plural = _("suggestions and proposals")
        ordering = ["-year", "kind", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "year", "number"],
                name="proposals_item_number_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}-{self.number} {self.title}"

    def authors(self) -> list[Member]:
        return [self.lead_author, *self.co_authors.all()]


class Assignment(models.Model):
    """One handling unit's task on an item, with its own deadline."""

    class Role(models.TextChoices):
        SOLE = "sole", _("Sole handler")
        SEPARATE = "separate", _("Separate handler")
        LEAD = "lead", _("Lead unit")
        CO = "co", _("Co-handling unit")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RETURN_REQUESTED = "return_requested", _("Return requested")
        RETURNED = "returned", _("Returned")

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("handling unit"),
        on_delete=models.PROTECT,
        related_name="proposal_assignments",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    task = models.TextField(_("task"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    assigned_on = models.DateField(_("assigned on"))
    round = models.PositiveSmallIntegerField(_("handling round"), default=1)
    round_started_on = models.DateField(_("round started on"))
    deadline = models.DateField(_("deadline"))
    extended_months = models.PositiveSmallIntegerField(_("extension (months)"), default=0)
    opinion = models.TextField(_("co-handler opinion"), blank=True)
    opinion_on = models.DateField(_("opinion sent on"), null=True, blank=True)
    # 签收: the unit confirms it received the assignment.
    received_at = models.DateTimeField(_("receipt confirmed at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("receipt confirmed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    scope_path = "unit__path"

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["item", "role", "id"]

    def __str__(self) -> str:
        return f"{self.item.number} → {self.unit}"

    def scope_organisation(self):
        return self.unit

    @property
    def organisation(self):
        return self.unit

    @property
    def replies_to_author(self) -> bool:
        return self.role != self.Role.CO


class ReturnRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="return_requests",
    )
    reason = models.TextField(_("reason"))
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decision_note = models.TextField(_("decision note"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    scope_path = "assignment__unit__path"

    class Meta:
        verbose_name = _("return request")
        verbose_name_plural = _("return requests")

    def __str__(self) -> str:
        return str(self.assignment)


class ExtensionRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="extension_requests",
    )
    months = models.PositiveSmallIntegerField(_("months"))
    reason = models.TextField(_("reason"))
    requested_on = models.DateField(_("requested on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    scope_path = "assignment__unit__path"

    class Meta:
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")

    def __str__(self) -> str:
        return str(self.assignment)


class Communication(models.Model):
    """A contact with the author before replying (面商/沟通)."""

    class Method(models.TextChoices):
        VISIT = "visit", _("Visit")
        MEETING = "meeting", _("Meeting")
        PHONE = "phone", _("Phone")
        OTHER = "other", _("Other")

    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="communications",
    )
    day = models.DateField(_("date"))
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    notes = models.TextField(_("notes"), blank=True)

    scope_path = "assignment__unit__path"

    class Meta:
        verbose_name = _("communication record")
        verbose_name_plural = _("communication records")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.assignment} {self.day}"


# Secret parts of a reply: ``【不公开】…【/不公开】`` (what the form asks for) or the older
# ``[secret]…[/secret]``; both are withheld from the public and shown marked to the staff.
SECRET_RE = re.compile(r"(?:\[secret\]|【不公开】)(.*?)(?:\[/secret\]|【/不公开】)", re.S)
SECRET_MARKERS = ("[secret]", "[/secret]", "【不公开】", "【/不公开】")
PHONE_RE = re.compile(r"(?<!\d)(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})(?!\d)")
WITHHELD = "[…]"


class ReplyQuerySet(models.QuerySet):
    def published(self) -> "ReplyQuerySet":
        return self.filter(
            published_at__isnull=False,
            publication__in=[Reply.Publication.FULL, Reply.Publication.SUMMARY],
        )


class Reply(models.Model):
    """A unit's formal reply to the author(s) in one handling round."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        SENT = "sent", _("Sent")

    class Publication(models.TextChoices):
        UNDECIDED = "", _("Not decided")
        FULL = "full", _("Full text")
        SUMMARY = "summary", _("Summary")
        NONE = "none", _("Not published")

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.PROTECT, related_name="replies"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    category = models.CharField(_("category"), max_length=4)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Mark secret parts as [secret]…[/secret]."))
    promised_on = models.DateField(_("promised date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    deadline = models.DateField(_("deadline when sent"), null=True, blank=True)
    sent_on = models.DateField(_("sent on"), null=True, blank=True)
    recipients = models.ManyToManyField(
        Member, verbose_name=_("recipients"), blank=True, related_name="+"
    )
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, blank=True, default=""
    )
    summary = models.TextField(_("summary"), blank=True)
    unpublished_reason = models.CharField(
        _("reason for not publishing"), max_length=200, blank=True
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    followup = models.ForeignKey(
        "commitments.Commitment",
        verbose_name=_("follow-up commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposal_replies",
    )

    scope_path = "assignment__unit__path"

    objects = ReplyQuerySet.as_manager()

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        ordering = ["-sent_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation(self):
        return self.assignment.unit

    @property
    def organisation(self):
        return self.assignment.unit

    @property
    def on_time(self) -> bool:
        return bool(self.sent_on and self.deadline and self.sent_on <= self.deadline)

    def public_text(self) -> str:
        """The published text: summary or full text, secrets and contact details withheld."""
        if self.publication == self.Publication.SUMMARY:
            text = self.summary
        elif self.publication == self.Publication.FULL:
            text = self.body
        else:
            return ""
        text = SECRET_RE.sub(WITHHELD, text)
        item = self.assignment.item
        for member in item.authors():
            for contact in member.contact_strings():
                text = text.replace(contact, WITHHELD)
        return PHONE_RE.sub(WITHHELD, text)

    def letter_text(self) -> str:
        """The letter to the author: secret markers removed, content kept."""
        text = self.body
        for marker in SECRET_MARKERS:
            text = text.replace(marker, "")
        return text

    def body_html(self) -> str:
        """The body for the staff: paragraphs, secret parts marked as not published."""
        parts, last = [], 0
        for match in SECRET_RE.finditer(self.body):
            parts.append(escape(self.body[last : match.start()]))
            parts.append(
                format_html(
                    '<mark class="reply-secret" title="{}">〔{}〕{}</mark>',
                    _("Not published"),
                    _("Not published"),
                    match.group(1),
                )
            )
            last = match.end()
        parts.append(escape(self.body[last:]))
        return mark_safe(linebreaks("".join(parts), autoescape=False))  # noqa: S308 - escaped above


class Rating(models.Model):
    class Level(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        BASIC = "basic", _("Basically satisfied")
        UNSATISFIED = "unsatisfied", _("Not satisfied")

    reply = models.OneToOneField(
        Reply, verbose_name=_("reply"), on_delete=models.CASCADE, related_name="rating"
    )
    member = models.ForeignKey(
        Member, verbose_name=_("rated by"), on_delete=models.PROTECT, related_name="+"
    )
    process = models.CharField(
        _("handling process"), max_length=12, choices=Level.choices, blank=True
    )
    result = models.CharField(_("handling result"), max_length=12, choices=Level.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_on = models.DateField(_("rated on"))

    scope_path = "reply__assignment__unit__path"

    class Meta:
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")

    def __str__(self) -> str:
        return f"{self.reply} {self.get_result_display()}"


# Online submissions live in their own module (kept under 500 lines); imported here so
# Django finds the model.
from .models_submissions import Submission  # noqa: E402, F401
