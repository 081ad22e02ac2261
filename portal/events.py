"""Event types of the portal's own writes (labels registered in apps.py)."""

from django.utils.translation import pgettext_lazy


class EventType:
    REPORTER_UPDATED = "portal.reporter_updated"
    SUBSCRIPTION_REQUESTED = "portal.subscription_requested"
    SUBSCRIPTION_CONFIRMED = "portal.subscription_confirmed"
    SUBSCRIPTION_CANCELLED = "portal.subscription_cancelled"
    SUBSCRIPTION_SENT = "portal.subscription_sent"


EVENT_LABELS = {
    EventType.REPORTER_UPDATED: pgettext_lazy("event", "Reporter told of the status"),
    EventType.SUBSCRIPTION_REQUESTED: pgettext_lazy("event", "E-mail subscription requested"),
    EventType.SUBSCRIPTION_CONFIRMED: pgettext_lazy("event", "E-mail subscription confirmed"),
    EventType.SUBSCRIPTION_CANCELLED: pgettext_lazy("event", "E-mail subscription cancelled"),
    EventType.SUBSCRIPTION_SENT: pgettext_lazy("event", "Subscription e-mail sent"),
}
