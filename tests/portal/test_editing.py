from wagtail.models import Page

from portal import demo
from portal.models import NewsIndexPage, NewsPage
from tests.factories import UserFactory


def test_a_portal_editor_drafts_news_and_submits_it_for_moderation(client, portal_site, city):
    editor = UserFactory(username="bianji_t", organisation=city, role="portal_editor")
    demo.load({"users": {"bianji": editor}})
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    index = NewsIndexPage.objects.get()
    add_url = f"/admin/pages/add/portal/newspage/{index.pk}/"
    assert client.get(add_url).status_code == 200

    response = client.post(
        add_url,
        {
            "title": "测试新闻",
            "slug": "test-news",
            "date": "2026-11-20",
            "summary": "摘要",
            "body-count": "0",
            "action-submit": "Submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="test-news")
    assert not page.live  # an editor cannot publish alone
    assert page.current_workflow_state is not None
    assert page.current_workflow_state.status == "in_progress"


def test_the_editor_cannot_publish_directly(portal_site, city):
    editor = UserFactory(username="bianji_p", organisation=city, role="portal_editor")
    demo.load({"users": {"bianji": editor}})
    perms = Page.objects.get(slug="news").permissions_for_user(editor)
    assert perms.can_add_subpage()
    assert not perms.can_publish_subpage()
