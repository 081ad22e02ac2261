import datetime

import pytest

from django.template import Context, Template

from integrity.core.display import cn_date, deadline_html

D = datetime.date


def render(source: str, **context) -> str:
    return Template("{% load integrity_tags %}" + source).render(Context(context))


def test_cn_date_writes_the_chinese_form():
    assert cn_date(D(2026, 12, 31)) == "2026年12月31日"
    assert cn_date(None) == ""


@pytest.mark.usefixtures("calendar")
def test_a_deadline_in_a_year_with_a_notice_is_plain():
    html = render("{{ d|deadline }}", d=D(2026, 12, 31))
    assert html == '<time datetime="2026-12-31">2026年12月31日</time>'


@pytest.mark.usefixtures("calendar")
def test_a_deadline_in_the_fallback_year_is_marked_provisional_with_the_reason():
    from integrity.core.workdays import add_working_days

    due = add_working_days(D(2026, 12, 28), 5).value
    html = str(deadline_html(due))
    assert "2027年1月5日" in html
    assert "（暂定）" in html
    assert "尚未公布2027年" in html


@pytest.mark.django_db
def test_loading_the_years_notice_lifts_the_mark(django_capture_on_commit_callbacks):
    from integrity.core.services import calendar_seed

    assert "暂定" in render("{{ d|deadline }}", d=D(2025, 5, 6))
    with django_capture_on_commit_callbacks(execute=True):
        calendar_seed(years=range(2025, 2026))
    assert "暂定" not in render("{{ d|deadline }}", d=D(2025, 5, 6))


def test_an_empty_deadline_is_a_dash():
    assert render("{{ d|deadline }}", d=None) == "—"
