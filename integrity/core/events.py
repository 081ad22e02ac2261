"""The one helper every service calls to record a state change."""

from functools import partial
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from integrity.core.chain import seal_after_commit
from integrity.core.models import Event, Organisation
from integrity.core.models.events import event_label, register_event_labels
from integrity.core.page_cache import bump_for

__all__ = ["event_label", "model_changes", "record_event", "register_event_labels"]


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
