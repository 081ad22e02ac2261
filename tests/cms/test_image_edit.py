"""Editors open an image's edit page; the original stays private (no URL under MEDIA_URL)."""

import io

import pytest
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.factories import SysadminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"


def an_image():
    buffer = io.BytesIO()
    PILImage.new("RGB", (16, 16), "blue").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="图片",
        file=ImageFile(buffer, name="logo.png"),
        collection=Collection.get_first_root_node(),
    )


def test_an_editor_opens_the_image_edit_page_and_the_original_stays_private(client, settings):
    image = an_image()
    assert client.get(f"/admin/images/{image.pk}/").status_code == 302  # anonymous: sign in
    client.force_login(SysadminFactory())
    response = client.get(f"/admin/images/{image.pk}/")
    assert response.status_code == 200
    assert "logo" in response.content.decode() and "16×16" in response.content.decode()
    assert b"original_images" not in response.content
    assert (settings.PRIVATE_MEDIA_ROOT / image.file.name).exists()
    assert not list(settings.MEDIA_ROOT.glob("**/logo.original*"))  # no full-size public copy
