import datetime

import pytest

from integrity.records.models import RecordStatus, Severity, SourceType
from integrity.records.services import publication_rule_for, record_create

D = datetime.date
pytestmark = pytest.mark.django_db


def _record(township, severity, day):
    return record_create(
        by=None,
        organisation=township,
        title="t",
        source=SourceType.BREACH,
        severity=severity,
        determination_date=day,
    )


def test_a_general_record_of_2026_04_15_is_publishable_until_2027_04_15_and_repairable_from_july(
    township,
):
    record = _record(township, Severity.GENERAL, D(2026, 4, 15))
    assert record.min_end_date == D(2026, 7, 15)
    assert record.max_end_date == D(2027, 4, 15)
    assert record.status == RecordStatus.DRAFT
    assert record.publication_rule.source == "国家发展改革委令2025年第36号"


def test_a_record_determined_in_2024_follows_the_2023_rules(township):
    record = _record(township, Severity.GENERAL, D(2024, 6, 1))
    assert record.min_end_date == D(2024, 9, 1)
    assert record.max_end_date == D(2027, 6, 1)


@pytest.mark.parametrize(
    ("day", "source"),
    [
        (D(2023, 4, 30), "发改办财金〔2019〕527号"),
        (D(2023, 5, 1), "国家发展改革委令2023年第58号"),
        (D(2026, 3, 31), "国家发展改革委令2023年第58号"),
        (D(2026, 4, 1), "国家发展改革委令2025年第36号"),
    ],
)
def test_the_rule_generation_changes_exactly_at_its_first_day(day, source):
    assert publication_rule_for(severity=Severity.SERIOUS, determination_date=day).source == source


def test_serious_records_follow_each_generation(township):
    assert _record(township, Severity.SERIOUS, D(2020, 1, 31)).min_end_date == D(2020, 7, 31)
    new = _record(township, Severity.SERIOUS, D(2026, 4, 1))
    assert (new.min_end_date, new.max_end_date) == (D(2027, 4, 1), D(2029, 4, 1))


def test_minor_records_under_2026_rules_are_not_published_unless_the_office_chooses(township):
    record = _record(township, Severity.MINOR, D(2026, 5, 1))
    assert record.publish is False
    assert record.max_end_date == D(2026, 8, 1)
    chosen = record_create(
        by=None,
        organisation=township,
        title="t",
        source=SourceType.BREACH,
        severity=Severity.MINOR,
        determination_date=D(2026, 5, 1),
        publish=True,
    )
    assert chosen.publish is True


def test_month_ends_are_counted_as_calendar_months(township):
    record = _record(township, Severity.GENERAL, D(2026, 11, 30))
    assert record.min_end_date == D(2027, 2, 28)


def test_a_local_rule_overrides_the_national_one_for_its_subtree(township, county):
    from integrity.records.models import PublicationRule

    PublicationRule.objects.create(
        jurisdiction=county,
        valid_from=D(2026, 4, 1),
        min_months=6,
        max_months=12,
        severity=Severity.GENERAL,
        source="本地",
    )
    assert _record(township, Severity.GENERAL, D(2026, 4, 15)).min_end_date == D(2026, 10, 15)
