from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from integrity.core.crypto import EncryptedTextField


class Role(models.TextChoices):
    SYSADMIN = "sysadmin", _("System administrator")
    ASSESSOR = "assessor", _("Assessment office")
    CREDIT_OFFICE = "credit_office", _("Credit office")
    PROPOSAL_OFFICE = "proposal_office", _("NPC / CPPCC office")
    LEADER = "leader", _("Unit leader")
    OPERATOR = "operator", _("Unit operator")
    HR = "hr", _("Personnel (HR) officer")
    DEPUTY = "deputy", _("Deputy / member")
    PORTAL_EDITOR = "portal_editor", _("Portal editor")


class User(AbstractUser):
    """A back-office user: belongs to one organisation and has one role."""

    Role = Role

    full_name = models.CharField(_("full name"), max_length=60, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    post = models.CharField(_("post"), max_length=60, blank=True)
    # Personal data: stored for notices, never published.
    mobile = EncryptedTextField(_("mobile phone"), max_length=20, blank=True)

    scope_path = "organisation__path"

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.username

    def has_role(self, *roles: str) -> bool:
        return self.is_active and (self.role in roles)
