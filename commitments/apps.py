from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = _("Commitments")

    def ready(self) -> None:
        from integrity.core.events import register_event_types

        from . import permissions  # noqa: F401
        from .events import EventType

        register_event_types(EventType)

        from .money import permissions as money_permissions  # noqa: F401
        from .money import tasks as money_tasks  # noqa: F401  (the beat entry's task)
