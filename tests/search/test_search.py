"""Chinese substring search across the public registries and pages."""

import pytest

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from portal.search import Filters, highlight, search_candidates
from tests.factories import UserFactory
from tests.search import factories as f

pytestmark = pytest.mark.django_db


def kinds_found(query, **kw):
    candidates, _ = search_candidates(Filters(query=query, **kw))
    return sorted(c.kind for c in candidates)


def test_a_word_inside_chinese_text_is_found_in_every_kind(township, housing):
    f.published_commitment(township, title="老旧小区停车难")
    f.record(township)
    f.reply(housing, title="关于建议的答复", body="老旧小区停车难问题正在解决。")
    f.page(title="政策解读")

    assert kinds_found("停车") == ["commitment", "page", "record", "reply"]


def test_unpublished_items_are_never_found(township, housing):
    f.draft_commitment(township, title="停车场草稿")
    f.published_commitment(township, title="停车场隐藏", is_public=False)
    f.record(township, title="停车场未公开", public=False)
    f.reply(housing, title="停车答复未公开", published=False)
    f.page(title="停车草稿页", live=False)

    assert kinds_found("停车") == []


def test_withheld_parts_of_a_reply_do_not_match(housing):
    f.reply(housing, title="关于道路的答复", body="已安排。[secret]停车内部意见[/secret]")

    assert kinds_found("停车") == []
    assert kinds_found("道路") == ["reply"]


def test_title_matches_rank_before_content_matches_then_newest_first(township):
    old = f.published_commitment(township, title="停车场建设", deadline=f.TODAY)
    content = f.published_commitment(township, title="小区整治", content="含停车位改造")
    candidates, _ = search_candidates(Filters(query="停车"))

    assert [c.pk for c in candidates] == [old.pk, content.pk]
    assert candidates[0].title_match and not candidates[1].title_match


def test_filters_by_type_organisation_and_year(township, other_township, housing):
    mine = f.published_commitment(township, title="停车一")
    f.published_commitment(other_township, title="停车二")
    f.record(township)
    f.reply(housing, title="停车答复", year=2025)

    assert kinds_found("停车", kind="record") == ["record"]
    org_hits, _ = search_candidates(Filters(query="停车", organisation=township))
    assert {(c.kind, c.pk) for c in org_hits} >= {("commitment", mine.pk)}
    assert "reply" not in {c.kind for c in org_hits}
    assert kinds_found("停车", kind="reply", year=2025) == ["reply"]
    assert kinds_found("停车", kind="reply", year=2024) == []


def test_snippets_escape_user_text():
    html = highlight("<script>alert(1)</script>停车难", "停车")

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>停车</mark>" in html


def test_the_page_highlights_without_injecting_html(client, township):
    f.published_commitment(township, title="<b>停车</b>难")
    response = client.get("/search/", {"q": "<b>停车"})

    body = response.content.decode()
    assert response.status_code == 200
    assert "&lt;b&gt;停车" in body
    assert "<b>停车" not in body


def test_anonymous_visitors_can_search(client, township):
    commitment = f.published_commitment(township)
    response = client.get("/search/", {"q": "停车"})

    assert response.status_code == 200
    assert commitment.get_absolute_url() in response.content.decode()


def test_a_user_of_another_organisation_sees_only_public_items(client, township, other_township):
    f.published_commitment(township, title="停车公开")
    f.draft_commitment(township, title="停车草稿")
    client.force_login(UserFactory(organisation=other_township, role="operator"))
    body = client.get("/search/", {"q": "停车"}).content.decode()

    assert "停车公开" in body.replace("<mark>", "").replace("</mark>", "")
    assert "草稿" not in body


def _queries_page(client, page):
    cache.clear()  # rows were made without services, so no event invalidated the page cache
    with CaptureQueriesContext(connection) as context:
        assert client.get("/search/", {"q": "停车", "page": page}).status_code == 200
    return len(context.captured_queries)


def _queries(client):
    return _queries_page(client, 1)


def test_a_results_page_takes_the_same_number_of_queries_however_many_rows(
    client, township, housing
):
    def add(n):
        for i in range(n):
            f.published_commitment(township, title=f"停车{i}")
            f.record(township, title=f"停车记录{i}")
            f.reply(housing, title=f"停车答复{i}")
            f.page(title=f"停车页面{i}")

    add(2)
    _queries(client)  # warm the per-process caches (content types, site root paths)
    few = _queries(client)
    add(10)

    # Never more queries with more rows (a later page may hold fewer kinds, so fewer).
    assert _queries(client) <= few
    assert _queries_page(client, 2) <= few
