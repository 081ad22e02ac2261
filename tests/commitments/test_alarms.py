import datetime

import pytest

from django.core import mail

from commitments.alarms import alarms_sweep
from commitments.models import Commitment
from commitments.tasks import commitment_alarms_task
from integrity.core.models import Notice
from tests.commitments.factories import PublishedCommitmentFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def keys(org):
    return sorted(Notice.objects.filter(organisation=org).values_list("key", flat=True))


def test_overdue_alarm_goes_once_to_the_unit_and_escalates_to_its_supervisor(
    township, county, django_capture_on_commit_callbacks
):
    UserFactory(username="u1", organisation=township, email="op@example.cn", role="operator")
    c = PublishedCommitmentFactory(
        organisation=township, deadline=D(2026, 3, 1), last_progress_on=D(2026, 3, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert alarms_sweep(on=D(2026, 3, 10)) == 2
        assert alarms_sweep(on=D(2026, 3, 10)) == 0
    assert keys(township) == [f"commitment:{c.pk}:overdue:2026-03-01"]
    assert keys(county) == [f"commitment:{c.pk}:overdue-escalated:2026-03-01"]
    assert len(mail.outbox) == 1


def test_due_soon_counts_working_days_across_a_holiday(township, calendar):
    # Time-limit rule: 5 working days. From 2025-09-30 the 5th working day is 2025-10-14
    # (National Day holiday 10-01..10-08; 10-09, 10-10, make-up Saturday 10-11, 10-13, 10-14).
    inside = PublishedCommitmentFactory(
        organisation=township, deadline=D(2025, 10, 14), last_progress_on=D(2025, 9, 1)
    )
    outside = PublishedCommitmentFactory(
        organisation=township, deadline=D(2025, 10, 15), last_progress_on=D(2025, 9, 1)
    )
    alarms_sweep(on=D(2025, 9, 30))
    assert keys(township) == [f"commitment:{inside.pk}:due-soon:2025-10-14"]
    assert outside.pk


def test_no_progress_for_three_months_alarms_once(township):
    c = PublishedCommitmentFactory(
        organisation=township, deadline=D(2026, 12, 31), last_progress_on=D(2026, 1, 9)
    )
    commitment_alarms_task.apply()
    alarms_sweep(on=D(2026, 4, 10))
    alarms_sweep(on=D(2026, 4, 11))
    assert f"commitment:{c.pk}:no-progress:2026-12-31:2026-01-09" in keys(township)
    assert len(keys(township)) == 1


def test_leadership_change_flag_raises_an_alarm(township):
    c = PublishedCommitmentFactory(
        organisation=township,
        deadline=D(2026, 12, 31),
        last_progress_on=D(2026, 4, 1),
        leadership_changed=True,
    )
    alarms_sweep(on=D(2026, 4, 10))
    assert keys(township) == [f"commitment:{c.pk}:leadership:2026-12-31"]


def test_closed_and_draft_commitments_raise_no_alarm(township):
    PublishedCommitmentFactory(
        organisation=township, deadline=D(2026, 3, 1), status=Commitment.Status.FULFILLED
    )
    PublishedCommitmentFactory(
        organisation=township, deadline=D(2026, 3, 1), status=Commitment.Status.DRAFT
    )
    assert alarms_sweep(on=D(2026, 3, 10)) == 0


def test_a_local_due_soon_rule_overrides_the_national_one_in_its_area(township, other_township):
    from commitments.models import DueSoonRule

    DueSoonRule.objects.create(
        jurisdiction=township, kind="time_limit", working_days=20, valid_from=D(2020, 1, 1)
    )
    # 2026-03-02 (Mon) + 20 working days without a calendar = 2026-03-30.
    local = PublishedCommitmentFactory(
        organisation=township, deadline=D(2026, 3, 27), last_progress_on=D(2026, 3, 1)
    )
    national = PublishedCommitmentFactory(
        organisation=other_township, deadline=D(2026, 3, 27), last_progress_on=D(2026, 3, 1)
    )
    alarms_sweep(on=D(2026, 3, 2))
    assert keys(township) == [f"commitment:{local.pk}:due-soon:2026-03-27"]
    assert keys(other_township) == []
    assert national.pk


def test_each_unit_gets_one_e_mail_listing_its_new_alarms(
    township, county, django_capture_on_commit_callbacks, monkeypatch
):
    from integrity.core import services

    monkeypatch.setattr(services, "NOTICE_DIGEST_LINES", 2)
    UserFactory(username="t1", organisation=township, email="t1@example.cn", role="operator")
    UserFactory(username="t2", organisation=township, email="t2@example.cn", role="leader")
    UserFactory(username="t3", organisation=township, email="", role="operator")
    UserFactory(username="c1", organisation=county, email="c1@example.cn", role="leader")
    for n in range(3):
        PublishedCommitmentFactory(
            organisation=township,
            title=f"逾期承诺{n}",
            deadline=D(2026, 3, 1),
            last_progress_on=D(2026, 3, 1),
        )
    with django_capture_on_commit_callbacks(execute=True):
        assert alarms_sweep(on=D(2026, 3, 10)) == 6  # 3 overdue + 3 escalated
    by_recipients = {tuple(sorted(m.to)): m for m in mail.outbox}
    assert set(by_recipients) == {("t1@example.cn", "t2@example.cn"), ("c1@example.cn",)}
    unit = by_recipients[("t1@example.cn", "t2@example.cn")]
    assert "3" in unit.subject and unit.body.count("逾期承诺") == 2
    assert "2026年3月1日" in unit.body and "2026-03-01" not in unit.body
    assert unit.body.splitlines()[-1].count("1")  # "… and 1 more"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert alarms_sweep(on=D(2026, 3, 10)) == 0
    assert mail.outbox == []


def test_existing_alarms_are_found_in_chunks(township, monkeypatch):
    import commitments.alarms as alarms

    made = [
        PublishedCommitmentFactory(
            organisation=township, deadline=D(2026, 3, 1), last_progress_on=D(2026, 3, 1)
        )
        for _ in range(5)
    ]
    assert alarms_sweep(on=D(2026, 3, 10)) == 10  # each overdue, and escalated
    found = alarms.existing_keys(alarms.collect_alarms(D(2026, 3, 10)), chunk=3)
    assert found == set(Notice.objects.values_list("organisation_id", "key"))
    assert (township.pk, f"commitment:{made[4].pk}:overdue:2026-03-01") in found
    assert len(found) == 10 and alarms_sweep(on=D(2026, 3, 10)) == 0
