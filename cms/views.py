"""Portal documents leave through the project's one download path.

Replaces Wagtail's document serve view at the same URL name: the same lookup and the same
``before_serve_document`` hooks (collection privacy: login or password), then
:func:`integrity.core.downloads.serve_private` instead of Wagtail's file response, so a
document uploaded before the extension allow-list (an .html or .svg) is served as
``application/octet-stream``, never as a page or a picture.
"""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served

from integrity.core.downloads import serve_private


def serve_document(
    request: HttpRequest, document_id: str, document_filename: str
) -> HttpResponse | FileResponse:
    document_model = get_document_model()
    document = get_object_or_404(document_model, id=document_id)
    if document.filename != document_filename:
        raise Http404
    for hook in hooks.get_hooks("before_serve_document"):
        result = hook(document, request)
        if isinstance(result, HttpResponse):
            return result
    document_served.send(sender=document_model, instance=document, request=request)
    return serve_private(request, document.file, filename=document.filename)
