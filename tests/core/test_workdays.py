import datetime

import pytest

from integrity.core.services import calendar_day_save
from integrity.core.workdays import add_working_days, is_working_day, working_days_between

D = datetime.date


@pytest.mark.usefixtures("calendar")
class TestStatutoryCalendar:
    def test_a_make_up_sunday_is_a_working_day(self):
        result = is_working_day(D(2025, 9, 28))
        assert result.value is True
        assert result.provisional is False

    def test_a_national_day_holiday_is_not_a_working_day(self):
        assert is_working_day(D(2025, 10, 8)).value is False

    def test_three_working_days_after_30_september_2025_is_11_october(self):
        result = add_working_days(D(2025, 9, 30), 3)
        assert result.value == D(2025, 10, 11)
        assert result.provisional is False

    def test_counting_working_days_across_the_holiday(self):
        assert working_days_between(D(2025, 9, 30), D(2025, 10, 11)).value == 3
        assert working_days_between(D(2025, 10, 11), D(2025, 9, 30)).value == -3

    def test_negative_offsets_go_backwards(self):
        assert add_working_days(D(2025, 10, 9), -1).value == D(2025, 9, 30)

    def test_a_year_without_data_falls_back_to_monday_to_friday_and_is_provisional(self):
        result = add_working_days(D(2027, 1, 29), 1)  # a Friday
        assert result.value == D(2027, 2, 1)
        assert result.provisional is True
        assert is_working_day(D(2027, 10, 1)).provisional is True

    def test_a_span_reaching_into_an_unknown_year_is_provisional(self):
        assert add_working_days(D(2026, 12, 28), 5).provisional is True

    def test_a_back_office_edit_changes_the_arithmetic_and_is_logged(self, operator):
        from integrity.core.models import Event

        calendar_day_save(day=D(2026, 6, 1), kind="holiday", name="演示假日", by=None)
        assert is_working_day(D(2026, 6, 1)).value is False
        assert Event.objects.filter(type="calendar.changed").exists()


@pytest.mark.django_db
def test_without_any_calendar_data_everything_is_provisional():
    result = add_working_days(D(2025, 9, 30), 3)
    assert result.value == D(2025, 10, 3)
    assert result.provisional is True
