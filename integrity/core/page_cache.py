"""Whole-response cache for anonymous visitors, invalidated by any published change.

Every state change is recorded through :func:`integrity.core.events.record_event`, and
Wagtail announces page (un)publication; both bump one *generation* number. Each cached
page remembers the generation it was rendered under, and a hit needs the current one
(both read in one round trip), so the next anonymous request after a change renders
afresh. The
day is part of the key too, so date-driven changes (a record's publication period
ending) show from midnight even before the nightly task records them.
"""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

GENERATION_KEY = "public-page-cache:generation"
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/jsi18n/", "/documents/", "/static/", "/media/")
CACHEABLE_TYPES = ("text/html", "application/json", "text/csv")


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return int(value)


def bump_generation(**_kwargs) -> None:
    """Invalidate every cached public response (called after each committed change)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(SKIP_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "preview" not in request.GET
    )


def _cacheable_response(response: HttpResponse) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(CACHEABLE_TYPES)
        and "private" not in control
        and "no-store" not in control
    )


def _key(request: HttpRequest) -> str:
    day = timezone.localdate().isoformat() if settings.USE_TZ else datetime.date.today()
    language = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    return f"public-page:{day}:{language}:{request.get_full_path()}"


def _lookup(key: str) -> tuple[int, tuple | None]:
    """The current generation and the stored page, in one cache round trip.

    A page stored under an older generation is a miss.
    """
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY)
    if current is None:
        return generation(), None
    stored = found.get(key)
    if stored is None or stored[0] != current:
        return int(current), None
    return int(current), stored[1:]


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache. Place after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        current, stored = _lookup(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            headers = {k: v for k, v in response.items() if k.lower() != "x-page-cache"}
            cache.set(key, (current, response.content, headers), self.timeout)
        return response
