"""Sections in the page tree: menus, editable introductions and nesting follow the tree."""

import pytest

from django.core.exceptions import ValidationError
from django.template import Context, Template

from wagtail.test.utils import WagtailPageTestCase

from portal import demo, selectors
from portal.models import HomePage, NewsIndexPage, NewsPage, Section, SectionPage, StandardPage


class SectionPageRulesTest(WagtailPageTestCase):
    def test_sections_live_under_the_home_page_or_another_section(self):
        self.assertAllowedParentPageTypes(SectionPage, {HomePage, SectionPage})
        self.assertAllowedSubpageTypes(SectionPage, {SectionPage})
        self.assertAllowedSubpageTypes(HomePage, {SectionPage, NewsIndexPage, StandardPage})
        self.assertCanNotCreateAt(NewsPage, SectionPage)


def test_the_demo_creates_one_section_page_per_section_at_its_view_url(portal_site):
    urls = {page.section: page.url for page in SectionPage.objects.live()}
    assert set(urls) == set(Section.values)
    assert urls["commitments"] == "/commitments/"
    assert urls["red_list"] == "/records/red-list/"
    assert urls["open_data"] == "/open-data/"
    demo.load({})
    assert SectionPage.objects.count() == len(Section.values)


def test_section_page_selector_finds_the_live_page_of_a_section(portal_site):
    page = selectors.section_page("results")
    assert page.slug == "results"
    page.unpublish()
    assert selectors.section_page("results") is None


def test_section_intro_tag_renders_the_editable_introduction(portal_site):
    page = selectors.section_page("commitments")
    page.intro = [{"type": "paragraph", "value": "<p>编辑写的栏目说明</p>"}]
    page.save_revision().publish()
    html = Template('{% load portal_tags %}{% section_intro "commitments" %}').render(Context())
    assert "编辑写的栏目说明" in html and 'class="section-intro' in html
    assert (
        Template('{% load portal_tags %}{% section_intro "nope" %}').render(Context()).strip() == ""
    )


def test_the_menu_comes_from_the_page_tree(client, portal_site):
    nav = client.get("/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    for href in ("/commitments/", "/records/", "/replies/", "/results/", "/report/", "/news/"):
        assert f'href="{href}"' in nav
    assert 'href="/search/"' not in nav  # not shown in menus
    replies = selectors.section_page("replies")
    replies.title = "代表委员建议提案"
    replies.show_in_menus = False
    replies.save_revision().publish()
    nav = client.get("/").content.decode().split('class="main-nav"')[1].split("</nav>")[0]
    assert 'href="/replies/"' not in nav


def test_a_second_page_for_the_same_section_is_refused(portal_site):
    home = HomePage.objects.get()
    duplicate = SectionPage(title="又一个", slug="commitments-2", section="commitments")
    with pytest.raises(ValidationError):
        home.add_child(instance=duplicate)


def test_wagtail_serves_a_section_page_whose_view_is_not_installed(client, portal_site, rf):
    page = selectors.section_page("commitments")
    response = page.serve(rf.get("/commitments/"))
    response.render()
    assert "承诺践诺" in response.content.decode()


def test_an_administrator_edits_a_section_introduction_in_the_back_office(
    client, portal_site, admin_user
):
    client.force_login(admin_user, backend="django.contrib.auth.backends.ModelBackend")
    page = selectors.section_page("records")
    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 200
    assert 'name="section"' in response.content.decode()
    add_url = f"/admin/pages/add/portal/sectionpage/{page.pk}/"
    assert client.get(add_url).status_code == 200
