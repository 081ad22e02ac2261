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
def test_without_any_calendar_data_the_holiday_law_still_applies_and_is_provisional():
    result = add_working_days(D(2025, 9, 30), 3)
    # By the law alone: 国庆 1-3 October and 中秋 (6 October 2025); the State Council's
    # make-up days and the extra days of its notice are unknown without the calendar.
    assert result.value == D(2025, 10, 9)
    assert result.provisional is True
    assert [name for _day, name in result.skipped] == ["国庆节"] * 3 + ["中秋节"]


@pytest.mark.usefixtures("calendar")
class TestFallbackYear:
    """2027 has no State Council notice yet: the national holiday law's dates still count."""

    def test_five_working_days_after_28_december_2026_skip_new_years_day_2027(self):
        result = add_working_days(D(2026, 12, 28), 5)
        # 29, 30, 31 December; 1 January 2027 is 元旦 (a Friday); then 4 and 5 January.
        assert result.value == D(2027, 1, 5)
        assert result.provisional is True
        assert result.skipped == ((D(2027, 1, 1), "元旦"),)

    @pytest.mark.parametrize(
        ("day", "name"),
        [
            (D(2027, 2, 5), "春节"),  # 除夕 (lunar 12-29, the day before 正月初一 2027-02-06)
            (D(2027, 2, 8), "春节"),  # 正月初三 falls on a Monday
            (D(2027, 4, 5), "清明节"),  # the Qingming solar term
            (D(2027, 5, 3), "劳动节"),  # not a holiday: only 1 and 2 May are (a Monday here)
            (D(2027, 6, 9), "端午节"),  # lunar 5-5
            (D(2027, 9, 15), "中秋节"),  # lunar 8-15
            (D(2027, 10, 1), "国庆节"),
        ],
    )
    def test_the_laws_holidays_fall_on_their_legal_dates(self, day, name):
        from integrity.core.workdays import WorkingCalendar

        cal = WorkingCalendar(D(2027, 1, 1), D(2027, 12, 31))
        if day == D(2027, 5, 3):
            assert cal.is_working_day(day) is True
            assert cal.names[D(2027, 5, 1)] == name
        else:
            assert cal.is_working_day(day) is False
            assert cal.names[day] == name

    def test_a_published_arrangement_replaces_the_fallback(self):
        from integrity.core.models import CalendarYear

        CalendarYear.objects.create(year=2027, source="国办发明电〔2026〕")
        result = add_working_days(D(2026, 12, 28), 5)
        assert result.value == D(2027, 1, 4)  # no 2027 holiday entered yet: the notice rules
        assert result.provisional is False

    def test_the_2013_law_gave_three_spring_festival_days_from_the_first_day(self):
        from integrity.core.workdays import statutory_holidays

        days = statutory_holidays([2024])
        spring = sorted(d for d, name in days.items() if name == "春节")
        assert spring == [D(2024, 2, 10), D(2024, 2, 11), D(2024, 2, 12)]
        assert sorted(d for d, n in days.items() if n == "劳动节") == [D(2024, 5, 1)]


@pytest.mark.django_db
def test_the_sysadmin_edits_the_holiday_law_rows_in_the_back_office_and_it_is_logged(client):
    from django.urls import reverse

    from integrity.core.models import Event, StatutoryHoliday
    from tests.factories import OperatorFactory, SysadminFactory

    labour = StatutoryHoliday.objects.get(festival="labour", valid_to__isnull=True)
    assert add_working_days(D(2027, 4, 30), 1).value == D(2027, 5, 3)
    client.force_login(OperatorFactory(username="clerk"))
    assert client.get(reverse("core_statutoryholiday:index")).status_code == 200
    assert client.get(reverse("core_statutoryholiday:edit", args=[labour.pk])).status_code != 200
    client.force_login(SysadminFactory(username="sa"))
    url = reverse("core_statutoryholiday:edit", args=[labour.pk])
    page = client.get(url)
    assert "劳动节" in page.content.decode()
    form = page.context["form"]
    values = {name: form[name].value() for name in form.fields}
    data = {name: "" if value is None else value for name, value in values.items()}
    data["days"] = 3
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    assert add_working_days(D(2027, 4, 30), 1).value == D(2027, 5, 4)
    event = Event.objects.get(type="rule.saved")
    assert event.details["fields"] == ["days"]
    client.logout()
    assert client.get(reverse("core_statutoryholiday:index")).status_code == 302


@pytest.mark.django_db
def test_an_operator_reads_the_national_calendar_but_cannot_change_it(client):
    from integrity.core.models import CalendarDay
    from tests.factories import OperatorFactory

    day = CalendarDay.objects.create(date=D(2026, 10, 1), kind="holiday", name="国庆节")
    client.force_login(OperatorFactory(username="clerk2"))
    for name in ("calendarday", "calendaryear"):
        assert client.get(f"/admin/{name}/").status_code == 200
    assert "国庆节" in client.get("/admin/calendarday/").content.decode()
    assert client.get(f"/admin/calendarday/edit/{day.pk}/").status_code != 200
