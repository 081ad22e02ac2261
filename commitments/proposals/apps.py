from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "commitments.proposals"
    label = "proposals"
    verbose_name = _("NPC suggestions and CPPCC proposals")

    def ready(self) -> None:
        from integrity.core.events import register_event_labels

        from . import permissions  # noqa: F401  (registers the rules)
        from .services import EVENT_LABELS

        register_event_labels(EVENT_LABELS)
        from .submissions import EVENT_LABELS as SUBMISSION_EVENT_LABELS

        register_event_labels(SUBMISSION_EVENT_LABELS)
