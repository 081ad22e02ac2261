import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RuleSetQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> "RuleSetQuerySet":
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def applicable(self, *, on: datetime.date, organisation=None) -> "RuleSetQuerySet":
        """Rule rows valid on ``on`` for ``organisation``: its own, its ancestors' or national."""
        scope = Q(jurisdiction__isnull=True)
        if organisation is not None:
            ids = [*organisation.ancestor_ids, organisation.pk]
            scope |= Q(jurisdiction_id__in=ids)
        return self.valid_on(on).filter(scope)

    def resolve(self, *, on: datetime.date, organisation=None):
        """The single rule in force: the nearest jurisdiction wins, then the latest start."""
        rows = list(
            self.applicable(on=on, organisation=organisation).select_related("jurisdiction")
        )
        if not rows:
            return None
        return max(
            rows,
            key=lambda r: (r.jurisdiction.depth if r.jurisdiction_id else 0, r.valid_from),
        )


class RuleSet(models.Model):
    """Base for every rule table: a jurisdiction and a validity range.

    ``jurisdiction`` empty means the national default. Subclasses add the values.
    """

    jurisdiction = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("jurisdiction"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Leave empty for the national default."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    source = models.CharField(_("source document"), max_length=200, blank=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        from integrity.core.display import cn_date

        where = self.jurisdiction if self.jurisdiction_id else _("national default")
        return _("%(rule)s (%(where)s, from %(day)s)") % {
            "rule": self._meta.verbose_name,
            "where": where,
            "day": cn_date(self.valid_from),
        }

    @property
    def jurisdiction_display(self) -> str:
        """The jurisdiction's name, or 全国默认 for the national default."""
        return str(self.jurisdiction) if self.jurisdiction_id else str(_("national default"))

    jurisdiction_display.fget.short_description = _("jurisdiction")  # type: ignore[attr-defined]
