"""serve_private: always an attachment, a type from the allow-list, nosniff, no cache."""

import pytest

from django.core.files.base import ContentFile
from django.http import Http404
from django.test import RequestFactory

from integrity.core.downloads import download_name, safe_content_type, serve_private
from integrity.records.models import RecordEvidence


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def _fieldfile(name: str, content: bytes):
    evidence = RecordEvidence()
    evidence.file.save(name, ContentFile(content), save=False)
    return evidence.file


def test_a_pdf_is_served_as_an_attachment_with_its_type_and_nosniff(private_root):
    fieldfile = _fieldfile("决定书.pdf", b"%PDF-1.4")
    response = serve_private(RequestFactory().get("/"), fieldfile, filename="record-1.pdf")
    assert response["Content-Disposition"] == 'attachment; filename="record-1.pdf"'
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4"


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "a.htm", "x.xhtml", "noext"])
def test_markup_types_are_never_served_as_such(private_root, name):
    fieldfile = _fieldfile(name, b"<html><script>alert(1)</script>")
    response = serve_private(RequestFactory().get("/"), fieldfile, filename=name)
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")
    assert safe_content_type(name) == "application/octet-stream"


def test_a_missing_or_empty_file_is_not_found(private_root):
    fieldfile = _fieldfile("a.pdf", b"%PDF-1.4")
    fieldfile.storage.delete(fieldfile.name)
    with pytest.raises(Http404):
        serve_private(RequestFactory().get("/"), fieldfile, filename="a.pdf")
    with pytest.raises(Http404):
        serve_private(RequestFactory().get("/"), RecordEvidence().file, filename="a.pdf")


def test_the_download_name_keeps_only_a_plain_extension(private_root):
    assert download_name("record-1-evidence-2", _fieldfile("张三.PDF", b"%PDF-1.4")) == (
        "record-1-evidence-2.pdf"
    )
