"""The one upload check: the type comes from the file's bytes and must match its name.

Every form, service, API and import that accepts a file calls :func:`check_upload`
with the kind of upload. A file is refused (a ``ValidationError`` in plain Chinese,
before anything is written) when it is too large, when its extension is not allowed
for that kind, when the type sniffed from its first bytes (``filetype``) is not the
one its extension promises, or when its first kilobyte holds markup a browser would
run (an HTML/PDF polyglot, ``GIF89a`` followed by SVG).
"""

from dataclasses import dataclass

import filetype

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from integrity.core.storage import safe_extension

MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"<?xml-stylesheet")
MARKUP_BYTES = 1024
SNIFF_BYTES = 8192  # what filetype reads to tell Office files apart

# extension -> the content types its bytes may be sniffed as (None: plain text, no magic)
EXPECTED: dict[str, frozenset[str] | None] = {
    ".pdf": frozenset({"application/pdf"}),
    ".png": frozenset({"image/png", "image/apng"}),
    ".jpg": frozenset({"image/jpeg"}),
    ".jpeg": frozenset({"image/jpeg"}),
    ".gif": frozenset({"image/gif"}),
    ".xlsx": frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}),
    ".docx": frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"}),
    ".pptx": frozenset(
        {"application/vnd.openxmlformats-officedocument.presentationml.presentation"}
    ),
    ".doc": frozenset({"application/msword"}),
    ".xls": frozenset({"application/vnd.ms-excel"}),
    ".ppt": frozenset({"application/vnd.ms-powerpoint"}),
    ".csv": None,
}
TEXT_TYPES = {".csv": "text/csv"}


@dataclass(frozen=True)
class UploadKind:
    extensions: tuple[str, ...]
    max_bytes_setting: str


ATTACHMENT = UploadKind((".pdf", ".png", ".jpg", ".jpeg", ".gif"), "UPLOAD_MAX_BYTES")
IMPORT = UploadKind((".xlsx", ".csv"), "IMPORT_MAX_BYTES")
WORKBOOK = UploadKind((".xlsx",), "IMPORT_MAX_BYTES")
DOCUMENT = UploadKind(
    (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".csv"), "DOCUMENT_MAX_BYTES"
)
IMAGE = UploadKind((".png", ".jpg", ".jpeg", ".gif"), "WAGTAILIMAGES_MAX_UPLOAD_SIZE")


def max_attachments() -> int:
    """How many files one citizen report may carry."""
    return int(getattr(settings, "REPORT_MAX_ATTACHMENTS", 5))


def max_bytes(kind: UploadKind) -> int:
    return int(getattr(settings, kind.max_bytes_setting))


def _head(upload) -> bytes:
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _refuse(message: str, name: str) -> ValidationError:
    return ValidationError(message % {"name": name}, code="upload")


def _check_size(upload, kind: UploadKind, name: str) -> None:
    limit = max_bytes(kind)
    if upload.size > limit:
        raise ValidationError(
            _("The file “%(name)s” is larger than %(limit)s.")
            % {"name": name, "limit": _limit_label(limit)},
            code="upload_size",
        )


def _limit_label(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit // (1024 * 1024)} MB"
    return f"{limit // 1024} KB" if limit >= 1024 else f"{limit} B"


def _sniffed_type(head: bytes, extension: str, name: str) -> str:
    expected = EXPECTED[extension]
    if expected is None:  # plain text: no magic, but no binary either
        if b"\x00" in head:
            raise _refuse(_("The content of “%(name)s” does not match its extension."), name)
        return TEXT_TYPES[extension]
    kind = filetype.guess(head)
    if kind is None or kind.mime not in expected:
        raise _refuse(_("The content of “%(name)s” does not match its extension."), name)
    return kind.mime


def check_upload(upload, *, kind: UploadKind = ATTACHMENT) -> str:
    """Return the content type sniffed from ``upload``; raise ValidationError if refused.

    Reads only the first 8 KB and leaves the file positioned at its start.
    """
    name = getattr(upload, "name", "") or ""
    _check_size(upload, kind, name)
    extension = safe_extension(name)
    if extension not in kind.extensions:
        raise ValidationError(
            _("“%(name)s”: only %(allowed)s files are accepted.")
            % {"name": name, "allowed": "、".join(e.lstrip(".") for e in kind.extensions)},
            code="upload_extension",
        )
    head = _head(upload)
    lowered = head[:MARKUP_BYTES].lower()
    if any(marker in lowered for marker in MARKUP):
        raise _refuse(_("The file “%(name)s” contains web page code and is refused."), name)
    return _sniffed_type(head, extension, name)
