"""The civil-servant integrity archive: officials, their entries and credit checks."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.crypto import EncryptedTextField, blind_index


class Official(models.Model):
    """A civil servant in the integrity archive. The ID number is stored encrypted."""

    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="officials",
    )
    name = models.CharField(_("name"), max_length=60)
    post = models.CharField(_("post"), max_length=100, blank=True)
    id_number = EncryptedTextField(
        _("ID number"), editable=False, blank=True, blind_index="id_number_hash"
    )
    id_number_hash = models.CharField(max_length=64, editable=False, blank=True, db_index=True)
    phone = EncryptedTextField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope_path = "organisation__path"

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["organisation__path", "name"]

    def __str__(self) -> str:
        return self.name

    def set_id_number(self, value: str) -> None:
        """Set the ID number (normalised); ``save()`` encrypts it and fills its blind index."""
        self.id_number = value.strip().upper()
        self.id_number_hash = blind_index(self.id_number)

    @property
    def id_number_masked(self) -> str:
        value = self.id_number
        if len(value) < 8:
            return "*" * len(value)
        return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


class OfficialEntry(models.Model):
    """A commendation or violation in an official's archive."""

    class Kind(models.TextChoices):
        COMMENDATION = "commendation", _("Commendation")
        VIOLATION = "violation", _("Violation")
        TRAINING = "training", _("Integrity training")
        EXAM = "exam", _("Integrity exam")

    official = models.ForeignKey(
        Official, verbose_name=_("official"), on_delete=models.CASCADE, related_name="entries"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    hours = models.DecimalField(
        _("training hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    score = models.DecimalField(
        _("exam score"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    passed = models.BooleanField(_("exam passed"), null=True, blank=True)

    scope_path = "official__organisation__path"

    class Meta:
        verbose_name = _("archive entry")
        verbose_name_plural = _("archive entries")
        ordering = ["-date"]

    def __str__(self) -> str:
        return self.title

    def scope_organisation(self):
        return self.official.organisation


class CreditCheck(models.Model):
    class Purpose(models.TextChoices):
        PROMOTION = "promotion", _("Promotion")
        AWARD = "award", _("Award")
        RATING = "rating", _("Excellent rating")
        RECRUITMENT = "recruitment", _("Recruitment")

    class Result(models.TextChoices):
        CLEAR = "clear", _("Clear")
        FLAGGED = "flagged", _("Flagged")

    official = models.ForeignKey(
        Official,
        on_delete=models.PROTECT,
        related_name="credit_checks",
        verbose_name=_("official"),
    )
    purpose = models.CharField(_("purpose"), max_length=16, choices=Purpose.choices)
    result = models.CharField(_("result"), max_length=16, choices=Result.choices)
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    scope_path = "official__organisation__path"

    class Meta:
        verbose_name = _("credit check")
        verbose_name_plural = _("credit checks")
        ordering = ["-checked_at"]

    def __str__(self) -> str:
        return f"{self.official} {self.get_purpose_display()} {self.get_result_display()}"

    def scope_organisation(self):
        return self.official.organisation
