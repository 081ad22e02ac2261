"""The Chinese search index: bigram tokens, a GIN index on PostgreSQL, FTS5 on SQLite.

Chinese has no spaces between words, so a word tokenizer finds nothing inside
老旧小区停车难, and ``icontains`` reads every row (seconds at a million commitments).
Each public text is cut into overlapping two-character tokens (老旧 旧小 小区 区停 停车 车难;
Latin words and numbers stay whole, lower-cased) and stored once per public item in
``SearchEntry``:

* PostgreSQL: a ``tsvector`` column (``simple`` configuration: the tokens as they are;
  title weight A, the rest D) with a GIN index; a query's bigrams are a phrase
  (``停车 <-> 车难``: adjacent, i.e. the substring), ranked by ``ts_rank`` then date;
* SQLite: an FTS5 table (``portal_search_fts``) of the same tokens, phrase queries,
  ranked by ``bm25`` with the title weighted 10.

A two-character query is one token: one index lookup. A one-character query is a prefix
(``停:*`` / ``停*``). Filters (kind, organisation subtree, year) and the publication window
of records (``start``/``until``) are columns of the entry.

The index follows the registries: every recorded change (``record_event``, after commit)
and every page (un)publication re-indexes the object (``reindex``); ``manage.py
search_rebuild`` rebuilds it all (bulk, COPY on PostgreSQL). The search view asks
``candidates()``, a lazy sequence a ``Paginator`` slices: one count and one page query.
"""

import datetime
import re
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import connection, models, transaction
from django.utils import timezone

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(f"[{CJK}]+|[0-9a-z]+")
FTS = "portal_search_fts"
KINDS = ("commitment", "record", "reply", "page")
BUILT = "_built"  # the marker entry of a complete index (written by ``rebuild``)


class SearchEntry(models.Model):
    """One public item in the search index (its tokens live beside it: see the module)."""

    kind = models.CharField(max_length=12)
    object_id = models.BigIntegerField()
    organisation_path = models.CharField(max_length=255, blank=True)
    year = models.IntegerField(null=True)
    day = models.DateField(null=True)
    start = models.DateField(null=True)
    until = models.DateField(null=True)

    class Meta:
        app_label = "portal"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="portal_search_item")
        ]
        indexes = [models.Index(fields=["-day", "-id"], name="portal_search_recent")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


# --- tokens -------------------------------------------------------------------------------


def tokens(text: str) -> list[str]:
    """Bigrams of every run of Chinese characters (a lone character as itself), Latin
    words and numbers whole, lower-cased."""
    out: list[str] = []
    for run in RUNS.findall((text or "").lower()):
        if run[0].isascii() or len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def _query_parts(query: str) -> list[list[str]]:
    """Each run of the query as its tokens; a run of one character is a prefix."""
    return [tokens(run) for run in RUNS.findall((query or "").lower())]


def pg_query(query: str) -> str:
    """``to_tsquery('simple', …)`` text: each run a phrase of its bigrams, runs ANDed."""
    terms = []
    for run in _query_parts(query):
        if len(run) == 1 and (len(run[0]) == 1 or run[0].isascii()):
            terms.append(f"{run[0]}:*")
        else:
            terms.append(" <-> ".join(run))
    return " & ".join(f"({t})" for t in terms)


def pg_title_query(query: str) -> str:
    """``pg_query`` restricted to the title's tokens (weight A)."""
    terms = []
    for run in _query_parts(query):
        if len(run) == 1 and (len(run[0]) == 1 or run[0].isascii()):
            terms.append(f"{run[0]}:*A")
        else:
            terms.append(" <-> ".join(f"{t}:A" for t in run))
    return " & ".join(f"({t})" for t in terms)


def fts_query(query: str) -> str:
    """FTS5 MATCH text: each run a quoted phrase (a lone character a prefix), ANDed."""
    terms = []
    for run in _query_parts(query):
        if len(run) == 1 and (len(run[0]) == 1 or run[0].isascii()):
            terms.append(f'"{run[0]}"*')
        else:
            terms.append('"' + " ".join(run) + '"')
    return " AND ".join(terms)


# --- what is indexed ----------------------------------------------------------------------

Row = tuple[str, int, str, int | None, datetime.date | None, datetime.date | None,
            datetime.date | None, str, str]  # fmt: skip


def _date(value) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


def _commitments(ids=None) -> Iterator[Row]:
    from commitments.models import Commitment

    rows = Commitment.objects.published()
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    fields = ("pk", "title", "content", "target", "organisation__name", "organisation__path",
              "deadline", "published_at", "created_at")  # fmt: skip
    for pk, title, content, target, org, path, deadline, published, created in (
        rows.values_list(*fields).order_by().iterator(chunk_size=5000)
    ):
        body = f"{content} {target} {org}"
        day = _date(published or created)
        yield ("commitment", pk, path, deadline.year, day, None, None, title, body)


def _records(ids=None) -> Iterator[Row]:
    from integrity.records.models import DishonestyRecord, RecordStatus

    rows = DishonestyRecord.objects.filter(status=RecordStatus.PUBLISHED, publish=True)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    fields = ("pk", "title", "legal_basis", "deciding_body", "organisation__name",
              "organisation__path", "determination_date", "max_end_date")  # fmt: skip
    for pk, title, basis, body, org, path, decided, end in rows.values_list(*fields).iterator(
        chunk_size=5000
    ):
        year = decided.year if decided else None
        yield ("record", pk, path, year, decided, decided, end, title, f"{basis} {body} {org}")


def _replies(ids=None) -> Iterator[Row]:
    from commitments.proposals import selectors

    rows = selectors.published_replies()
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for reply in rows.select_related("assignment__item").iterator(chunk_size=500):
        unit = reply.assignment.unit
        body = f"{reply.assignment.item.title} {reply.public_text()} {unit.name}"
        year = reply.assignment.item.year
        yield ("reply", reply.pk, unit.path, year, reply.sent_on, None, None, reply.title, body)


def _pages(ids=None) -> Iterator[Row]:
    from wagtail.models import Page

    from portal.search import _page_text

    rows = Page.objects.live().public().filter(depth__gt=1)
    if ids is not None:
        rows = rows.filter(pk__in=ids)
    for page in rows.specific().iterator(chunk_size=200):
        day = _date(page.last_published_at)
        year = day.year if day else None
        yield ("page", page.pk, "", year, day, None, None, page.title, _page_text(page))


SOURCES = {"commitment": _commitments, "record": _records, "reply": _replies, "page": _pages}


# --- writing ------------------------------------------------------------------------------


def _write(rows: Iterable[Row]) -> int:
    """Insert entries and their tokens (no entry of the same item may exist)."""
    qn = connection.ops.quote_name
    table = qn(SearchEntry._meta.db_table)
    columns = "kind, object_id, organisation_path, year, day, start, until"
    written = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE TEMPORARY TABLE IF NOT EXISTS search_staging (kind text, object_id "
                "bigint, organisation_path text, year int, day date, start date, until date, "
                "title text, body text) ON COMMIT DROP"
            )
            # the rows are read from the same connection: a chunk is read, then copied
            source = iter(rows)
            while chunk := list(islice(source, 20_000)):
                with cursor.cursor.copy("COPY search_staging FROM STDIN") as copy:
                    for row in chunk:
                        copy.write_row(
                            (*row[:7], " ".join(tokens(row[7])), " ".join(tokens(row[8])))
                        )
                written += len(chunk)
            cursor.execute(
                f"INSERT INTO {table} ({columns}, document) SELECT {columns}, "  # noqa: S608
                "setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', body), 'D') FROM search_staging"
            )
            cursor.execute("DROP TABLE search_staging")
            return written
        marks = ", ".join(["%s"] * 7)
        for row in rows:
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", row[:7])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS} (rowid, title, body) VALUES (%s, %s, %s)",  # noqa: S608
                [cursor.lastrowid, " ".join(tokens(row[7])), " ".join(tokens(row[8]))],
            )
            written += 1
    return written


def _delete(kind: str | None = None, ids=None) -> None:
    entries = SearchEntry.objects.all()
    if kind:
        entries = entries.filter(kind=kind)
    if ids is not None:
        entries = entries.filter(object_id__in=ids)
    if connection.vendor == "sqlite":
        gone = list(entries.values_list("pk", flat=True))
        with connection.cursor() as cursor:
            for start in range(0, len(gone), 500):
                chunk = gone[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {FTS} WHERE rowid IN ({marks})", chunk)  # noqa: S608
    entries.delete()


@transaction.atomic
def rebuild(kinds: Iterable[str] = KINDS) -> dict[str, int]:
    """Index every public item of ``kinds`` afresh; returns the entries per kind."""
    counts = {}
    for kind in kinds:
        _delete(kind)
        counts[kind] = _write(SOURCES[kind]())
    if not is_built():
        _write([(BUILT, 0, "", None, None, None, None, "", "")])  # with its (empty) tokens
    return counts


def is_built() -> bool:
    """Whether ``rebuild`` has run: until then the search scans the registries (a
    partial index would hide results)."""
    return SearchEntry.objects.filter(kind=BUILT, object_id=0).exists()


@transaction.atomic
def reindex(kind: str, ids: list[int]) -> None:
    """Re-index some items: gone or no longer public, their entries go."""
    _delete(kind, ids)
    _write(SOURCES[kind](ids))


def kind_of(obj) -> str | None:
    label = obj._meta.label_lower
    return {
        "commitments.commitment": "commitment",
        "records.dishonestyrecord": "record",
        "proposals.reply": "reply",
    }.get(label)


def on_change(obj=None, organisation=None) -> None:
    """After a recorded change (see ``integrity.core.page_cache.CHANGE_LISTENERS``)."""
    kind = kind_of(obj) if obj is not None else None
    if kind and obj.pk is not None and is_built():
        reindex(kind, [obj.pk])


def on_page(sender=None, instance=None, **_kwargs) -> None:
    """Wagtail page (un)published."""
    if instance is not None and instance.pk is not None and is_built():
        reindex("page", [instance.pk])


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished

    from integrity.core.page_cache import CHANGE_LISTENERS

    if on_change not in CHANGE_LISTENERS:
        CHANGE_LISTENERS.append(on_change)
    page_published.connect(on_page, dispatch_uid="search-index-published")
    page_unpublished.connect(on_page, dispatch_uid="search-index-unpublished")


# --- searching ----------------------------------------------------------------------------


class Results:
    """Ranked matches of ``filters`` as Candidates, sliced lazily (for a Paginator).

    At most ``CAP`` matches are counted and paged (``capped`` tells): counting every match
    of a word in a tenth of a million items would read them all. On PostgreSQL the ranking
    is title matches first, then the others, newest first within each: each part is read
    along the ``(day, id)`` index until a page is full (or, for a rare word, from the GIN
    bitmap), so a page never ranks every match."""

    CAP = 1000

    def __init__(self, filters) -> None:
        self.filters = filters
        self._count: int | None = None
        self.capped = False
        self.where, self.params = self._where()

    def _where(self) -> tuple[str, list]:
        f = self.filters
        today = timezone.localdate()
        where = ["(e.start IS NULL OR e.start <= %s)", "(e.until IS NULL OR e.until > %s)"]
        params: list = [today, today]
        if f.kind:
            where.append("e.kind = %s")
            params.append(f.kind)
        if f.organisation is not None:
            where.append("e.organisation_path LIKE %s")
            params.append(f.organisation.path.replace("%", r"\%") + "%")
        if f.year:
            where.append("e.year = %s")
            params.append(f.year)
        return " AND ".join(where), params

    def _from(self) -> tuple[str, list]:
        table = connection.ops.quote_name(SearchEntry._meta.db_table)
        if connection.vendor == "postgresql":
            return (
                f"{table} e WHERE e.document @@ to_tsquery('simple', %s) AND {self.where}",
                [pg_query(self.filters.query), *self.params],
            )
        return (
            f"{FTS} JOIN {table} e ON e.id = {FTS}.rowid WHERE {FTS} MATCH %s AND {self.where}",
            [fts_query(self.filters.query), *self.params],
        )

    def count(self) -> int:
        if self._count is None:
            self._count = 0
            if _query_parts(self.filters.query):
                source, params = self._from()
                sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} LIMIT %s) AS m"  # noqa: S608
                with connection.cursor() as cursor:
                    cursor.execute(sql, [*params, self.CAP + 1])
                    found = cursor.fetchone()[0]
                self.capped = found > self.CAP
                self._count = min(found, self.CAP)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        from portal.search import Candidate

        if not isinstance(index, slice):
            return self[index : index + 1][0]
        start, stop = index.start or 0, index.stop
        if stop is None or stop <= start or not _query_parts(self.filters.query):
            return []
        stop = min(stop, self.CAP)
        if stop <= start:
            return []
        rows = self._pg_page(start, stop) if connection.vendor == "postgresql" else None
        if rows is None:
            source, params = self._from()
            sql = (
                f"SELECT e.kind, e.object_id, e.day FROM {source} "  # noqa: S608
                f"ORDER BY bm25({FTS}, 10.0, 1.0), e.day DESC, e.id DESC LIMIT %s OFFSET %s"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, [*params, stop - start, start])
                rows = cursor.fetchall()
        return [Candidate(kind, pk, False, _day(day)) for kind, pk, day in rows]

    def _pg_rows(self, condition: str, params: list, limit: int, offset: int) -> list:
        """One part of the ranking, newest first. For a common word (more than ``CAP``
        matches of ``condition``) the rows are read along the ``(day, id)`` index until
        the page is full: the planner underestimates phrases (老旧 <-> 旧小 <-> 小区) and would
        sort every match; for a rare one, the GIN bitmap and a sort of its few matches."""
        table = connection.ops.quote_name(SearchEntry._meta.db_table)
        source = f"{table} e WHERE {condition} AND {self.where}"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {source} LIMIT %s) AS m",  # noqa: S608
                [*params, *self.params, self.CAP + 1],
            )
            common = cursor.fetchone()[0] > self.CAP
            if common:
                cursor.execute("SET enable_bitmapscan = off")
            try:
                cursor.execute(
                    f"SELECT e.kind, e.object_id, e.day FROM {source} "  # noqa: S608
                    "ORDER BY e.day DESC, e.id DESC LIMIT %s OFFSET %s",
                    [*params, *self.params, limit, offset],
                )
                return cursor.fetchall()
            finally:
                if common:
                    cursor.execute("RESET enable_bitmapscan")

    def _pg_page(self, start: int, stop: int) -> list:
        """Title matches (newest first), then the other matches (newest first)."""
        query, title = pg_query(self.filters.query), pg_title_query(self.filters.query)
        in_title = "e.document @@ to_tsquery('simple', %s)"
        rows = self._pg_rows(in_title, [title], stop - start, start)
        if len(rows) == stop - start:
            return rows
        if rows or not start:
            titles = start + len(rows)
        else:  # the page starts after the title matches: how many are there?
            table = connection.ops.quote_name(SearchEntry._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT COUNT(*) FROM {table} e WHERE {in_title} AND {self.where}",  # noqa: S608
                    [title, *self.params],
                )
                titles = cursor.fetchone()[0]
        others = (
            "e.document @@ to_tsquery('simple', %s) AND NOT e.document @@ to_tsquery('simple', %s)"
        )
        return rows + self._pg_rows(
            others, [query, title], stop - start - len(rows), max(0, start - titles)
        )


def _day(value):
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


class _Replies(dict):
    """Published replies by key, loaded when first asked for (one page of hits)."""

    def __missing__(self, pk):
        from commitments.proposals import selectors

        reply = selectors.published_replies().select_related("assignment__item").get(pk=pk)
        self[pk] = reply
        return reply


def candidates(filters) -> tuple[Results, dict]:
    """What ``portal.search.search_candidates`` returns, from the index: the ranked
    matches (lazy) and the replies of the shown page."""
    return Results(filters), _Replies()
