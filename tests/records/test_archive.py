"""The civil-servant archive: entries, training coverage, the printable credit check."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from integrity.records import archive, services
from integrity.records.models import CreditCheck, OfficialEntry

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def official(hr_user, township):
    return services.official_create(
        by=hr_user,
        organisation=township,
        name="张三",
        post="副镇长",
        id_number="350102198001011234",
    )


def test_training_and_exams_are_recorded_with_hours_and_results(official, hr_user):
    entry = archive.archive_entry_add(
        official=official,
        by=hr_user,
        kind="training",
        date=TODAY,
        title="诚信教育专题培训",
        hours="4",
    )
    assert entry.hours == 4
    exam = archive.archive_entry_add(
        official=official,
        by=hr_user,
        kind="exam",
        date=TODAY,
        title="诚信知识测试",
        score="92",
        passed=True,
    )
    assert (exam.score, exam.passed) == (92, True)
    with pytest.raises(ValidationError):
        archive.archive_entry_add(
            official=official, by=hr_user, kind="training", date=TODAY, title="培训"
        )
    with pytest.raises(ValidationError):
        archive.archive_entry_add(
            official=official, by=hr_user, kind="exam", date=TODAY, title="测试", score="abc"
        )
    assert OfficialEntry.objects.count() == 2


def test_coverage_rates_per_unit(official, hr_user, township):
    other = services.official_create(by=hr_user, organisation=township, name="李四")
    archive.archive_entry_add(
        official=official, by=hr_user, kind="training", date=TODAY, title="培训", hours=2
    )
    archive.archive_entry_add(
        official=other, by=hr_user, kind="exam", date=TODAY, title="考试", score=50, passed=False
    )
    (row,) = archive.coverage(hr_user, year=TODAY.year)
    assert (row["unit"], row["total"], row["trained"], row["examined"]) == (township, 2, 1, 0)
    assert row["training_rate"] == 0.5
    assert archive.coverage(hr_user, year=TODAY.year - 1)[0]["trained"] == 0


def test_a_recent_violation_flags_the_recruitment_check(official, hr_user):
    assert (
        services.credit_check(official=official, purpose="recruitment", by=hr_user).result
        == "clear"
    )
    archive.archive_entry_add(
        official=official, by=hr_user, kind="violation", date=TODAY, title="违规收受礼品"
    )
    check = services.credit_check(official=official, purpose="recruitment", by=hr_user)
    assert check.result == "flagged" and "违规收受礼品" in check.reasons[0]
    assert f"{TODAY.year}年{TODAY.month}月{TODAY.day}日" in check.reasons[0]  # not ISO


def test_a_live_record_flags_recruitment(official, hr_user, make_record):
    make_record(official=official, title="违规决策")
    check = services.credit_check(official=official, purpose="recruitment", by=hr_user)
    assert check.result == CreditCheck.Result.FLAGGED


def test_hr_adds_entries_and_prints_the_check_from_the_official_page(client, official, hr_user):
    client.force_login(hr_user)
    inspect = reverse("records_official:inspect", args=[official.pk])
    assert "加入档案" in client.get(inspect).content.decode()
    url = reverse("records_archive_entry", args=[official.pk])
    response = client.post(url, {"kind": "training", "date": "", "title": "培训"}, follow=True)
    assert "请填写日期" in response.content.decode()
    assert not OfficialEntry.objects.exists()
    client.post(url, {"kind": "training", "date": TODAY.isoformat(), "title": "培训", "hours": "3"})
    assert OfficialEntry.objects.get().hours == 3
    client.post(reverse("records_admin_credit_check", args=[official.pk]), {"purpose": "promotion"})
    check = CreditCheck.objects.get()
    response = client.get(reverse("records_credit_check_pdf", args=[check.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content[:4] == b"%PDF"
    page = client.get(reverse("records_archive_coverage")).content.decode()
    assert "石桥镇" in page and "100%" in page


def test_another_organisation_and_anonymous_are_refused(client, official, hr_user, other_township):
    from tests.factories import UserFactory

    check = services.credit_check(official=official, purpose="award", by=hr_user)
    pdf = reverse("records_credit_check_pdf", args=[check.pk])
    entry = reverse("records_archive_entry", args=[official.pk])
    coverage = reverse("records_archive_coverage")
    assert "/login/" in client.get(pdf).url
    assert "/login/" in client.get(coverage).url
    assert "/login/" in client.post(entry, {"kind": "violation", "title": "x"}).url
    client.force_login(UserFactory(organisation=other_township, role="hr"))
    assert client.get(pdf).status_code == 404
    assert (
        client.post(entry, {"kind": "violation", "title": "x", "date": "2026-01-01"}).status_code
        == 404
    )
    assert "石桥镇" not in client.get(coverage).content.decode()
    assert not OfficialEntry.objects.exists()
