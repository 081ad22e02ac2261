"""Replies to the authors (with the parts withheld from publication) and their ratings."""

import re

from django.db import models
from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .items import Assignment, Member

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
