"""A working-day deadline that reaches into a year without a State Council notice says so."""

import datetime

import pytest

from integrity.core.models import Notice
from integrity.records import services

pytestmark = pytest.mark.usefixtures("calendar")


def test_the_unit_is_told_its_explanation_deadline_is_provisional(make_record, credit_officer):
    record = make_record(status="confirmed")
    services.record_notify(record=record, by=credit_officer, on=datetime.date(2026, 12, 28))
    record.refresh_from_db()
    assert record.explanation_due.year == 2027
    notice = Notice.objects.get(organisation=record.organisation, title__contains=record.title)
    due = record.explanation_due
    assert f"{due.year}年{due.month}月{due.day}日（暂定）" in notice.body


def test_a_deadline_inside_a_year_with_a_notice_is_not_marked(make_record, credit_officer):
    record = make_record(status="confirmed")
    services.record_notify(record=record, by=credit_officer, on=datetime.date(2026, 6, 1))
    notice = Notice.objects.get(organisation=record.organisation, title__contains=record.title)
    assert "暂定" not in notice.body
    assert "2026年6月" in notice.body
