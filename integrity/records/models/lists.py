"""Red and black lists (红黑榜): dated periodic issues compiled by editable criteria."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.models import RuleSet

from .records import Severity


class ListCriteria(RuleSet):
    """The criteria of a red and black list, editable by the credit office's administrator."""

    red_min_fulfilment_rate = models.DecimalField(
        _("red list: minimum fulfilment rate"), max_digits=4, decimal_places=3, default=0.9
    )
    red_min_closed = models.PositiveSmallIntegerField(
        _("red list: minimum commitments with an outcome"), default=1
    )
    black_min_severity = models.CharField(
        _("black list: lowest severity counted"),
        max_length=16,
        choices=Severity.choices,
        default="general",
    )
    black_min_records = models.PositiveSmallIntegerField(
        _("black list: minimum records on public view"), default=1
    )
    description = models.TextField(_("criteria as published"), blank=True)

    scope_path = "jurisdiction__path"

    class Meta(RuleSet.Meta):
        verbose_name = _("red and black list criteria")
        verbose_name_plural = _("red and black list criteria")

    def __str__(self) -> str:
        return self.source or str(self.valid_from)


class ListIssue(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    jurisdiction = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        related_name="list_issues",
    )
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    criteria = models.ForeignKey(
        ListCriteria, verbose_name=_("criteria"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    compiled_at = models.DateTimeField(_("compiled at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    scope_path = "jurisdiction__path"

    class Meta:
        verbose_name = _("red and black list issue")
        verbose_name_plural = _("red and black list issues")
        ordering = ["-period_end", "-id"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation(self):
        return self.jurisdiction


class ListEntry(models.Model):
    class Kind(models.TextChoices):
        RED = "red", _("Red list")
        BLACK = "black", _("Black list")

    issue = models.ForeignKey(
        ListIssue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("list"), max_length=8, choices=Kind.choices)
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    records = models.ManyToManyField(
        "records.DishonestyRecord", verbose_name=_("records"), blank=True, related_name="+"
    )

    scope_path = "issue__jurisdiction__path"

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["kind", "organisation__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "kind", "organisation"], name="records_list_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.organisation}"

    def scope_organisation(self):
        return self.issue.jurisdiction
