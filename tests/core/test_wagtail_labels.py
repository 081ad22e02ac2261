"""Wagtail's group editor, sites list and workflow editor speak Chinese."""

import pytest

from django.contrib.auth.models import Group

from tests.factories import SysadminFactory

pytestmark = pytest.mark.django_db


def test_group_editor_and_sites_list_show_no_english_names(client):
    group = Group.objects.get(name="Editors")
    assert client.get(f"/admin/groups/edit/{group.pk}/").status_code == 302  # anonymous
    client.force_login(SysadminFactory())
    page = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert "Can add" not in page and "Can change" not in page and "可添加" in page
    assert "Can add page" not in page
    sites = client.get("/admin/sites/").content.decode()
    assert ">Port<" not in sites.replace(" ", "").replace("\n", "")
    assert "端口号" in sites and "根页面" in sites
