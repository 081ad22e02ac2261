"""The sidebar by role (integrity/core/menus.py) and the back office's Chinese branding."""

import pytest

from django.test import RequestFactory
from django.urls import get_resolver

from wagtail.admin.menu import admin_menu

from integrity.core.menus import MENU_RULES, rule_for
from tests.factories import SysadminFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMINISTERED = [
    "/admin/calendarday/",
    "/admin/calendaryear/",
    "/admin/core_statutoryholiday/",
    "/admin/event/",
    "/admin/commitments_duesoonrule/",
    "/admin/commitments_ppplimitrule/",
]


def menu_urls(user) -> set[str]:
    """Every link of the sidebar as this user gets it, submenus included."""
    get_resolver().url_patterns  # viewsets register their menu items with the URLconf
    request = RequestFactory().get("/admin/")
    request.user = user
    urls: set[str] = set()

    def walk(items):
        for item in items:
            if hasattr(item, "menu"):
                walk(item.menu.menu_items_for_request(request))
            else:
                urls.add(str(item.url))

    walk(admin_menu.menu_items_for_request(request))
    return urls


@pytest.fixture
def people(township, city):
    def make(role, org=township):
        return UserFactory(organisation=org, role=role)

    return {
        "sysadmin": SysadminFactory(organisation=city),
        "leader": make("leader"),
        "operator": make("operator"),
        "deputy": make("deputy"),
        "assessor": make("assessor", city),
        "credit_office": make("credit_office", city),
        "proposal_office": make("proposal_office", city),
        "hr": make("hr", city),
        "portal_editor": make("portal_editor", city),
    }


def test_rule_tables_calendar_and_event_log_are_for_the_system_administrator_only(people):
    for role, user in people.items():
        urls = menu_urls(user)
        shown = {url for url in ADMINISTERED if url in urls}
        assert shown == (set(ADMINISTERED) if role == "sysadmin" else set()), role


def test_users_are_listed_for_who_administers_them(people):
    with_users = {role for role, user in people.items() if "/admin/users/" in menu_urls(user)}

    assert with_users == {"sysadmin", "leader"}


def test_a_deputy_sees_only_their_own_items_and_the_online_submission_form(people):
    assert menu_urls(people["deputy"]) == {
        "/admin/proposals/my-items/",
        "/admin/proposals/my-submissions/",
    }


def test_the_clerk_works_with_commitments_reports_and_assignments(people):
    urls = menu_urls(people["operator"])

    assert {
        "/admin/commitments_commitment/",
        "/admin/records_complaint/",
        "/admin/proposals/my-assignments/",
    } <= urls
    assert "/admin/pages/" not in urls
    assert "/admin/proposals/office/" not in urls


def test_no_menu_links_to_wagtail_org_or_help(people):
    for user in people.values():
        assert not [url for url in menu_urls(user) if not url.startswith("/admin/")], user.role


def test_the_most_specific_rule_wins():
    assert rule_for("/admin/commitments_duesoonrule/") == frozenset()
    assert rule_for("/admin/commitments_commitment/") == MENU_RULES["/admin/commitments_"]
    assert rule_for("/admin/unknown/") is None


def test_the_back_office_carries_the_platforms_name_and_no_wagtail_branding(client, people):
    login = client.get("/admin/login/").content.decode()
    assert "登录政务诚信监督评价平台" in login
    assert "登录Wagtail" not in login and "icon-wagtail" not in login

    client.force_login(people["operator"])
    home = client.get("/admin/").content.decode()
    assert "<title>控制面板 - 政务诚信监督评价平台</title>" in home
    assert "core/img/emblem" in home
    assert "guide.wagtail.org" not in home
    assert "editor guide" not in home
