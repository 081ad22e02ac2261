"""Private file storage: uploads and generated files live outside any public URL.

Every ``FileField`` of the project stores into :class:`PrivateStorage` (the default
storage, and named explicitly on our own fields). Files are read back only by the
permission-checked views built with :mod:`integrity.core.downloads`; the storage has
no URL, so ``field.url`` raises NotImplementedError instead of leaking a path under ``MEDIA_URL``.
Only Wagtail image renditions (editor-published pictures) use the public storage.
"""

import os
import re
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.utils import timezone
from django.utils.deconstruct import deconstructible

_SAFE_EXTENSION = re.compile(r"^\.[a-z0-9]{1,8}$")


class PrivateStorage(FileSystemStorage):
    """Files under ``settings.PRIVATE_MEDIA_ROOT``, with no URL at all."""

    def __init__(self, location=None, **kwargs):
        kwargs.pop("base_url", None)
        super().__init__(location=location, base_url=None, **kwargs)

    @property  # not cached: tests switch the setting
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        # NotImplementedError is what Django and Wagtail expect from a storage without
        # URLs (Wagtail's document serve view then streams the file itself).
        raise NotImplementedError("Private files have no URL; link to their download view.")


def private_storage() -> Storage:
    """The storage of every private ``FileField`` (a callable keeps migrations stable)."""
    return storages["private"]


def safe_extension(filename: str) -> str:
    """The lower-cased extension of ``filename`` if it is plain (``.pdf``), else ``""``."""
    suffix = PurePosixPath(filename or "").suffix.lower()
    return suffix if _SAFE_EXTENSION.match(suffix) else ""


@deconstructible
class RandomName:
    """``upload_to`` giving ``<area>/<yyyy>/<uuid4 hex><ext>``: the name tells nothing."""

    def __init__(self, area: str) -> None:
        self.area = area.strip("/")

    def __call__(self, instance, filename: str) -> str:
        year = timezone.localdate().year
        return f"{self.area}/{year}/{uuid.uuid4().hex}{safe_extension(filename)}"

    def __eq__(self, other) -> bool:
        return isinstance(other, RandomName) and other.area == self.area
