from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "integrity.core"
    label = "core"
    verbose_name = _("Core registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.signals import page_published, page_unpublished

        from integrity.core import (
            auth_events,
            permissions,  # noqa: F401  (registers the rules)
        )
        from integrity.core.events import EventType, register_event_types
        from integrity.core.page_cache import bump_generation
        from integrity.core.spreadsheet import guard_wagtail_exports
        from integrity.core.wagtail_csp import patch_wagtail_choosers
        from integrity.core.wagtail_labels import label_wagtail_fields

        register_event_types(EventType)
        auth_events.connect()  # sign-ins and sign-outs in the event log
        guard_wagtail_exports()  # no formula in Wagtail's own report downloads either
        patch_wagtail_choosers()  # their start-up code as JSON, not inline script
        label_wagtail_fields()  # column and field labels Wagtail took from field names

        # Cache invalidation only; business events are recorded by services.
        page_published.connect(bump_generation, dispatch_uid="page-cache-published")
        page_unpublished.connect(bump_generation, dispatch_uid="page-cache-unpublished")
