from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from integrity.core.events import register_event_types
        from portal import figures  # noqa: F401  (registers the home page's figures)
        from portal.events import EventType

        register_event_types(EventType)
        from portal.search_index import connect

        connect()  # the search index follows recorded changes and page publication
