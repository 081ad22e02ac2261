"""The one way a stored file leaves the server: a permission-checked attachment.

Views find the object through :func:`integrity.core.permissions.scope_queryset` (so an
anonymous visitor or a user of another organisation gets 404) and hand its field to
:func:`serve_private`, which always answers ``Content-Disposition: attachment`` with a
content type from a short allow-list (never ``text/html`` or ``image/svg+xml``) and
``X-Content-Type-Options: nosniff``.
"""

from collections.abc import Callable

from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404

from integrity.core.permissions import scope_queryset
from integrity.core.storage import safe_extension

SAFE_TYPES = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".doc": "application/msword",
    ".xls": "application/vnd.ms-excel",
    ".ppt": "application/vnd.ms-powerpoint",
    ".zip": "application/zip",
}
FALLBACK_TYPE = "application/octet-stream"


def safe_content_type(name: str) -> str:
    return SAFE_TYPES.get(safe_extension(name), FALLBACK_TYPE)


def serve_private(request: HttpRequest, fieldfile: FieldFile, *, filename: str) -> FileResponse:
    """Stream ``fieldfile`` as an attachment named ``filename``; 404 if it is missing."""
    if not fieldfile:
        raise Http404
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=safe_content_type(fieldfile.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def download_name(stem: str, fieldfile: FieldFile) -> str:
    """``<stem><ext>``: a download name that never repeats what the uploader typed."""
    return f"{stem}{safe_extension(fieldfile.name)}"


def scoped_file_view(
    model: type[models.Model],
    field: str,
    *,
    stem: Callable[[models.Model], str],
) -> Callable[[HttpRequest, int], FileResponse]:
    """A view serving ``model.<field>`` of a row the user may see (else 404)."""

    def view(request: HttpRequest, pk: int) -> FileResponse:
        obj = get_object_or_404(scope_queryset(request.user, model._default_manager.all()), pk=pk)
        fieldfile = getattr(obj, field)
        return serve_private(request, fieldfile, filename=download_name(stem(obj), fieldfile))

    view.__name__ = f"{model._meta.model_name}_{field}_download"
    return view
