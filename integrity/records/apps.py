from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "integrity.records"
    label = "records"
    verbose_name = _("Dishonesty records and citizen reports")

    def ready(self) -> None:
        from integrity.core.events import register_event_labels

        from . import archive, joint, lists, permissions, sources, unit  # noqa: F401
        from .services import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        for module in (archive, joint, lists, sources, unit):
            register_event_labels(module.EVENT_LABELS)
