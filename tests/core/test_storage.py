"""Private storage: outside MEDIA_ROOT, no URL, random names that say nothing."""

import re

from django.core.files.base import ContentFile

from integrity.core.storage import PrivateStorage, RandomName, private_storage


def test_the_private_storage_lives_outside_media_and_has_no_url(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    storage = private_storage()
    assert isinstance(storage, PrivateStorage)
    name = storage.save("records/evidence/2026/a.pdf", ContentFile(b"%PDF-1.4"))
    assert (tmp_path / "private" / name).is_file()
    assert not (tmp_path / "private" / name).is_relative_to(settings.MEDIA_ROOT)
    try:
        storage.url(name)
    except NotImplementedError:
        pass
    else:
        raise AssertionError("a private file must not have a URL")


def test_upload_names_are_random_and_keep_only_a_plain_extension():
    upload_to = RandomName("records/reports")
    first = upload_to(None, "张三 身份证.JPG")
    assert re.fullmatch(r"records/reports/\d{4}/[0-9a-f]{32}\.jpg", first)
    assert upload_to(None, "张三 身份证.JPG") != first
    assert re.fullmatch(r"records/reports/\d{4}/[0-9a-f]{32}", upload_to(None, "x.p<h>p"))
