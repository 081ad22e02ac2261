"""A small same-site crawler over Django's test client, shared by the crawl and form tests."""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.test import Client

LOCAL_HOSTS = {"", "testserver", "localhost", "127.0.0.1"}
SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "#")
# Detail pages of one kind (/commitments/123/) are sampled: every kind is visited, not every row.
PER_PATTERN = 25
MAX_PAGES = 2000


class PageParser(HTMLParser):
    """Collects links, assets, the <html lang> and the form fields with their labels."""

    FIELD_TAGS = ("input", "select", "textarea")
    UNLABELLED_TYPES = ("hidden", "submit", "button", "reset", "image")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # pages to visit
        self.assets: list[str] = []  # src / <link href> / srcset
        self.lang = ""
        self.fields: list[dict] = []
        self.label_for: set[str] = set()
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"])
        for name in ("src", "poster", "data-chartjs"):
            if a.get(name):
                self.assets.append(a[name])
        if a.get("srcset"):
            self.assets += [part.strip().split(" ")[0] for part in a["srcset"].split(",")]
        if tag == "label":
            self._label_depth += 1
            if a.get("for"):
                self.label_for.add(a["for"])
        if tag in self.FIELD_TAGS and a.get("type", "text") not in self.UNLABELLED_TYPES:
            self.fields.append({**a, "_tag": tag, "_wrapped": self._label_depth > 0})

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1

    def unlabelled_fields(self) -> list[dict]:
        def labelled(f: dict) -> bool:
            return bool(
                f["_wrapped"]
                or (f.get("id") and f["id"] in self.label_for)
                or f.get("aria-label")
                or f.get("aria-labelledby")
                or f.get("title")
            )

        return [f for f in self.fields if not labelled(f)]


@dataclass
class CrawlResult:
    pages: dict[str, str] = field(default_factory=dict)  # url -> html of every HTML page
    statuses: dict[str, int] = field(default_factory=dict)
    headers: dict[str, dict[str, str]] = field(default_factory=dict)  # url -> response headers
    broken: list[tuple[str, int, str]] = field(default_factory=list)  # url, status, referrer
    missing_assets: list[tuple[str, str]] = field(default_factory=list)
    foreign: list[tuple[str, str]] = field(default_factory=list)  # asset of another host, page
    foreign_links: list[tuple[str, str]] = field(default_factory=list)  # <a href> elsewhere
    sampled_out: int = 0


def pattern(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"/\d+(?=/|$)", "/<n>", parts.path)
    path = re.sub(r"/[A-Z0-9]{8,}(?=/|$)", "/<code>", path)
    return path + ("?" if parts.query else "")


def _asset_exists(path: str) -> bool:
    if path.startswith(settings.STATIC_URL):
        return finders.find(path[len(settings.STATIC_URL) :]) is not None
    return default_storage.exists(path[len(settings.MEDIA_URL) :])


class Crawler:
    """Visits every same-site page reachable from `start`, staying under `within` and
    leaving out paths starting with one of `skip`; `per_pattern` detail pages per kind."""

    def __init__(
        self,
        client: Client | None = None,
        *,
        start: str = "/",
        within: str = "/",
        skip: tuple[str, ...] = ("/admin/",),
        per_pattern: int = PER_PATTERN,
    ):
        self.client = client or Client()
        self.within, self.skip, self.limit = within, skip, per_pattern
        self.result = CrawlResult()
        self.queue: deque[tuple[str, str]] = deque([(start, "")])
        self.seen: set[str] = {start}
        self.per_pattern: Counter = Counter()

    def _local(self, raw: str, base: str, page: str, *, anchor: bool = False) -> str | None:
        if not raw or raw.startswith(SKIP_SCHEMES):
            return None
        parts = urlsplit(urljoin(base, raw))
        if parts.scheme in ("http", "https") and parts.hostname not in LOCAL_HOSTS:
            (self.result.foreign_links if anchor else self.result.foreign).append((raw, page))
            return None
        return parts.path + (f"?{parts.query}" if parts.query else "")

    def _enqueue(self, url: str, referrer: str) -> None:
        if url in self.seen or not url.startswith(self.within) or url.startswith(self.skip):
            return
        self.seen.add(url)
        key = pattern(url)
        self.per_pattern[key] += 1
        if self.per_pattern[key] > self.limit or len(self.seen) > MAX_PAGES:
            self.result.sampled_out += 1
            return
        self.queue.append((url, referrer))

    def _check_asset(self, url: str, page: str) -> None:
        if url.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
            if url not in self.seen:
                self.seen.add(url)
                if not _asset_exists(urlsplit(url).path):
                    self.result.missing_assets.append((url, page))
        else:
            self._enqueue(url, page)

    def fetch(self, url: str):
        if urlsplit(url).path == "/language/":
            return Client().get(url)  # keep this client's language cookie untouched
        return self.client.get(url)

    def visit(self, url: str, referrer: str) -> None:
        response = self.fetch(url)
        self.result.statuses[url] = response.status_code
        self.result.headers[url] = dict(response.headers)
        if response.status_code >= 400:
            self.result.broken.append((url, response.status_code, referrer))
            return
        if response.status_code in (301, 302, 303, 307, 308):
            target = self._local(response["Location"], url, url)
            if target and urlsplit(url).path != "/language/":
                self._enqueue(target, url)
            return
        if "text/html" not in response.get("Content-Type", ""):
            return
        html = response.content.decode()
        self.result.pages[url] = html
        parser = PageParser()
        parser.feed(html)
        for raw in parser.links:
            if target := self._local(raw, url, url, anchor=True):
                self._enqueue(target, url)
        for raw in parser.assets:
            if target := self._local(raw, url, url):
                self._check_asset(target, url)

    def run(self) -> CrawlResult:
        while self.queue:
            self.visit(*self.queue.popleft())
        return self.result
