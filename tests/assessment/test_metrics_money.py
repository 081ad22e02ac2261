"""Metrics over the money registers equal direct counts on a hand-built dataset, for all
units at once, and each links to its cases."""

import datetime
from decimal import Decimal

import pytest

from django.urls import reverse

from assessment import services
from assessment.metrics import METRICS
from assessment.models import Score
from commitments.models import Obligation
from commitments.money import services as money
from commitments.money.models import FiscalYear, SMEContract
from integrity.core.models import Organisation
from tests.commitments.factories import PublishedCommitmentFactory
from tests.commitments.money.factories import SMEContractFactory

pytestmark = pytest.mark.django_db
PERIOD = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
END = PERIOD[1]
day = datetime.date


def compute(code, *orgs):
    units = Organisation.objects.filter(pk__in=[o.pk for o in orgs])
    return METRICS[code].compute(units, PERIOD)


def contract(org, accepted, amount="100000.00", paid=(), term=30):
    c = SMEContractFactory(
        organisation=org,
        delivered_on=accepted,
        accepted_on=accepted,
        agreed_term_days=term,
        amount=Decimal(amount),
    )
    for paid_on, value in paid:
        money.sme_payment_record(contract=c, by=None, amount=value, paid_on=paid_on)
    c.refresh_from_db()
    return c


def owed_at_end(c: SMEContract) -> Decimal:
    return c.amount - sum(p.amount for p in c.payments.all() if p.paid_on <= END)


def overdue_at_end(c: SMEContract) -> bool:
    return c.due_on < END and (c.settled_on is None or c.settled_on > END)


def in_subtree(c, unit):
    return c.organisation.path.startswith(unit.path)


@pytest.fixture
def sme_data(calendar, county, township, other_county, department):
    return [
        contract(township, day(2025, 3, 3)),  # unpaid, overdue at the end
        contract(county, day(2025, 6, 2), paid=[(day(2025, 6, 20), "30000")]),  # part-paid
        contract(county, day(2025, 5, 6), paid=[(day(2025, 6, 1), "100000")]),  # on time
        contract(county, day(2025, 9, 1), paid=[(day(2026, 1, 20), "100000")]),  # paid after
        contract(county, day(2025, 12, 29)),  # due in 2026: not overdue in 2025
        contract(other_county, day(2025, 4, 1), amount="50000.50"),  # overdue
        contract(other_county, day(2025, 4, 1), paid=[(day(2025, 6, 30), "100000")]),  # late
    ]


def test_sme_overdue_count_and_amount_are_direct_counts(sme_data, county, other_county, department):
    count = compute("sme_overdue_count", county, other_county, department)
    amount = compute("sme_overdue_amount", county, other_county, department)
    for unit in (county, other_county, department):
        overdue = [
            c for c in SMEContract.objects.all() if in_subtree(c, unit) and overdue_at_end(c)
        ]
        assert count.loc[unit.pk, "value"] == len(overdue)
        assert amount.loc[unit.pk, "cases"] == len(overdue)
        assert amount.loc[unit.pk, "value"] == pytest.approx(float(sum(map(owed_at_end, overdue))))
    # the hand count: county = township's unpaid + part-paid + paid in 2026
    assert count.loc[county.pk, "value"] == 3
    assert amount.loc[county.pk, "value"] == pytest.approx(100000 + 70000 + 100000)
    assert amount.loc[other_county.pk, "value"] == pytest.approx(50000.50)
    assert count.loc[department.pk, "value"] == 0
    assert METRICS["sme_overdue_count"].cases(county, PERIOD).count() == 3


def test_sme_on_time_rate_is_paid_by_the_due_date_over_due_in_the_period(
    sme_data, county, other_county
):
    frame = compute("sme_on_time_rate", county, other_county)
    for unit in (county, other_county):
        due = [
            c
            for c in SMEContract.objects.all()
            if in_subtree(c, unit) and PERIOD[0] <= c.due_on <= END
        ]
        on_time = [c for c in due if c.settled_on and c.settled_on <= c.due_on]
        assert frame.loc[unit.pk, "cases"] == len(due)
        assert frame.loc[unit.pk, "value"] == pytest.approx(len(on_time) / len(due))
    assert frame.loc[county.pk, "value"] == pytest.approx(1 / 4)
    assert frame.loc[other_county.pk, "value"] == 0


def test_obligation_overdue_count(calendar, county, township, other_county):
    def obligation(org, due_on, amount, paid=None, status="in_progress"):
        c = PublishedCommitmentFactory(organisation=org, kind="investment", status=status)
        o = Obligation.objects.create(commitment=c, kind="subsidy", amount=amount, due_on=due_on)
        if paid:
            money.obligation_payment_record(obligation=o, by=None, amount=paid, paid_on=due_on)
        return o

    obligation(township, day(2025, 5, 1), 1000)  # unpaid: overdue
    obligation(county, day(2025, 5, 1), 1000, paid=400)  # part-paid: overdue
    obligation(county, day(2025, 5, 1), 1000, paid=1000)  # paid
    obligation(county, day(2026, 2, 1), 1000)  # not yet due at the end
    obligation(county, day(2025, 5, 1), 1000, status="withdrawn")  # withdrawn: not counted
    obligation(other_county, day(2025, 8, 1), 500)
    frame = compute("obligation_overdue_count", county, other_county)
    for unit in (county, other_county):
        expected = [
            o
            for o in Obligation.objects.select_related("commitment__organisation")
            if o.commitment.organisation.path.startswith(unit.path)
            and o.due_on < END
            and o.amount_paid < o.amount
            and o.commitment.status not in ("draft", "withdrawn")
        ]
        assert frame.loc[unit.pk, "value"] == len(expected)
    assert frame.loc[county.pk, "value"] == 2
    assert frame.loc[other_county.pk, "value"] == 1


def test_fiscal_debt_risk_level_is_the_worst_level_of_the_years_figures(
    county, township, other_county, department
):
    def year(org, balance, capacity, y=2025):
        FiscalYear.objects.create(
            organisation=org, year=y, debt_balance=balance, fiscal_capacity=capacity
        )

    year(county, 110, 100)  # 110 %: green
    year(township, 250, 100)  # 250 %: orange (the worst in the county's subtree)
    year(county, 900, 100, y=2024)  # another year: not counted
    year(other_county, 300, 100)  # 300 %: red (exactly on the line)
    frame = compute("fiscal_debt_risk_level", county, other_county, department)
    assert frame.loc[county.pk, "value"] == 2 and frame.loc[county.pk, "cases"] == 2
    assert frame.loc[other_county.pk, "value"] == 3
    assert frame.loc[department.pk, "cases"] == 0
    assert METRICS["fiscal_debt_risk_level"].cases(county, PERIOD).count() == 2


def test_the_sme_overdue_number_links_to_its_contracts(
    client, sme_data, city, assessor, county, other_county_operator
):
    from tests.assessment.conftest import build_scheme

    scheme = build_scheme(city, assessor)
    services.indicator_update(
        indicator=scheme.indicators.get(code="2.1"),
        by=assessor,
        data={"method": "auto", "metric_code": "sme_overdue_count"},
    )
    campaign = services.campaign_open(scheme=scheme, by=assessor, on=day(2026, 1, 5))
    score = Score.objects.get(
        unit__campaign=campaign, unit__organisation=county, indicator__code="2.1"
    )
    assert score.cases == 3
    url = reverse("assessment_admin:cases", args=[score.pk])
    client.force_login(assessor)
    page = client.get(url).content.decode()
    names = [c.contract_name for c in sme_data if in_subtree(c, county) and overdue_at_end(c)]
    assert all(name in page for name in names)
    client.force_login(other_county_operator)  # another organisation: refused
    refused = client.get(url)
    assert refused.status_code in (302, 403) and names[0] not in refused.content.decode()
    client.logout()
    assert client.get(url).status_code == 302
