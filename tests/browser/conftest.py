"""Headless Chromium (Debian's) through Playwright against the demo site.

The demo is served by pytest-django's live server. Every page fails its test on any
request to another host; a failing test leaves a screenshot in test-artifacts/.
"""

import os
import re
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.core.cache import cache
from django.core.management import call_command

# Playwright's sync API runs an event loop in the test thread; the test's own ORM reads
# (and the fixtures') are still synchronous, which Django allows with this switch.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
LAUNCH_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

BROWSER_TEST = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def pytest_collection_modifyitems(items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: apt-get install -y chromium")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def demo_server(live_server):
    """The demo site on pytest-django's live server: its base URL.

    Tests using it are transactional with a serialized rollback (the migrated rows come
    back after the flush); each module holds one test, so the demo loads once per module.
    """
    call_command("load_demo", stdout=StringIO())
    cache.clear()
    yield live_server.url
    cache.clear()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(demo_server, browser, request):
    """A fresh browser page that refuses (and records) every request to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15000)
    foreign: list[str] = []

    def route(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.base_url = demo_server
    yield page
    outcome = getattr(request.node, "report_call", None)
    if outcome is None or outcome.failed or foreign:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"
