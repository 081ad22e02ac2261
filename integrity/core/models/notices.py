from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeQuerySet(models.QuerySet):
    def unread(self) -> "NoticeQuerySet":
        return self.filter(read_at__isnull=True)

    def for_user(self, user) -> "NoticeQuerySet":
        if not user.is_authenticated or not user.organisation_id:
            return self.none()
        return self.filter(organisation_id=user.organisation_id)


class Notice(models.Model):
    """A back-office notice to an organisation (alarms, reminders, warnings).

    ``key`` makes a notice idempotent: a periodic task that runs twice for the
    same cause finds the existing notice instead of writing a second one.
    """

    class Level(models.TextChoices):
        INFO = "info", _("Information")
        WARNING = "warning", _("Warning")
        ALARM = "alarm", _("Alarm")

    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("organisation"),
    )
    key = models.CharField(_("cause key"), max_length=160)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.INFO)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    scope_path = "organisation__path"

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "key"], name="core_notice_once_per_cause"
            )
        ]

    def __str__(self) -> str:
        return self.title
