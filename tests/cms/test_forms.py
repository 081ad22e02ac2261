"""Editors' documents and images pass the same upload check; documents download only."""

import io

import pytest
from PIL import Image

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection

from tests.factories import SysadminFactory

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def document_form(upload, user):
    form_class = get_document_form(get_document_model())
    data = {"title": "实施方案", "collection": Collection.get_first_root_node().pk}
    return form_class(data=data, files={"file": upload}, user=user)


def image_form(upload, user):
    form_class = get_image_form(get_image_model())
    data = {"title": "图片", "collection": Collection.get_first_root_node().pk}
    return form_class(data=data, files={"file": upload}, user=user)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_polyglot_document_is_refused_and_a_real_pdf_accepted():
    user = SysadminFactory()
    polyglot = SimpleUploadedFile("方案.pdf", b"%PDF-1.4\n<html><script>x()</script>")
    form = document_form(polyglot, user)
    assert not form.is_valid() and "网页代码" in str(form.errors["file"])
    assert document_form(SimpleUploadedFile("方案.pdf", PDF), user).is_valid()


def test_an_html_document_is_refused_by_extension():
    form = document_form(SimpleUploadedFile("page.html", b"<p>hi</p>"), SysadminFactory())
    assert not form.is_valid()


def test_a_gif_with_svg_inside_is_refused_as_an_image():
    form = image_form(
        SimpleUploadedFile("logo.gif", b"GIF89a<svg onload='x()'/>"), SysadminFactory()
    )
    assert not form.is_valid()
    assert image_form(SimpleUploadedFile("logo.png", png()), SysadminFactory()).is_valid()


def test_a_document_is_served_only_as_an_attachment_from_private_storage(client, settings):
    document = get_document_model().objects.create(
        title="方案", file=SimpleUploadedFile("方案.pdf", PDF)
    )
    assert str(settings.PRIVATE_MEDIA_ROOT) in document.file.path
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404


def test_a_legacy_svg_document_is_served_as_an_opaque_attachment(client):
    from django.core.files.base import ContentFile

    document = get_document_model()(title="旧图标")
    document.file.save("logo.svg", ContentFile(b"<svg onload='alert(1)'/>"), save=True)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment")


def test_a_document_in_a_login_only_collection_is_not_served_to_anonymous_visitors(client):
    from wagtail.models import CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="内部资料")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = get_document_model().objects.create(
        title="内部方案", file=SimpleUploadedFile("内部.pdf", PDF), collection=private
    )
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
