"""Chinese full-text search across the public registries and the portal's pages.

Chinese has no spaces between words, so a word-based full-text engine would not find
停车 inside 老旧小区停车难. Substring matching (``icontains``) finds it on SQLite and
PostgreSQL alike, with no external service. Only what is public is searched: the
published-only querysets of each registry are the base of every query.

A search runs in two steps with a fixed number of queries however many rows match:
``search_candidates`` fetches (kind, id, title match, date) for every match, one query
per source, which are ranked in Python (title match first, then the most recent);
``load_hits`` then loads the full rows of one page of results, one query per source.
"""

import datetime
import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, DateTimeField, Q, Value, When
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from wagtail.models import Page, get_page_models

from commitments.models import Commitment
from commitments.proposals import selectors as proposal_selectors
from integrity.core.models import Organisation
from integrity.records.models import DishonestyRecord
from portal import search_index

KINDS = {
    "unit": _("Unit"),
    "commitment": _("Commitment"),
    "record": _("Dishonesty record"),
    "reply": _("NPC/CPPCC reply"),
    "page": _("Page"),
}
PAGE_TEXT_FIELDS = ("summary", "intro", "body")
PER_PAGE = 20
MAX_QUERY_LENGTH = 50


@dataclass(frozen=True)
class Candidate:
    kind: str
    pk: int
    title_match: bool
    day: datetime.date | None

    @property
    def sort_key(self) -> tuple:
        ordinal = self.day.toordinal() if self.day else 0
        # A unit named (or coded) by the query comes before what it published.
        return (not self.title_match, self.kind != "unit", -ordinal, self.kind, -self.pk)


@dataclass
class Hit:
    kind: str
    kind_label: str
    title: SafeString
    url: str
    snippet: SafeString
    organisation: str
    day: datetime.date | None


@dataclass(frozen=True)
class Filters:
    query: str
    kind: str = ""
    organisation: Organisation | None = None
    year: int | None = None


# --- highlighting -------------------------------------------------------------------------


def highlight(text: str, query: str, *, width: int = 60) -> SafeString:
    """Escape ``text`` and wrap the first match of ``query`` in <mark>, cut around it."""
    text = " ".join((text or "").split())
    found = text.lower().find(query.lower()) if query else -1
    if found < 0:
        cut = text[: width * 2]
        return mark_safe(escape(cut) + ("…" if len(text) > len(cut) else ""))  # noqa: S308
    start = max(found - width, 0)
    end = min(found + len(query) + width, len(text))
    parts = [
        "…" if start else "",
        escape(text[start:found]),
        "<mark>",
        escape(text[found : found + len(query)]),
        "</mark>",
        escape(text[found + len(query) : end]),
        "…" if end < len(text) else "",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text is escaped


def _matches(query: str, *fields: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": query})
    return condition


def _title_hit(query: str, *, title: str = "title", also: str = "") -> Case:
    """True where the title (or the identifier field ``also``) contains the query."""
    condition = Q(**{f"{title}__icontains": query})
    if also:
        condition |= Q(**{f"{also}__iexact": query})
    return Case(
        When(condition, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _as_date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return value


# --- candidates, one query per source ------------------------------------------------------


def _commitment_candidates(filters: Filters) -> list[Candidate]:
    q = filters.query
    rows = Commitment.objects.published().filter(
        _matches(q, "title", "content", "target", "organisation__name", "organisation__uscc")
    )
    rows = rows.annotate(
        hit=_title_hit(q, also="organisation__uscc"),
        day=Coalesce("published_at", "created_at", output_field=DateTimeField()),
    )
    if filters.organisation:
        rows = rows.filter(organisation__path__startswith=filters.organisation.path)
    if filters.year:
        rows = rows.filter(deadline__year=filters.year)
    return [
        Candidate("commitment", pk, hit, _as_date(day))
        for pk, hit, day in rows.values_list("pk", "hit", "day")
    ]


def _record_candidates(filters: Filters) -> list[Candidate]:
    q = filters.query
    rows = DishonestyRecord.objects.public().filter(
        _matches(
            q,
            "title",
            "legal_basis",
            "deciding_body",
            "decision_number",
            "organisation__name",
            "organisation__uscc",
        )
    )
    rows = rows.annotate(hit=_title_hit(q, also="decision_number"))
    if filters.organisation:
        rows = rows.filter(organisation__path__startswith=filters.organisation.path)
    if filters.year:
        rows = rows.filter(determination_date__year=filters.year)
    return [
        Candidate("record", pk, hit, day)
        for pk, hit, day in rows.values_list("pk", "hit", "determination_date")
    ]


def _reply_text(reply) -> str:
    return f"{reply.assignment.item.title} {reply.public_text()}"


def _reply_candidates(filters: Filters) -> tuple[list[Candidate], dict[int, Any]]:
    """Replies are checked on their *published* text, so withheld parts never match."""
    q = filters.query
    rows = proposal_selectors.published_replies().filter(
        _matches(q, "title", "summary", "body", "assignment__item__title", "assignment__unit__name")
    )
    if filters.organisation:
        rows = rows.filter(assignment__unit__path__startswith=filters.organisation.path)
    if filters.year:
        rows = rows.filter(assignment__item__year=filters.year)
    found, loaded = [], {}
    needle = q.lower()
    for reply in rows:
        in_title = needle in reply.title.lower()
        text = f"{_reply_text(reply)} {reply.assignment.unit.name}".lower()
        if in_title or needle in text:
            found.append(Candidate("reply", reply.pk, in_title, reply.sent_on))
            loaded[reply.pk] = reply
    return found, loaded


def _page_text_condition(query: str) -> Q:
    """Pages whose own text fields contain ``query``, whatever their type.

    StreamField bodies are JSON: stored with ``\\uXXXX`` escapes on SQLite and as
    characters on PostgreSQL, so both spellings are tried (no database-specific code).
    """
    escaped = json.dumps(query)[1:-1]
    spellings = {query, escaped}
    condition = Q()
    for model in get_page_models():
        if model._meta.abstract or model is Page:
            continue
        names = [f.name for f in model._meta.local_concrete_fields if f.name in PAGE_TEXT_FIELDS]
        if not names:
            continue
        inner = Q()
        for name in names:
            for spelling in spellings:
                inner |= Q(**{f"{name}__icontains": spelling})
        condition |= Q(pk__in=model.objects.filter(inner).values("pk"))
    return condition


def _page_candidates(filters: Filters) -> list[Candidate]:
    if filters.organisation:
        return []
    q = filters.query
    rows = (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .filter(_matches(q, "title", "search_description") | _page_text_condition(q))
        .annotate(hit=_title_hit(q))
    )
    if filters.year:
        rows = rows.filter(last_published_at__year=filters.year)
    return [
        Candidate("page", pk, hit, _as_date(day))
        for pk, hit, day in rows.values_list("pk", "hit", "last_published_at")
    ]


def _unit_candidates(filters: Filters) -> list[Candidate]:
    """Units by name, short name or unified social credit code (USCC)."""
    if filters.year:
        return []
    q = filters.query
    rows = Organisation.objects.active().filter(_matches(q, "name", "short_name", "uscc"))
    if filters.organisation:
        rows = rows.filter(path__startswith=filters.organisation.path)
    rows = rows.annotate(hit=_title_hit(q, title="name", also="uscc"))
    return [Candidate("unit", pk, hit, None) for pk, hit in rows.values_list("pk", "hit")]


def search_candidates(filters: Filters) -> tuple[list[Candidate], dict[int, Any]]:
    """Every public match for ``filters``, best first; plus the replies already loaded."""
    if not filters.query:
        return [], {}
    sources = {
        "unit": _unit_candidates,
        "commitment": _commitment_candidates,
        "record": _record_candidates,
        "page": _page_candidates,
    }
    found: list[Candidate] = []
    replies: dict[int, Any] = {}
    for kind, source in sources.items():
        if filters.kind in ("", kind):
            found += source(filters)
    if filters.kind in ("", "reply"):
        reply_hits, replies = _reply_candidates(filters)
        found += reply_hits
    found.sort(key=lambda c: c.sort_key)
    return found, replies


# --- loading one page of hits --------------------------------------------------------------


def _walk_text(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() if key != "type" for text in _walk_text(item)]
    if isinstance(value, list | tuple):
        return [text for item in value for text in _walk_text(item)]
    return []


def _page_text(page: Page) -> str:
    parts = [page.search_description]
    for name in PAGE_TEXT_FIELDS:
        value = getattr(page, name, None)
        if value is None:
            continue
        raw = getattr(value, "raw_data", None)
        parts += _walk_text(list(raw)) if raw is not None else [str(value)]
    return " ".join(strip_tags(p) for p in parts if p)


def _unit_hits(ids: list[int], q: str) -> dict[int, Hit]:
    rows = Organisation.objects.filter(pk__in=ids).select_related("parent")
    return {
        o.pk: Hit(
            "unit",
            str(KINDS["unit"]),
            highlight(o.name, q, width=200),
            reverse("unit_profile", args=[o.pk]),
            highlight(f"{o.get_level_display()} {o.uscc}", q),
            o.parent.name if o.parent else "",
            None,
        )
        for o in rows
    }


def _commitment_hits(ids: list[int], q: str) -> dict[int, Hit]:
    rows = Commitment.objects.filter(pk__in=ids).select_related("organisation")
    return {
        c.pk: Hit(
            "commitment",
            str(KINDS["commitment"]),
            highlight(c.title, q, width=200),
            c.get_absolute_url(),
            highlight(f"{c.content} {c.target}", q),
            c.organisation.name,
            c.deadline,
        )
        for c in rows
    }


def _record_hits(ids: list[int], q: str) -> dict[int, Hit]:
    rows = DishonestyRecord.objects.filter(pk__in=ids).select_related("organisation")
    return {
        r.pk: Hit(
            "record",
            str(KINDS["record"]),
            highlight(r.title, q, width=200),
            r.get_absolute_url(),
            highlight(f"{r.legal_basis} {r.deciding_body}", q),
            r.organisation.name,
            r.determination_date,
        )
        for r in rows
    }


def _reply_hits(replies: dict[int, Any], ids: list[int], q: str) -> dict[int, Hit]:
    return {
        pk: Hit(
            "reply",
            str(KINDS["reply"]),
            highlight(replies[pk].title, q, width=200),
            reverse("proposals:reply_detail", args=[pk]),
            highlight(_reply_text(replies[pk]), q),
            replies[pk].assignment.unit.name,
            replies[pk].sent_on,
        )
        for pk in ids
    }


def _page_hits(ids: list[int], q: str, request: HttpRequest | None) -> dict[int, Hit]:
    rows = Page.objects.filter(pk__in=ids).specific()
    return {
        p.pk: Hit(
            "page",
            str(KINDS["page"]),
            highlight(p.title, q, width=200),
            p.get_url(request) or "",
            highlight(_page_text(p), q),
            "",
            _as_date(p.last_published_at),
        )
        for p in rows
    }


def load_hits(
    candidates: list[Candidate],
    *,
    query: str,
    replies: dict[int, Any],
    request: HttpRequest | None = None,
) -> list[Hit]:
    """Full hits for one page of candidates, in the candidates' order."""
    ids: dict[str, list[int]] = {kind: [] for kind in KINDS}
    for candidate in candidates:
        ids[candidate.kind].append(candidate.pk)
    loaded = {
        "unit": _unit_hits(ids["unit"], query) if ids["unit"] else {},
        "commitment": _commitment_hits(ids["commitment"], query) if ids["commitment"] else {},
        "record": _record_hits(ids["record"], query) if ids["record"] else {},
        "reply": _reply_hits(replies, ids["reply"], query),
        "page": _page_hits(ids["page"], query, request) if ids["page"] else {},
    }
    return [loaded[c.kind][c.pk] for c in candidates if c.pk in loaded[c.kind]]


# --- the view ----------------------------------------------------------------------------


def filters_from(params) -> Filters:
    query = " ".join((params.get("q") or "").split())[:MAX_QUERY_LENGTH]
    kind = params.get("type") or ""
    organisation = None
    if (org := params.get("organisation") or "").isdigit():
        organisation = Organisation.objects.filter(pk=int(org)).first()
    year = params.get("year") or ""
    return Filters(
        query=query,
        kind=kind if kind in KINDS else "",
        organisation=organisation,
        year=int(year) if re.fullmatch(r"\d{4}", year) else None,
    )


def _query_string(params, **changes) -> str:
    values = {k: params.get(k, "") for k in ("q", "type", "organisation", "year")}
    values.update(changes)
    return urlencode({k: v for k, v in values.items() if v})


@require_GET
def search_view(request: HttpRequest) -> HttpResponse:
    """/search/: one box across commitments, records, replies and pages."""
    filters = filters_from(request.GET)
    if search_index.is_built():  # the bigram index (issue 17); else a scan of the registries
        candidates, replies = search_index.candidates(filters)
    else:
        candidates, replies = search_candidates(filters)
    page = Paginator(candidates, PER_PAGE).get_page(request.GET.get("page"))
    hits = load_hits(list(page), query=filters.query, replies=replies, request=request)
    organisations = Organisation.objects.active().order_by("path").only("pk", "name", "depth")
    context = {
        "filters": filters,
        "params": request.GET,
        "kinds": [(key, str(label)) for key, label in KINDS.items()],
        "organisations": organisations,
        "page_obj": page,
        "hits": hits,
        "total": len(candidates),
        "total_capped": getattr(candidates, "capped", False),  # the index counts ≤ 1,000
        "previous_query": _query_string(request.GET, page=page.number - 1),
        "next_query": _query_string(request.GET, page=page.number + 1),
    }
    return render(request, "portal/search/search.html", context)
