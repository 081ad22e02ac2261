"""Move files uploaded before issue 11 from MEDIA_ROOT into the private storage."""

import shutil
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import models

from integrity.core.storage import PrivateStorage


def private_file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """Every FileField whose storage is private (image renditions are not)."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and isinstance(field.storage, PrivateStorage)
    ]


class Command(BaseCommand):
    help = "Move uploaded files still under MEDIA_ROOT into PRIVATE_MEDIA_ROOT (run once)."

    def handle(self, *args, **options):
        moved = 0
        media = Path(settings.MEDIA_ROOT)
        for model, field in private_file_fields():
            names = model._default_manager.exclude(**{field.name: ""}).values_list(
                field.name, flat=True
            )
            for name in names.iterator():
                moved += self._move(media / name, field.storage, name)
        self.stdout.write(f"moved {moved} file(s) into {settings.PRIVATE_MEDIA_ROOT}")

    @staticmethod
    def _move(source: Path, storage: PrivateStorage, name: str) -> int:
        if not source.is_file() or storage.exists(name):
            return 0
        target = Path(storage.path(name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(source, target)
        return 1
