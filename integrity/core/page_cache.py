"""Whole-response cache for anonymous visitors, invalidated by scope, stampede-protected.

Generations. Every cached page remembers the generation numbers it was rendered under
and is served only while they are all current:

* the *site* generation (``GENERATION_KEY``), which every page depends on: bumped by
  Wagtail page (un)publication and by a change of an organisation (names and the tree
  show on every page);
* the *scopes* of the page. A page whose URL matches ``SCOPED_PAGES`` depends on its own
  scopes only, e.g. the commitment list of organisation 5 on ``org:5``, the detail of
  commitment 17 on ``commitments.commitment:17``; every other page (home, search, the
  indexes, open data) depends on ``data``.

``record_event`` bumps, after commit, ``data``, the scope of the changed object and the
scope of its organisation (:func:`bump_for`): an edit of one unit's commitment renders
the home page and that unit's pages afresh and leaves every other unit's pages cached.
The generation numbers and the page are read in one cache round trip (``get_many``).
The day is part of the key too, so date-driven changes show from midnight.

Stampede protection: when a page is stale or missing, one request renders it (it holds
a short lock, ``cache.add``); meanwhile the others are served the stale copy
(``X-Page-Cache: stale``) or, with no copy at all, wait up to ``WAIT_SECONDS`` for the
fresh one before rendering it themselves.
"""

import contextvars
import datetime
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

GENERATION_KEY = "public-page-cache:generation"
SCOPE_PREFIX = "public-page-cache:scope:"
DATA = "data"
SKIP_PREFIXES = ("/admin/", "/api/", "/i18n/", "/jsi18n/", "/documents/", "/static/", "/media/")
CACHEABLE_TYPES = ("text/html", "application/json", "text/csv")
LOCK_SECONDS = 30
WAIT_SECONDS = 2.0
WAIT_STEP = 0.05
# (path pattern, scopes as formats of the match's groups): pages that show one unit's or
# one object's data only. Every other page depends on DATA.
SCOPED_PAGES: list[tuple[re.Pattern, tuple[str, ...]]] = [
    (re.compile(r"^/commitments/org/(\d+)/$"), ("org:{0}",)),
    (re.compile(r"^/commitments/(\d+)/$"), ("commitments.commitment:{0}",)),
    (re.compile(r"^/records/(\d+)/$"), ("records.dishonestyrecord:{0}",)),
]

# called with (obj, organisation) after each recorded change, once the caches are bumped
# (e.g. the search index re-indexes the object: portal.search_index.on_change)
CHANGE_LISTENERS: list = []

# the generations of the page being rendered (read by CachedCountPaginator)
current_versions: contextvars.ContextVar[tuple | None] = contextvars.ContextVar(
    "page_cache_versions", default=None
)


def _scope_key(scope: str) -> str:
    return SCOPE_PREFIX + scope


def _fresh() -> int:
    # a key re-created after eviction starts far from any number stored before
    return time.time_ns() // 1000


def generation(scope: str | None = None) -> int:
    """The current site generation, or the current generation of ``scope``."""
    key = GENERATION_KEY if scope is None else _scope_key(scope)
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh(), timeout=None)
        value = cache.get(key, 1)
    return int(value)


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, _fresh(), timeout=None)


def bump_generation(**_kwargs) -> None:
    """Invalidate every cached public response (page publication, a structural change)."""
    _bump(GENERATION_KEY)


def bump_scopes(scopes) -> None:
    for scope in scopes:
        _bump(_scope_key(scope))


def scopes_of(obj) -> list[str]:
    """The scopes a change of ``obj`` touches (besides DATA): its own and its
    organisation's."""
    scopes = []
    if obj is not None and getattr(obj, "pk", None) is not None:
        scopes.append(f"{obj._meta.label_lower}:{obj.pk}")
    return scopes


def bump_for(obj=None, organisation=None) -> None:
    """What a recorded change invalidates (``record_event`` calls it after commit): an
    organisation's own change, or a change tied to no object nor organisation,
    everything; otherwise DATA, the object's scope and its organisation's."""
    from integrity.core.models import Organisation

    if isinstance(obj, Organisation) or (obj is None and organisation is None):
        bump_generation()
    else:
        scopes = [DATA, *scopes_of(obj)]
        if organisation is not None:
            scopes.append(f"org:{organisation.pk}")
        bump_scopes(scopes)
    for listener in CHANGE_LISTENERS:
        listener(obj, organisation)


def page_scopes(path: str) -> tuple[str, ...]:
    for pattern, formats in SCOPED_PAGES:
        found = pattern.match(path)
        if found:
            return tuple(f.format(*found.groups()) for f in formats)
    return (DATA,)


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


def _lookup(key: str, scopes: tuple[str, ...]) -> tuple[tuple, tuple | None, bool]:
    """The current generations, the stored page (content, headers) and whether it is
    fresh, in one cache round trip. A page stored under older generations is stale."""
    generation_keys = [GENERATION_KEY, *(_scope_key(s) for s in scopes)]
    found = cache.get_many([*generation_keys, key])
    missing = [k for k in generation_keys if k not in found]
    for k in missing:
        cache.add(k, _fresh(), timeout=None)
    if missing:
        found.update(cache.get_many(missing))
    versions = tuple(int(found.get(k, 0)) for k in generation_keys)
    stored = found.get(key)
    if stored is None:
        return versions, None, False
    return versions, stored[1:], stored[0] == versions


def _serve(stored: tuple, state: str) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content, headers=headers)
    response["X-Page-Cache"] = state
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous GETs of public pages from the cache. Place after LocaleMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PUBLIC_PAGE_CACHE_SECONDS", 600)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        versions, stored, fresh = _lookup(key, page_scopes(request.path))
        if fresh:
            return _serve(stored, "hit")
        lock = f"{key}:rendering"
        locked = cache.add(lock, 1, timeout=LOCK_SECONDS)
        if not locked:
            # another request is rendering this page: the stale copy, else wait for it
            if stored is not None:
                return _serve(stored, "stale")
            deadline = time.monotonic() + WAIT_SECONDS
            while time.monotonic() < deadline:
                time.sleep(WAIT_STEP)
                entry = cache.get(key)
                if entry is not None and entry[0] == versions:
                    return _serve(entry[1:], "hit")
        token = current_versions.set(versions)
        try:
            response = self.get_response(request)
            if _cacheable_response(response):
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
                headers = {k: v for k, v in response.items() if k.lower() != "x-page-cache"}
                cache.set(key, (versions, response.content, headers), self.timeout)
        finally:
            current_versions.reset(token)
            if locked:
                cache.delete(lock)
        return response
