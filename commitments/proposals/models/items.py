"""The roster of deputies and members, items, assignments and the unit's requests."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrity.core.crypto import EncryptedEmailField, EncryptedTextField

from .rule_tables import Kind


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
