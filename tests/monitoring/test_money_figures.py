"""The monthly report reads the money registers: SME payments and government obligations
overdue at the month end, and the debt register's risk levels, by unit with subtrees."""

import datetime
from decimal import Decimal

import pytest

from commitments.models import Obligation
from commitments.money import services as money
from commitments.money.models import FiscalYear, SMEContract
from portal.monitoring.figures import month_bounds
from portal.monitoring.services import monitoring_build
from tests.commitments.factories import PublishedCommitmentFactory
from tests.commitments.money.factories import SMEContractFactory
from tests.monitoring.conftest import OCTOBER

pytestmark = pytest.mark.django_db
day = datetime.date


def contract(org, accepted, paid_on=None):
    c = SMEContractFactory(organisation=org, delivered_on=accepted, accepted_on=accepted)
    if paid_on:
        money.sme_payment_record(contract=c, by=None, amount=c.amount, paid_on=paid_on)
    return c


@pytest.fixture
def money_data(calendar, county, township, housing, quiet_county):
    contract(township, day(2026, 8, 3))  # due 2026-09-02, unpaid: overdue at the month end
    contract(county, day(2026, 8, 3), paid_on=day(2026, 11, 5))  # paid only in November
    contract(county, day(2026, 8, 3), paid_on=day(2026, 9, 1))  # paid on time
    contract(county, day(2026, 10, 20))  # due in November
    contract(housing, day(2026, 9, 1))  # due 2026-10-08: overdue at the month end
    c = PublishedCommitmentFactory(organisation=county, kind="investment")
    Obligation.objects.create(commitment=c, kind="subsidy", amount=100, due_on=day(2026, 10, 1))
    paid = Obligation.objects.create(
        commitment=c, kind="subsidy", amount=100, due_on=day(2026, 9, 1)
    )
    money.obligation_payment_record(obligation=paid, by=None, amount=100, paid_on=day(2026, 9, 1))
    for org, balance, year in ((county, 320, 2026), (quiet_county, 150, 2026), (county, 10, 2025)):
        FiscalYear.objects.create(
            organisation=org,
            year=year,
            debt_balance=Decimal(balance),
            fiscal_capacity=Decimal(100),
        )


def overdue_at_month_end(c: SMEContract) -> bool:
    following = month_bounds(OCTOBER)[1]
    return c.due_on < following and (c.settled_on is None or c.settled_on >= following)


def test_money_figures_by_unit_equal_direct_counts(money_data, county, housing, quiet_county):
    report = monitoring_build(month=OCTOBER)
    for unit in (county, housing, quiet_county):
        expected = [
            c
            for c in SMEContract.objects.select_related("organisation")
            if c.organisation.path.startswith(unit.path) and overdue_at_month_end(c)
        ]
        assert report.figures[str(unit.pk)]["sme_overdue"] == len(expected)
    assert report.figures[str(county.pk)]["sme_overdue"] == 2
    assert report.figures[str(housing.pk)]["sme_overdue"] == 1
    assert report.figures[str(county.pk)]["obligations_overdue"] == 1
    assert report.totals["sme_overdue"] == 3
    # the debt register: 320 % red for the county this year, 150 % yellow; last year ignored
    assert report.figures[str(county.pk)]["debt_red"] == 1
    assert report.figures[str(quiet_county.pk)]["debt_yellow"] == 1
    assert report.totals["debt_green"] == 0


def test_the_report_page_shows_the_money_columns(client, money_data, county):
    from django.urls import reverse

    monitoring_build(month=OCTOBER)
    page = client.get(reverse("monitoring:detail", args=["2026-10"]))
    html = page.content.decode()
    assert "中小企业账款逾期（月末）" in html
