"""A portal editor writes news in the back office; a moderator approves and publishes it."""

import re

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_a_portal_editor_submits_news_and_a_moderator_publishes_it(page, browser):
    page.goto(page.base_url + "/admin/login/")
    page.fill("#id_username", "bianji")
    page.fill("#id_password", "Demo@2026zw")
    page.locator("form [type=submit]").first.click()
    page.wait_for_url(re.compile(r"/admin/$"))

    from portal.models import NewsIndexPage

    index = NewsIndexPage.objects.get()
    page.goto(page.base_url + f"/admin/pages/add/portal/newspage/{index.pk}/")
    page.fill("#id_title", "浏览器测试新闻")
    page.fill("#id_summary", "编辑在后台撰写并提交审核的新闻。")
    submit = page.locator("button[name=action-submit]")
    if not submit.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    submit.click()
    page.wait_for_load_state()

    from portal.models import NewsPage

    news = NewsPage.objects.get(title="浏览器测试新闻")
    assert not news.live

    moderator = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = moderator.new_page()
    admin.goto(page.base_url + "/admin/login/")
    admin.fill("#id_username", "admin")
    admin.fill("#id_password", "Demo@2026zw")
    admin.locator("form [type=submit]").first.click()
    admin.wait_for_url(re.compile(r"/admin/$"))
    admin.goto(page.base_url + f"/admin/pages/{news.pk}/edit/")
    approve = admin.locator(
        "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])"
    ).first
    if not approve.is_visible():
        admin.locator("footer .w-dropdown__toggle").first.click()
    approve.click()
    admin.wait_for_load_state()
    moderator.close()

    news.refresh_from_db()
    assert news.live
    page.goto(page.base_url + news.url)
    assert "浏览器测试新闻" in page.content()
