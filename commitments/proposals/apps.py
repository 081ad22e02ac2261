from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "commitments.proposals"
    label = "proposals"
    verbose_name = _("NPC suggestions and CPPCC proposals")

    def ready(self) -> None:
        from integrity.core.events import register_event_types

        from . import permissions  # noqa: F401  (registers the rules)
        from .events import EventType

        register_event_types(EventType)
