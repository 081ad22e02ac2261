from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Human labels of event type codes, filled by each app's ``AppConfig.ready()``.
_LABELS: dict[str, str | Promise] = {}


def register_event_labels(mapping: dict[str, str | Promise]) -> None:
    """Add (or replace) the human labels of some event types; lazy strings stay lazy, so
    the label is translated into the language active when it is shown."""
    _LABELS.update({str(code): label for code, label in mapping.items()})


def register_event_types(*enums: type[models.TextChoices]) -> None:
    """Register the labels of each app's ``EventType`` (called from ``AppConfig.ready``)."""
    for enum in enums:
        register_event_labels(dict(enum.choices))


def event_label(type: str) -> str:
    """The label of an event type in the active language, or the code if none is known."""
    label = _LABELS.get(type)
    return str(label) if label is not None else type


def registered_event_types() -> frozenset[str]:
    """The event types that have a label (for tests and checks)."""
    return frozenset(_LABELS)


class EventLogIsAppendOnly(Exception):
    """Raised on any attempt to change or remove an event row."""


class EventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise EventLogIsAppendOnly("event rows cannot be updated")

    def delete(self):
        raise EventLogIsAppendOnly("event rows cannot be deleted")

    def for_object(self, obj: models.Model) -> "EventQuerySet":
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )


class Event(models.Model):
    """One state change: who, when, what, on which object, why. Append-only."""

    created_at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("actor name"), max_length=150, blank=True)
    type = models.CharField(_("event type"), max_length=64, db_index=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    details = models.JSONField(_("details"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    reason = models.TextField(_("reason"), blank=True)

    scope_path = "organisation__path"

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("event log")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_event_object_idx")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.label} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EventLogIsAppendOnly("event rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EventLogIsAppendOnly("event rows cannot be deleted")

    @property
    def label(self) -> str:
        """What happened, in words (the type code when no label is registered)."""
        return event_label(self.type)

    def get_type_display(self) -> str:
        # Wagtail's listing and inspect views show this instead of the raw code.
        return self.label


class EventSealQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise EventLogIsAppendOnly("event seals cannot be updated")

    def delete(self):
        raise EventLogIsAppendOnly("event seals cannot be deleted")


class EventSeal(models.Model):
    """One link of the hash chain over the event log. Insert-only.

    ``hash`` is SHA-256 over ``prev_hash`` and the canonical form of the event (see
    :mod:`integrity.core.chain`). The foreign key has no database constraint on purpose:
    a seal must outlive the deletion of its event so the verifier can name the event."""

    seq = models.BigIntegerField(_("sequence"), primary_key=True)
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        db_constraint=False,
        related_name="seal",
    )
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64)
    sealed_at = models.DateTimeField(_("sealed at"), default=timezone.now)

    objects = EventSealQuerySet.as_manager()

    class Meta:
        verbose_name = _("event seal")
        verbose_name_plural = _("event seals")
        ordering = ["seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.hash[:12]}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise EventLogIsAppendOnly("event seals cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EventLogIsAppendOnly("event seals cannot be deleted")
