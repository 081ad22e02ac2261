"""Computed deadlines shown with how they were computed and whether they are provisional."""

import datetime

import pytest

from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from commitments.proposals.models import Assignment
from integrity.core.templatetags.deadline_tags import explain, explained_span
from integrity.core.workdays import add_working_days, working_days_between
from integrity.records import services as records
from integrity.records.models import Objection

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_five_working_days_after_2026_12_28_skip_new_year_and_are_provisional(calendar):
    # must-hold 3: 2027 has no State Council notice in the seeded calendar
    due = add_working_days(D(2026, 12, 28), 5)
    assert due.value == D(2027, 1, 5) and due.provisional
    html = str(explained_span(due.value, D(2026, 12, 28), "workdays"))
    assert "2027年1月5日" in html and "暂定" in html
    assert "2026年12月28日起计算5个工作日" in html
    assert "2027年1月1日（元旦）" in html  # not counted, with the reason


def test_an_objection_deadline_is_explained_from_the_day_it_was_received(calendar):
    objection = Objection(
        received_on=D(2026, 12, 28), due_date=add_working_days(D(2026, 12, 28), 5).value
    )
    html = Template('{% load deadline_tags %}{% explained_deadline o "due_date" %}').render(
        Context({"o": objection})
    )
    assert 'class="deadline-explained"' in html and "暂定" in html and "元旦" in html


def test_a_known_year_is_not_provisional_and_says_so_by_omission(calendar):
    text = explain(D(2026, 10, 12), D(2026, 9, 28))
    counted = working_days_between(D(2026, 9, 28), D(2026, 10, 12))
    assert f"{counted.value}个工作日" in text and "国庆" in text and "暂定" not in text


def test_a_reply_deadline_counts_calendar_months_from_the_round_start():
    assignment = Assignment(round_started_on=D(2026, 3, 2), deadline=D(2026, 6, 2))
    html = Template('{% load deadline_tags %}{% explained_deadline a "deadline" %}').render(
        Context({"a": assignment})
    )
    assert "2026年3月2日起计算3个月（按日历月）" in html and "2026年6月2日" in html


def test_an_undeclared_deadline_is_shown_as_the_deadline_filter_shows_it():
    from integrity.core.display import deadline_html

    objection = Objection(received_on=D(2026, 3, 2), due_date=D(2026, 3, 20))
    html = Template('{% load deadline_tags %}{% explained_deadline o "received_on" %}').render(
        Context({"o": objection})
    )
    assert html == str(deadline_html(D(2026, 3, 2)))


def test_the_citizen_sees_how_the_answer_deadline_was_computed(
    client, calendar, township, operator
):
    complaint = records.complaint_submit(
        organisation=township, topic="debt", title="工程款拖欠", text="未付款"
    )
    records.complaint_route(complaint=complaint, by=operator)
    complaint.refresh_from_db()
    today = timezone.localdate()
    page = client.get(reverse("records:track_detail", args=[complaint.tracking_number]))
    html = page.content.decode()
    counted = working_days_between(today, complaint.answer_due).value
    assert page.status_code == 200
    assert "deadline-explained" in html and f"起计算{counted}个工作日" in html
