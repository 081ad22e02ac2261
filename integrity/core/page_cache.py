"""Whole-response cache for anonymous visitors, invalidated by any published change.

Every state change is recorded through :func:`integrity.core.events.record_event`, and
Wagtail announces page (un)publication; both bump one *generation* number that is part
of every cache key, so the next anonymous request after a change renders afresh. The
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
    return f"public-page:{generation()}:{day}:{language}:{request.get_full_path()}"


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache. Place after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
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
            cache.set(key, (response.content, headers), self.timeout)
        return response
