"""The whole demo site, crawled from the home page: no broken link, no missing asset,
Chinese pages, nothing from other hosts, a label on every form field.

The demo is loaded once for the module inside a transaction rolled back at the end.
"""

from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests.portal.crawler import Crawler, PageParser

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=StringIO())
            cache.clear()
            yield Crawler().run()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def test_the_crawl_reaches_every_section_of_the_site(crawl):
    visited = set(crawl.statuses)
    for url in (
        "/",
        "/commitments/",
        "/records/",
        "/records/red-list/",
        "/replies/",
        "/results/",
        "/report/",
        "/news/",
        "/about/",
    ):
        assert url in visited, url
    assert len(crawl.pages) > 50


def test_no_link_on_the_site_is_broken(crawl):
    assert crawl.broken == []


def test_no_page_refers_to_a_missing_static_file_or_image(crawl):
    assert crawl.missing_assets == []


# Plain links a visitor may follow to read a document elsewhere (they load nothing).
ALLOWED_LINK_HOSTS: set[str] = set()  # the site works offline: not even plain links leave it


def test_no_page_loads_anything_from_another_host(crawl):
    assert crawl.foreign == []


def test_no_page_links_to_another_host_except_the_licence_deed(crawl):
    from urllib.parse import urlsplit

    others = [
        (u, p) for u, p in crawl.foreign_links if urlsplit(u).hostname not in ALLOWED_LINK_HOSTS
    ]
    assert others == []


def test_every_page_is_in_simplified_chinese(crawl):
    wrong = []
    for url, html in crawl.pages.items():
        parser = PageParser()
        parser.feed(html)
        if parser.lang != "zh-Hans":
            wrong.append((url, parser.lang))
    assert wrong == []


def _unlabelled(crawl) -> list[tuple[str, str, str]]:
    found = []
    for url, html in crawl.pages.items():
        parser = PageParser()
        parser.feed(html)
        found += [(url, f.get("name"), f["_tag"]) for f in parser.unlabelled_fields()]
    return found


def test_every_form_field_on_the_site_has_a_label(crawl):
    unlabelled = _unlabelled(crawl)
    assert unlabelled == [], "\n".join(map(str, unlabelled))
    assert any("<form" in html for html in crawl.pages.values())


def test_home_page_key_figures_and_alerts_equal_direct_counts(crawl, client):
    from commitments.models import Commitment
    from commitments.proposals.models import Reply
    from integrity.records.models import DishonestyRecord

    cache.clear()
    context = client.get("/").context
    figures = {str(f.label): f.value for f in context["key_figures"]}
    published = Commitment.objects.published()
    assert figures["已公开承诺"] == published.count() > 0
    assert figures["逾期承诺"] == published.overdue().count()
    assert figures["公示中的失信记录"] == DishonestyRecord.objects.public().count()
    assert figures["已公开建议提案答复"] == Reply.objects.published().count()
    alerts = {a.url + a.level: a.count for a in context["alerts"]}
    assert alerts["/commitments/danger"] == published.filter(status="broken").count()
    assert context["status_chart"].series[0][1] == [
        published.filter(status=s).count()
        for s in Commitment.PUBLIC_STATUSES
        if published.filter(status=s).exists()
    ]
