"""Attachment checks: the type is decided by the file's first bytes, never by its name."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
)


def max_attachment_bytes() -> int:
    return getattr(settings, "REPORT_MAX_ATTACHMENT_BYTES", 5 * 1024 * 1024)


def max_attachments() -> int:
    return getattr(settings, "REPORT_MAX_ATTACHMENTS", 5)


def sniff(upload) -> str | None:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type in SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def check_attachment(upload) -> str:
    """Return the detected content type or raise ValidationError with a clear message."""
    if upload.size > max_attachment_bytes():
        raise ValidationError(
            _("The file “%(name)s” is larger than %(limit)s MB.")
            % {"name": upload.name, "limit": max_attachment_bytes() // (1024 * 1024)}
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("The file “%(name)s” is not an image or PDF document.") % {"name": upload.name}
        )
    return content_type
