from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "integrity.core"
    label = "core"
    verbose_name = _("Core registry")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from integrity.core import permissions  # noqa: F401  (registers the rules)
