"""The one helper every service calls to record a state change."""

from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import pgettext_lazy

from integrity.core.chain import seal_after_commit
from integrity.core.models import Event, Organisation
from integrity.core.models.events import (
    event_label,
    register_event_labels,
    register_event_types,
)
from integrity.core.page_cache import bump_for

__all__ = [
    "EventType",
    "event_label",
    "model_changes",
    "record_event",
    "register_event_labels",
    "register_event_types",
]


class EventType(models.TextChoices):
    """The event types the core app records; the label is what a timeline shows."""

    # the registry: organisations, users, calendar, rule tables, keys
    ORG_CREATED = ("organisation.created", pgettext_lazy("event", "Organisation created"))
    ORG_CHANGED = ("organisation.changed", pgettext_lazy("event", "Organisation edited"))
    ORG_MOVED = ("organisation.moved", pgettext_lazy("event", "Organisation moved"))
    USER_CREATED = ("user.created", pgettext_lazy("event", "User created"))
    USER_CHANGED = ("user.changed", pgettext_lazy("event", "User edited"))
    CALENDAR_CHANGED = ("calendar.changed", pgettext_lazy("event", "Calendar day changed"))
    CALENDAR_DELETED = ("calendar.deleted", pgettext_lazy("event", "Calendar day deleted"))
    CALENDAR_SEEDED = (
        "calendar.seeded",
        pgettext_lazy("event", "Holidays loaded into the calendar"),
    )
    RULE_SAVED = ("rule.saved", pgettext_lazy("event", "Rule row saved"))
    RULE_DELETED = ("rule.deleted", pgettext_lazy("event", "Rule row deleted"))
    KEY_ROTATED = (
        "security.key_rotated",
        pgettext_lazy("event", "Personal data re-encrypted with a new key"),
    )
    # sign-ins and sign-outs (auth_events)
    LOGIN = ("auth.login", pgettext_lazy("event", "Signed in"))
    LOGIN_FAILED = ("auth.login_failed", pgettext_lazy("event", "Failed sign-in"))
    LOGOUT = ("auth.logout", pgettext_lazy("event", "Signed out"))
    TIMEOUT = ("auth.timeout", pgettext_lazy("event", "Signed out after inactivity"))


def _organisation_of(obj: models.Model | None) -> Organisation | None:
    if obj is None:
        return None
    if isinstance(obj, Organisation):
        return obj
    owner = getattr(obj, "event_organisation", None)
    if owner is not None:
        return owner() if callable(owner) else owner
    return getattr(obj, "organisation", None)


def record_event(
    *,
    type: str,
    actor=None,
    obj: models.Model | None = None,
    details: dict[str, Any] | None = None,
    reason: str = "",
    organisation: Organisation | None = None,
) -> Event:
    """Append one row to the event log and return it.

    ``organisation`` decides who may read the event (its subtree and above);
    by default it is the object's own organisation. After commit the event is sealed into
    the hash chain (best effort; the periodic ``events_seal`` task catches up).
    """
    actor = actor if getattr(actor, "is_authenticated", False) else None
    organisation = organisation or _organisation_of(obj)
    transaction.on_commit(partial(bump_for, obj, organisation))  # scoped page-cache refresh
    event = Event.objects.create(
        type=str(type),
        actor=actor,
        actor_name=actor.get_full_name() if actor else "",
        content_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        organisation=organisation,
        details=details or {},
        reason=reason or "",
    )
    transaction.on_commit(partial(seal_after_commit, event.pk))
    return event


REDACTED = "[encrypted]"


def model_changes(instance: models.Model, original: dict[str, Any], fields) -> dict[str, list]:
    """``{field: [old, new]}`` for the fields whose value differs from ``original``.

    Encrypted personal data (a phone, an e-mail) is never copied into the log in clear:
    the change is recorded as ``[REDACTED, REDACTED]``.
    """
    from integrity.core.crypto import EncryptedTextField

    changes: dict[str, list] = {}
    for name in fields:
        new = getattr(instance, name)
        if original.get(name) != new:
            secret = isinstance(instance._meta.get_field(name), EncryptedTextField)
            changes[name] = [REDACTED, REDACTED] if secret else [original.get(name), new]
    return changes
