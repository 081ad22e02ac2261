from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from portal import demo, selectors
from portal.models import HomePage, NewsIndexPage, NewsPage, SectionPage, StandardPage


class LinkCollector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            if attrs.get(name):
                self.urls.append(attrs[name])


def parse(html: str) -> LinkCollector:
    collector = LinkCollector()
    collector.feed(html)
    return collector


class PageTypeRulesTest(WagtailPageTestCase):
    def test_home_page_is_created_only_under_the_root(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_news_lives_only_in_a_news_index_under_the_home_page(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(StandardPage, NewsPage)

    def test_standard_pages_nest_under_the_home_page_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, NewsIndexPage, StandardPage})
        self.assertCanNotCreateAt(NewsIndexPage, StandardPage)


class DemoPagesRenderTest(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.context = {}
        demo.load(cls.context)

    def test_every_demo_page_is_renderable(self):
        for page in Page.objects.filter(depth__gte=2).live().specific():
            self.assertPageIsRenderable(page)


def test_demo_loading_twice_creates_no_duplicates(portal_site):
    demo.load({})
    assert HomePage.objects.count() == 1
    assert NewsIndexPage.objects.count() == 1
    assert NewsPage.objects.count() == len(demo.NEWS)
    assert StandardPage.objects.count() == len(demo.STANDARD_PAGES)


def test_home_page_shows_the_site_name_latest_news_and_key_figures(client, portal_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "澜江市政务诚信监督评价平台" in html
    assert demo.NEWS[0]["title"] in html
    assert "2026年11月18日" in html
    assert 'href="/commitments/"' in html
    assert len(response.context["key_figures"]) >= 4


def test_main_navigation_lists_menu_pages_and_the_registry_sections(client, portal_site):
    html = client.get("/").content.decode()
    for href in (
        "/news/",
        "/about/",
        "/method/",
        "/commitments/",
        "/records/",
        "/replies/",
        "/results/",
        "/report/",
    ):
        assert f'href="{href}"' in html
    about = StandardPage.objects.get(slug="about")
    about.show_in_menus = False
    about.save_revision().publish()
    assert 'href="/about/"' not in client.get("/").content.decode().split("</nav>")[0]


def test_footer_shows_the_site_settings(client, portal_site):
    html = client.get("/").content.decode()
    for value in (
        "澜江市社会信用体系建设领导小组办公室",
        "0999-81234567",
        "澜ICP备20260001号",
        "9999000001",
    ):
        assert value in html


def test_a_news_page_has_breadcrumbs_back_to_the_index(client, portal_site):
    page = NewsPage.objects.get(slug="sme-payment-campaign")
    html = client.get(page.url).content.decode()
    crumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
    assert 'href="/"' in crumbs and 'href="/news/"' in crumbs
    assert page.title in crumbs
    assert "<table" in html  # the StreamField table block


def test_news_index_is_paginated_newest_first(client, portal_site):
    response = client.get("/news/")
    items = list(response.context["news_items"])
    assert [i.date for i in items] == sorted((i.date for i in items), reverse=True)
    assert client.get("/news/?page=99").status_code == 200


def test_unpublished_news_is_not_shown(client, portal_site):
    page = NewsPage.objects.get(slug="commitment-lists-published")
    page.unpublish()
    assert page.title not in client.get("/").content.decode()
    assert client.get("/news/commitment-lists-published/").status_code == 404


@pytest.mark.parametrize("path", ["/", "/news/", "/news/npc-suggestions-replies/", "/method/"])
def test_pages_load_nothing_from_another_host(client, portal_site, path):
    html = client.get(path).content.decode()
    urls = parse(html).urls
    assert urls
    for url in urls:
        parts = urlsplit(url)
        assert not parts.netloc or parts.netloc == "testserver", url
        assert parts.scheme in ("", "http", "https"), url
    assert "@import" not in html and "//fonts." not in html


def test_base_template_has_viewport_skip_link_and_language(client, portal_site):
    html = client.get("/").content.decode()
    tags = parse(html).tags
    assert ("meta", {"name": "viewport", "content": "width=device-width, initial-scale=1"}) in tags
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<html lang="zh-Hans">' in html


def test_stylesheet_is_local_and_uses_system_chinese_fonts():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("portal/css/portal.css")).read_text(encoding="utf-8")
    assert "PingFang SC" in css and "Microsoft YaHei" in css and "Noto Sans CJK SC" in css
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert ":focus-visible" in css


def test_key_figures_come_from_registered_providers(monkeypatch):
    monkeypatch.setattr(selectors, "_providers", [])
    assert [f.url for f in selectors.key_figures()][:1] == ["/commitments/"]

    @selectors.register_key_figure
    def commitments():
        return selectors.KeyFigure(label="承诺", value=12, url="/commitments/")

    selectors.register_key_figure(lambda: None, order=1)
    selectors.register_key_figure(commitments)  # registering twice keeps one
    assert selectors.key_figures() == [selectors.KeyFigure("承诺", 12, "/commitments/")]


def test_an_editor_can_open_a_news_page_in_the_back_office(client, portal_site, admin_user):
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    page = NewsPage.objects.first()
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert (
        client.get(f"/admin/pages/add/portal/newspage/{page.get_parent().pk}/").status_code == 200
    )


def test_an_unknown_address_gets_the_portal_404_page(client, portal_site):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面不存在" in html and 'class="site-header"' in html


def test_home_page_queries_do_not_grow_with_the_amount_of_news(
    client, portal_site, django_assert_max_num_queries
):
    client.get("/")  # warm the site and settings caches
    index = portal_site["news_index"]
    for n in range(10):
        index.add_child(instance=NewsPage(title=f"新闻{n}", slug=f"extra-{n}"))
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get("/news/").status_code == 200
