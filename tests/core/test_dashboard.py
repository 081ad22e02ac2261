"""The back-office home is each role's to-do list (must-hold 2 of the workbench issue)."""

import datetime
import re

import pytest

from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks

from commitments import services as commitment_services
from integrity.core import dashboard
from integrity.records import services as record_services
from tests.commitments.factories import (
    CommitmentFactory,
    OverdueCommitmentFactory,
    PublishedCommitmentFactory,
)
from tests.factories import LeaderFactory, OperatorFactory

pytestmark = pytest.mark.django_db

HOME = "/admin/"


def todo_links(html: str) -> dict[str, tuple[str, int]]:
    """label -> (url, count) of every item of the to-do panel."""
    found = re.findall(
        r'<a href="([^"]+)" data-todo-item>\s*<span class="integrity-todo__label">([^<]+)</span>'
        r'\s*<span class="integrity-todo__count">(\d+)</span>',
        html,
    )
    return {label: (url.replace("&amp;", "&"), int(count)) for url, label, count in found}


@pytest.fixture
def leader(township):
    return LeaderFactory(username="lingdao_t", organisation=township)


def test_the_leader_sees_the_submitted_commitments_of_the_unit_awaiting_approval(
    client, leader, operator, township, other_township
):
    mine = commitment_services.commitment_submit(
        commitment=CommitmentFactory(organisation=township, title="石桥镇村道硬化"), by=operator
    )
    other_op = OperatorFactory(organisation=other_township)
    commitment_services.commitment_submit(
        commitment=CommitmentFactory(organisation=other_township, title="白沙镇路灯"), by=other_op
    )
    client.force_login(leader)

    links = todo_links(client.get(HOME).content.decode())

    url, count = links["待我审批的承诺"]
    assert count == 1
    listing = client.get(url).content.decode()
    assert mine.title in listing
    assert "白沙镇路灯" not in listing
    inspect = reverse("commitments_commitment:inspect", args=[mine.pk])
    assert inspect in listing


def test_the_clerk_sees_overdue_and_due_soon_commitments_and_open_reports(
    client, operator, township, calendar
):
    today = timezone.localdate()
    overdue = OverdueCommitmentFactory(
        organisation=township, title="逾期的承诺", deadline=today - datetime.timedelta(days=3)
    )
    soon = PublishedCommitmentFactory(
        organisation=township, title="快到期的承诺", deadline=today + datetime.timedelta(days=1)
    )
    later = PublishedCommitmentFactory(
        organisation=township, title="明年的承诺", deadline=today + datetime.timedelta(days=200)
    )
    report = record_services.complaint_submit(
        organisation=township,
        topic="promise",
        title="路灯没修",
        text="承诺的路灯一直没有修好",
        anonymous=True,
    )
    record_services.complaint_route(complaint=report, by=_sysadmin())
    client.force_login(operator)

    links = todo_links(client.get(HOME).content.decode())

    overdue_url, overdue_count = links["逾期承诺"]
    soon_url, soon_count = links["即将到期的承诺"]
    report_url, report_count = links["待答复的投诉举报"]
    assert (overdue_count, soon_count, report_count) == (1, 1, 1)
    overdue_page = client.get(overdue_url).content.decode()
    assert overdue.title in overdue_page and soon.title not in overdue_page
    soon_page = client.get(soon_url).content.decode()
    assert soon.title in soon_page and overdue.title not in soon_page
    assert later.title not in soon_page
    assert report.title in client.get(report_url).content.decode()


def _sysadmin():
    from tests.factories import SysadminFactory

    return SysadminFactory()


def test_a_unit_sees_nothing_of_another_units_work(client, other_operator, township, operator):
    commitment_services.commitment_submit(
        commitment=CommitmentFactory(organisation=township), by=operator
    )
    OverdueCommitmentFactory(organisation=township)
    client.force_login(other_operator)

    html = client.get(HOME).content.decode()

    assert todo_links(html) == {}
    assert "没有等待您处理的事项" in html


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(HOME)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_wagtails_page_panels_are_gone_for_a_clerk_but_kept_for_the_portal_editor(
    client, operator, township
):
    from tests.factories import UserFactory

    client.force_login(operator)
    assert "最近的编辑" not in client.get(HOME).content.decode()
    panels = ["recent_edits", "locked_pages"]

    class Panel:
        def __init__(self, name):
            self.name = name

    for user, kept in (
        (operator, []),
        (UserFactory(organisation=township, role="portal_editor"), panels),
    ):
        request = RequestFactory().get(HOME)
        request.user = user
        current = [Panel(name) for name in panels]
        dashboard.tidy_homepage_panels(request, current)
        assert [p.name for p in current[1:]] == kept
        assert isinstance(current[0], dashboard.TodoPanel)


def test_a_failing_or_malformed_contributor_does_not_take_the_home_page_down(
    client, operator, settings
):
    settings.DEBUG = False

    def broken(request):
        raise RuntimeError("boom")

    def malformed(request):
        return [{"label": "缺少分组"}, {"group": "测试", "label": "正常", "count": 2, "url": "/x/"}]

    client.force_login(operator)
    with (
        hooks.register_temporarily(dashboard.HOOK, broken),
        hooks.register_temporarily(dashboard.HOOK, malformed),
    ):
        links = todo_links(client.get(HOME).content.decode())

    assert links == {"正常": ("/x/", 2)}


def test_every_registered_contributor_keeps_the_contract(operator, leader, township):
    from tests.factories import SysadminFactory, UserFactory

    users = [operator, leader, SysadminFactory()]
    users += [
        UserFactory(organisation=township, role=role) for role in ("deputy", "hr", "assessor")
    ]
    for user in users:
        request = RequestFactory().get(HOME)
        request.user = user
        for fn in hooks.get_hooks(dashboard.HOOK):
            for item in fn(request):
                assert set(item) == {"group", "label", "count", "url", "level"}, fn
                assert item["level"] in dashboard.LEVELS
                assert item["url"].startswith("/admin/")
                assert not re.search(r"[A-Za-z]{3,}", item["label"] + item["group"]), item
