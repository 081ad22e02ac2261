"""Paginators for public lists that may hold hundreds of thousands of rows."""

import hashlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination

from integrity.core.page_cache import DATA, current_versions, generation


class CachedCountPaginator(Paginator):
    """A ``Paginator`` that keeps the COUNT(*) of a large set until the next recorded change.

    Counting a few hundred thousand rows costs hundreds of milliseconds on every page of
    the list, while the number only changes with a recorded change. The key holds the
    page-cache generations of the page being rendered (``current_versions``: e.g. only
    its unit's for one unit's list, so another unit's edit keeps the count), else the
    site and ``data`` generations, which every recorded change and page publication
    bump. Sets under ``threshold`` rows are counted on every request, so small lists
    are never stale.
    """

    threshold = 10_000
    timeout = 600

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        sql, params = query.sql_with_params()
        digest = hashlib.sha256(f"{sql}|{params!r}".encode()).hexdigest()
        versions = current_versions.get() or (generation(), generation(DATA))
        key = f"paginator-count:{'.'.join(map(str, versions))}:{digest}"
        value = cache.get(key)
        if value is None:
            value = super().count
            if value >= self.threshold:
                cache.set(key, value, self.timeout)
        return value


class IdCursorPagination(CursorPagination):
    """Cursor pagination for public API lists of any size: each page is an indexed range
    (``WHERE id > …``), never an OFFSET nor a COUNT over the whole set. ``?cursor=`` links
    in ``next``/``previous``; ``page_size`` up to 1,000."""

    ordering = ("id",)
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
