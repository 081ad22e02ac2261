"""Every public page reachable from the home page and the site map, as a citizen sees it:
no ISO date (2026-12-31) in the visible text and no personal data (ID numbers, phone
numbers and e-mail addresses of officials, reporters, deputies and members).

The demo is loaded once for the module inside a transaction rolled back at the end.
"""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest

from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction

from tests.portal.crawler import Crawler

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class VisibleText(HTMLParser):
    """The text a visitor reads: everything but <script>, <style> and attribute values."""

    HIDDEN = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


class PublicCrawler(Crawler):
    """The crawler, also starting from the site map."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._enqueue("/site-map/", "")


def _personal_data() -> set[str]:
    from commitments.proposals.models import Member
    from integrity.core.models import User
    from integrity.records.models import Complaint, Official

    values: set[str] = set()
    for official in Official.objects.all():
        values |= {official.id_number, official.phone}
    for complaint in Complaint.objects.all():
        values |= {complaint.reporter_name, complaint.reporter_phone, complaint.reporter_email}
    for member in Member.objects.all():
        values |= {member.phone, member.email}
    for user in User.objects.all():
        values.add(user.mobile)
    return {v for v in values if v and len(v) >= 3}


def _shows(value: str, html: str) -> bool:
    """The value stands on its own (not inside a longer code such as a unit's USCC)."""
    return re.search(rf"(?<![0-9A-Za-z]){re.escape(value)}(?![0-9A-Za-z])", html) is not None


@pytest.fixture(scope="module")
def crawl(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=StringIO())
            cache.clear()
            personal = _personal_data()
            yield PublicCrawler().run(), personal
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()


def test_the_crawl_visits_the_site_map_and_the_public_sections(crawl):
    result, _personal = crawl
    for url in ("/", "/site-map/", "/privacy/", "/search/", "/reports/answered/"):
        assert result.statuses.get(url) == 200, url
    assert len(result.pages) > 80


def test_no_public_page_shows_an_iso_date(crawl):
    result, _personal = crawl
    found = []
    for url, html in result.pages.items():
        for match in ISO_DATE.finditer(visible_text(html)):
            found.append((url, match.group()))
    assert found == [], "\n".join(map(str, found[:40]))


def test_no_public_page_shows_personal_data(crawl):
    result, personal = crawl
    assert personal, "the demo has officials, reporters and members with contact details"
    found = []
    for url, html in result.pages.items():
        found += [(url, value) for value in personal if _shows(value, html)]
    assert found == [], "\n".join(map(str, found[:40]))
