"""The bigram search index (issue 17): same answers as the scan, from an index (GIN on
PostgreSQL, FTS5 on SQLite), ranked, two-character and one-character queries."""

import datetime

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commitments.services import progress_add
from portal import search_index
from portal.search import Filters, search_candidates
from portal.search_index import SearchEntry, fts_query, pg_query, tokens
from tests.search import factories as f

pytestmark = pytest.mark.django_db


def found(query, **kw):
    results, _replies = search_index.candidates(Filters(query=query, **kw))
    return list(results[0:100])


def kinds_found(query, **kw):
    return sorted(c.kind for c in found(query, **kw))


def test_text_is_cut_into_bigrams_and_queries_into_phrases():
    assert tokens("老旧小区停车难 A4纸 镇") == [
        "老旧",
        "旧小",
        "小区",
        "区停",
        "停车",
        "车难",
        "a4",
        "纸",
        "镇",
    ]
    assert pg_query("停车") == "(停车)"
    assert pg_query("停车难") == "(停车 <-> 车难)"
    assert pg_query("停 ppp") == "(停:*) & (ppp:*)"
    assert fts_query("停车难") == '"停车 车难"'
    assert fts_query("停") == '"停"*'


def test_a_two_character_query_finds_every_kind_and_never_unpublished_items(township, housing):
    f.published_commitment(township, title="老旧小区停车难")
    f.record(township)
    f.reply(housing, title="关于建议的答复", body="老旧小区停车难问题正在解决。")
    f.page(title="停车政策解读")
    f.draft_commitment(township, title="停车场草稿")
    f.published_commitment(township, title="停车场隐藏", is_public=False)
    f.record(township, title="停车场未公开", public=False)
    f.reply(housing, title="停车答复未公开", published=False)
    f.reply(housing, title="关于道路的答复", body="已安排。[secret]停车内部意见[/secret]")
    search_index.rebuild()

    assert kinds_found("停车") == ["commitment", "page", "record", "reply"]
    assert kinds_found("难停") == []
    assert kinds_found("道路") == ["reply"]
    for query in ("停车", "停车难", "小区停车", "难停", "道路", "答复"):  # as the scan finds
        scanned, _ = search_candidates(Filters(query=query))
        assert {(c.kind, c.pk) for c in found(query)} == {(c.kind, c.pk) for c in scanned}
    assert len(search_index.candidates(Filters(query="停车"))[0]) == 4


def test_title_matches_rank_first_and_a_single_character_is_a_prefix(township):
    content = f.published_commitment(township, title="小区整治", content="含停车位改造")
    title = f.published_commitment(township, title="停车场建设")
    search_index.rebuild(["commitment"])

    assert [c.pk for c in found("停车")] == [title.pk, content.pk]
    assert {c.pk for c in found("停")} == {title.pk, content.pk}


def test_filters_and_the_publication_window_of_records(township, other_township, housing):
    mine = f.published_commitment(township, title="停车一")
    f.published_commitment(other_township, title="停车二")
    f.record(township)
    gone = datetime.date.today() - datetime.timedelta(days=1)
    f.record(township, title="停车记录已过期", max_end_date=gone)
    f.reply(housing, title="停车答复", year=2025)
    search_index.rebuild()

    assert kinds_found("停车", kind="record") == ["record"]
    assert {(c.kind, c.pk) for c in found("停车", organisation=township)} >= {
        ("commitment", mine.pk)
    }
    assert "reply" not in {c.kind for c in found("停车", organisation=township)}
    assert kinds_found("停车", kind="reply", year=2025) == ["reply"]
    assert kinds_found("停车", kind="reply", year=2024) == []


def test_a_recorded_change_reindexes_the_item(township, django_capture_on_commit_callbacks):
    commitment = f.published_commitment(township, title="道路硬化")
    search_index.rebuild()
    assert found("停车") == []
    commitment.title = "道路与停车场"
    commitment.save()
    with django_capture_on_commit_callbacks(execute=True):
        progress_add(commitment=commitment, by=None, text="已开工")
    assert [c.pk for c in found("停车")] == [commitment.pk]


def test_the_search_page_uses_the_index_with_a_fixed_number_of_queries(client, township, housing):
    for i in range(3):
        f.published_commitment(township, title=f"停车{i}")
    f.reply(housing, title="停车答复")
    search_index.rebuild()
    assert SearchEntry.objects.filter(kind__in=["commitment", "reply"]).count() == 4

    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get("/search/", {"q": "停车"})
        assert response.status_code == 200 and "<mark>停车</mark>" in response.content.decode()
        return len(context.captured_queries)

    assert "<mark>停车</mark>答复" in client.get("/search/", {"q": "停车"}).content.decode()
    few = queries()
    for i in range(30):
        f.published_commitment(township, title=f"停车更多{i}")
    search_index.rebuild()
    assert queries() <= few  # one count, one page of ranked keys, the rows of that page
