"""Each role does its main job from its home page, by clicking only (must-hold 3).

The leader approves a submitted commitment from the to-do card; the clerk opens an
overdue commitment and reports progress, then opens the report routed to the unit; the
credit office, the deputy and the system administrator each reach their own work from
their home page. No URL is typed after the login page.
"""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Demo@2026zw"


def sign_in(browser, base_url: str, username: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return context, page


def go_home(page) -> None:
    """The emblem at the top of the sidebar leads home."""
    page.locator("#wagtail-sidebar a[href='/admin/']").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def todo_card(page, label: str):
    return page.locator("[data-todo-item]", has_text=label)


def the_leader_approves_a_submission(browser, base_url):
    from commitments.models import Commitment

    context, page = sign_in(browser, base_url, "lingdao")
    card = todo_card(page, "待我审批的承诺")
    expect(card).to_be_visible()
    waiting = int(card.locator(".integrity-todo__count").inner_text())
    card.click()
    page.locator("table.listing tbody a", has_text="上湾村饮水安全提升工程").first.click()
    page.get_by_role("button", name="审核通过并公开").click()
    expect(page.locator(".messages")).to_contain_text("操作成功")
    commitment = Commitment.objects.get(title="上湾村饮水安全提升工程")
    assert commitment.status == Commitment.Status.PUBLISHED
    go_home(page)
    card = todo_card(page, "待我审批的承诺")
    if waiting == 1:
        expect(card).to_have_count(0)
    else:
        expect(card.locator(".integrity-todo__count")).to_have_text(str(waiting - 1))
    context.close()


def the_clerk_reports_progress_on_an_overdue_commitment(browser, base_url):
    from commitments.models import ProgressUpdate

    context, page = sign_in(browser, base_url, "jingban")
    expect(todo_card(page, "即将到期的承诺")).to_be_visible()
    expect(todo_card(page, "待答复的投诉举报")).to_be_visible()
    todo_card(page, "逾期承诺").click()
    expect(page.locator("table.listing tbody tr")).not_to_have_count(0)
    page.locator("table.listing tbody td a").first.click()
    expect(page.locator(".help-critical")).to_contain_text("已逾期")
    page.fill("textarea[name=note]", "已完成主体施工，正在验收。")
    page.fill("input[name=percent]", "90")
    page.get_by_role("button", name="报送进展").click()
    expect(page.locator(".messages")).to_contain_text("操作成功")
    expect(page.locator("main")).to_contain_text("已完成主体施工，正在验收。")
    assert ProgressUpdate.objects.filter(text="已完成主体施工，正在验收。").exists()

    go_home(page)
    todo_card(page, "待答复的投诉举报").click()
    row = page.locator("table.listing tbody tr", has_text="石桥村路灯承诺未兑现")
    row.locator("a").first.click()
    expect(page.locator("main")).to_contain_text("石桥村路灯承诺未兑现")
    context.close()


def the_deputy_finds_their_items(browser, base_url):
    context, page = sign_in(browser, base_url, "daibiao")
    page.locator("#wagtail-sidebar").get_by_text("我的建议提案").click()
    page.wait_for_url(re.compile(r"/admin/proposals/my-items/"))
    expect(page.locator("main")).not_to_contain_text("Traceback")
    context.close()


def the_sysadmin_sees_the_system_screens(browser, base_url):
    context, page = sign_in(browser, base_url, "admin")
    sidebar = page.locator("#wagtail-sidebar")
    sidebar.get_by_role("button", name="系统管理").click()
    sidebar.get_by_role("link", name="事件日志").click()
    page.wait_for_url(re.compile(r"/admin/event/"))
    expect(page.locator("main table.listing")).to_be_visible()
    context.close()


def the_assessor_opens_the_assessment_work(browser, base_url):
    context, page = sign_in(browser, base_url, "kaohe")
    page.locator("#wagtail-sidebar").get_by_role("link", name="考核工作").click()
    page.wait_for_url(re.compile(r"/admin/assessment/"))
    expect(page.locator("main")).to_be_visible()
    context.close()


def test_every_role_does_its_main_job_from_its_home_page(demo_server, browser):
    the_leader_approves_a_submission(browser, demo_server)
    the_clerk_reports_progress_on_an_overdue_commitment(browser, demo_server)
    the_deputy_finds_their_items(browser, demo_server)
    the_assessor_opens_the_assessment_work(browser, demo_server)
    the_sysadmin_sees_the_system_screens(browser, demo_server)
