from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "portal.monitoring"
    label = "monitoring"
    verbose_name = _("Monthly monitoring")

    def ready(self) -> None:
        from integrity.core.events import register_event_types

        from .events import EventType

        register_event_types(EventType)
