from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from integrity.core.uscc import normalise, validate_uscc


class OrganisationQuerySet(models.QuerySet):
    def subtree(self, root: "Organisation") -> "OrganisationQuerySet":
        """``root`` and everything below it (one indexed prefix query)."""
        return self.filter(path__startswith=root.path)

    def descendants(self, root: "Organisation") -> "OrganisationQuerySet":
        return self.subtree(root).exclude(pk=root.pk)

    def ancestors_of(self, org: "Organisation") -> "OrganisationQuerySet":
        return self.filter(pk__in=org.ancestor_ids)

    def active(self) -> "OrganisationQuerySet":
        return self.filter(is_active=True)


class Organisation(models.Model):
    """A node of the government tree: province → city → county → township → village.

    ``path`` is a materialised path of primary keys (``/1/7/42/``) kept by the
    services, so a whole subtree is one ``LIKE 'prefix%'`` query.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province")
        CITY = "city", _("City")
        COUNTY = "county", _("County / district")
        TOWNSHIP = "township", _("Township / street")
        VILLAGE = "village", _("Village / community")

    class Kind(models.TextChoices):
        GOVERNMENT = "government", _("People's government")
        DEPARTMENT = "department", _("Government department")
        ZONE = "zone", _("Development zone / park")
        ORGAN = "organ", _("Other state organ")
        INSTITUTION = "institution", _("Public institution")
        VILLAGE_COMMITTEE = "village_committee", _("Village / residents' committee")

    name = models.CharField(_("name"), max_length=120)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    uscc = models.CharField(_("unified social credit code"), max_length=18, blank=True, default="")
    division_code = models.CharField(_("administrative division code"), max_length=12, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    office_phone = models.CharField(_("office phone"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope_path = "path"

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["uscc"], condition=~Q(uscc=""), name="core_org_uscc_unique"
            ),
            models.UniqueConstraint(
                fields=["parent", "name"], name="core_org_name_unique_under_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.uscc = normalise(self.uscc)
        if self.uscc:
            try:
                validate_uscc(self.uscc)
            except ValidationError as error:
                raise ValidationError({"uscc": error.messages}) from error
        if self.parent_id and self.pk and self.parent.path.startswith(self.path):
            raise ValidationError(
                {
                    "parent": _(
                        "An organisation cannot be placed under itself or its own subordinate."
                    )
                }
            )

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part][:-1]

    def is_within(self, other: "Organisation") -> bool:
        """True when ``self`` is ``other`` or below it."""
        return bool(other.path) and self.path.startswith(other.path)

    def ancestors(self) -> OrganisationQuerySet:
        return Organisation.objects.ancestors_of(self).order_by("depth")

    def supervisor(self) -> "Organisation | None":
        """The organisation that supervises this one: its parent."""
        return self.parent
