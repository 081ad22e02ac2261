"""Issue 16, must-hold 1: a deputy submits a suggestion with a co-signer from the back
office; the NPC office registers it from its to-do; the deputy then sees the item."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Demo@2026zw"
TITLE = "关于在北塘路口增设公交站的建议"


def _login(page, username: str) -> None:
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_deputy_submits_a_suggestion_that_the_office_registers(page, browser):
    from commitments.proposals.models import Item, Submission

    _login(page, "daibiao")
    # The deputy's menu holds one entry, their items; the online form is a button there.
    page.locator("a[href='/admin/proposals/my-items/']").first.click()
    page.wait_for_url(re.compile(r"/admin/proposals/my-items/$"))
    page.locator("main a[href='/admin/proposals/my-submissions/']").first.click()
    page.wait_for_url(re.compile(r"/admin/proposals/my-submissions/$"))
    page.fill("#id_title", TITLE)
    page.fill("#id_content", "北塘路口居民出行不便，建议增设公交站并调整线路。")
    co_signer = page.locator("input[name=co_signers]").first
    co_signer.check()
    page.locator("form.submission-form [type=submit]").click()
    page.wait_for_load_state()
    assert "已提交，待登记" in page.content()
    submission = Submission.objects.get(title=TITLE)
    assert submission.co_signers.count() == 1

    office = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    desk = office.new_page()
    desk.base_url = page.base_url
    _login(desk, "renda")
    desk.locator("a[href='/admin/proposals/office/']").first.click()  # from the dashboard
    desk.wait_for_url(re.compile(r"/admin/proposals/office/$"))
    desk.locator("a[href='/admin/proposals/submissions/']").first.click()
    section = desk.locator(f"#submission-{submission.pk}")
    section.locator("input[name=number]").fill("2026-088")
    section.locator("form.register-form [type=submit]").click()
    desk.wait_for_load_state()
    assert "已登记" in desk.content()
    office.close()

    item = Item.objects.get(title=TITLE)
    assert item.number == "2026-088" and item.lead_author.user.username == "daibiao"
    assert item.co_authors.count() == 1
    page.goto(page.base_url + "/admin/proposals/my-items/")
    assert TITLE in page.content()
