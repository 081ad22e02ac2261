"""Every back-office URL sends an anonymous visitor to the login page."""

import re

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = re.compile(r"^/admin/(login|logout|password_reset|jsi18n|sprite|icons|tag-autocomplete)")
CONVERTER = re.compile(r"<(?:(\w+):)?(\w+)>")
SAMPLE = {
    "int": "1",
    "str": "x",
    "slug": "x",
    "uuid": "00000000-0000-0000-0000-000000000001",
    "path": "x",
    None: "1",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield route


def _concrete(route: str) -> str | None:
    if "^" in route or "(?P" in route:
        return None  # regex patterns: covered by their path() siblings
    return "/" + CONVERTER.sub(lambda m: SAMPLE.get(m.group(1), "1"), route)


def admin_urls() -> list[str]:
    urls = {_concrete(r) for r in _walk(get_resolver().url_patterns) if r.startswith("admin/")}
    return sorted(u for u in urls if u and not PUBLIC.match(u))


def test_the_walk_finds_the_registry_screens():
    urls = admin_urls()
    assert len(urls) > 100
    for expected in (
        "/admin/organisations/",
        "/admin/organisations/import/",
        "/admin/organisations/export/",
        "/admin/users/",
    ):
        assert expected in urls


@pytest.mark.django_db
def test_every_back_office_url_redirects_an_anonymous_visitor_to_login(client):
    failures = []
    for url in admin_urls():
        response = client.get(url)
        location = response.get("Location", "")
        if not (response.status_code == 302 and "/admin/login/" in location):
            failures.append((url, response.status_code, location))
    assert failures == []


@pytest.mark.django_db
def test_django_admin_is_not_exposed(client):
    assert client.get("/django-admin/").status_code == 404
