"""Import limits and the life of the uploaded file (kept only between preview and confirm)."""

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from integrity.core.models import Organisation
from tests.core.test_organisation_import import village, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def url(client, operator):
    client.force_login(operator)
    return reverse("organisations:import")


def stored(root) -> list:
    return [p for p in root.rglob("*") if p.is_file()]


def upload(*names: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("v.xlsx", xlsx([village(n, "石桥镇") for n in names]))


def test_a_file_over_the_row_limit_is_refused_in_chinese_and_nothing_is_kept(
    client, url, township, settings, private_root
):
    settings.IMPORT_MAX_ROWS = 2
    response = client.post(url, {"import_file": upload("甲村", "乙村", "丙村")})
    assert "一次最多导入 2 行" in response.context["file_error"]
    assert not Organisation.objects.filter(level="village").exists()
    assert stored(private_root) == []


def test_a_file_over_the_size_limit_is_refused_in_chinese(
    client, url, township, settings, private_root
):
    settings.IMPORT_MAX_BYTES = 1024
    response = client.post(url, {"import_file": upload("甲村")})
    assert "超过 1 KB" in response.context["file_error"]
    assert stored(private_root) == []


def test_a_polyglot_import_file_is_refused(client, url, township, private_root):
    fake = SimpleUploadedFile("v.csv", b"\xef\xbb\xbf<!DOCTYPE html><script>x()</script>")
    response = client.post(url, {"import_file": fake})
    assert "网页代码" in response.context["file_error"]
    assert stored(private_root) == []


def test_the_file_is_kept_privately_for_the_preview_and_deleted_on_confirm(
    client, url, township, settings, private_root
):
    preview = client.post(url, {"import_file": upload("茶园村")})
    [kept] = stored(private_root)
    assert not kept.is_relative_to(settings.MEDIA_ROOT)
    assert client.post(url, {"token": preview.context["token"]}).status_code == 302
    assert Organisation.objects.filter(name="茶园村").exists()
    assert stored(private_root) == []


def test_a_cancelled_preview_deletes_the_file_and_writes_nothing(
    client, url, township, private_root
):
    preview = client.post(url, {"import_file": upload("茶园村")})
    assert len(stored(private_root)) == 1
    response = client.post(url, {"token": preview.context["token"], "cancel": "1"})
    assert response.status_code == 302
    assert stored(private_root) == [] and not Organisation.objects.filter(name="茶园村").exists()


def test_a_preview_with_row_problems_keeps_no_file(client, url, township, private_root):
    bad = SimpleUploadedFile("v.xlsx", xlsx([village("茶园村", "不存在的镇")]))
    response = client.post(url, {"import_file": bad})
    assert response.context["problems"]
    assert stored(private_root) == []


def test_a_preview_abandoned_for_a_day_is_purged_at_the_next_upload(
    client, url, township, private_root
):
    import os
    import time

    client.post(url, {"import_file": upload("茶园村")})
    [abandoned] = stored(private_root)
    day_ago = time.time() - 25 * 3600
    os.utime(abandoned, (day_ago, day_ago))
    client.post(url, {"import_file": upload("柳树村")})
    [kept] = stored(private_root)
    assert kept != abandoned and not abandoned.exists()
