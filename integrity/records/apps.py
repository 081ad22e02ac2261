from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "integrity.records"
    label = "records"
    verbose_name = _("Dishonesty records and citizen reports")

    def ready(self) -> None:
        from integrity.core.events import register_event_types

        from . import permissions, sources  # noqa: F401  (rules; the broken-commitment receiver)
        from .events import EventType

        register_event_types(EventType)
