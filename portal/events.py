"""The event types the portal app records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    REPORTER_UPDATED = (
        "portal.reporter_updated",
        pgettext_lazy("event", "Reporter told of the status"),
    )
    SUBSCRIPTION_REQUESTED = (
        "portal.subscription_requested",
        pgettext_lazy("event", "E-mail subscription requested"),
    )
    SUBSCRIPTION_CONFIRMED = (
        "portal.subscription_confirmed",
        pgettext_lazy("event", "E-mail subscription confirmed"),
    )
    SUBSCRIPTION_CANCELLED = (
        "portal.subscription_cancelled",
        pgettext_lazy("event", "E-mail subscription cancelled"),
    )
    SUBSCRIPTION_SENT = (
        "portal.subscription_sent",
        pgettext_lazy("event", "Subscription e-mail sent"),
    )
