import datetime
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command

from commitments.models import Commitment, Obligation
from commitments.money.alarms import money_alarms_sweep
from commitments.money.services import sme_payment_record
from integrity.core.models import Notice
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def _keys(org) -> set[str]:
    return set(Notice.objects.filter(organisation=org).values_list("key", flat=True))


def test_nothing_alarms_long_before_the_due_date(contract, calendar):
    assert money_alarms_sweep(on=D(2026, 3, 3)) == 0


def test_due_soon_warns_the_unit(contract, township, calendar):
    money_alarms_sweep(on=D(2026, 3, 25))  # due 2026-04-01
    notice = Notice.objects.get(organisation=township)
    assert notice.level == Notice.Level.WARNING
    assert "村道养护" in notice.body and "2026年4月1日" in notice.body
    assert notice.url.endswith(f"/inspect/{contract.pk}/")


def test_overdue_alarms_the_unit_and_escalates_to_the_supervisor_once(
    contract, township, county, calendar
):
    created = money_alarms_sweep(on=D(2026, 4, 2))
    assert created == 2
    assert _keys(township) == {f"sme:{contract.pk}:overdue:2026-04-01"}
    assert _keys(county) == {f"sme:{contract.pk}:overdue:2026-04-01:escalated"}
    assert money_alarms_sweep(on=D(2026, 4, 3)) == 0


def test_a_paid_contract_no_longer_alarms(contract, operator, calendar):
    sme_payment_record(contract=contract, by=operator, amount="100000", paid_on=D(2026, 3, 30))
    assert money_alarms_sweep(on=D(2026, 4, 2)) == 0


def test_a_partly_paid_contract_still_alarms(contract, operator, calendar):
    sme_payment_record(contract=contract, by=operator, amount="99999", paid_on=D(2026, 3, 30))
    assert money_alarms_sweep(on=D(2026, 4, 2)) == 2
    assert "1.00" in Notice.objects.first().body


def test_an_overdue_incentive_alarms_and_escalates(township, county, calendar):
    agreement = PublishedCommitmentFactory(organisation=township, kind=Commitment.Kind.INVESTMENT)
    obligation = Obligation.objects.create(
        commitment=agreement,
        kind=Obligation.Kind.TAX_REBATE,
        amount=Decimal("1000"),
        due_on=D(2026, 5, 29),
    )
    money_alarms_sweep(on=D(2026, 6, 1))
    assert _keys(township) == {f"obligation:{obligation.pk}:overdue:2026-05-29"}
    assert len(_keys(county)) == 1


def test_the_command_runs_the_sweep(contract, calendar):
    out = StringIO()
    call_command("money_alarms", "--on", "2026-04-02", stdout=out)
    assert "2" in out.getvalue()
    assert Notice.objects.count() == 2


def test_the_beat_schedule_runs_the_sweep_daily():
    from integrity.celery import app

    entry = app.conf.beat_schedule["money-alarms-daily"]
    assert entry["task"] == "commitments.money.tasks.money_alarms_task"
    assert entry["task"] in app.tasks
