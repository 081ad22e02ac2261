from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    name = "integrity.records"
    label = "records"
    verbose_name = _("Dishonesty records and citizen reports")

    def ready(self) -> None:
        from . import permissions  # noqa: F401
