"""Suggestions and proposals that deputies and members submit online (issue 16)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Item, Kind, Member


class Submission(models.Model):
    """A suggestion or proposal a deputy or member submits online, with co-signers.

    The office registers it (it becomes an ``Item`` with the author as lead author and
    the co-signers as co-authors) or returns it with a reason.
    """

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting registration")
        REGISTERED = "registered", _("Registered")
        RETURNED = "returned", _("Returned")

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("congress / committee level"),
        on_delete=models.PROTECT,
        related_name="proposal_submissions",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    author = models.ForeignKey(
        Member, verbose_name=_("author"), on_delete=models.PROTECT, related_name="submissions"
    )
    co_signers = models.ManyToManyField(
        Member, verbose_name=_("co-signers"), blank=True, related_name="co_signed_submissions"
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    item = models.OneToOneField(
        Item,
        verbose_name=_("registered item"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submission",
    )

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("online submission")
        verbose_name_plural = _("online submissions")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return self.title
