from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = _("Annual assessment")

    def ready(self) -> None:
        from assessment import permissions  # noqa: F401
        from assessment.events import EventType
        from assessment.metrics import load_library
        from integrity.core.events import register_event_types

        register_event_types(EventType)

        load_library()
