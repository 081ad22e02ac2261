"""What `make run` serves: the Chinese portal home and the back-office login."""

from io import StringIO

import pytest

from django.core.management import call_command


@pytest.mark.django_db
def test_the_demo_site_serves_the_chinese_home_and_the_back_office_login(client):
    call_command("load_demo", stdout=StringIO())
    home = client.get("/")
    assert home.status_code == 200
    assert 'lang="zh-hans"' in home.content.decode().lower()
    assert "澜江市政务诚信监督评价平台" in home.content.decode()
    login = client.get("/admin/login/")
    assert login.status_code == 200
    assert "登录" in login.content.decode()


@pytest.mark.django_db
def test_the_credentials_command_lists_one_user_per_role():
    out = StringIO()
    call_command("demo_credentials", stdout=out)
    for username in ("admin", "kaohe", "xinyong", "renda", "lingdao", "jingban", "daibiao"):
        assert username in out.getvalue()
