import datetime
from decimal import Decimal

import pytest

from commitments import derived
from commitments.models import (
    Commitment,
    DebtRiskRule,
    LocalDebt,
    PPPProject,
    SMEPayment,
    SMEPaymentRule,
)
from tests.commitments.factories import CommitmentFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def sme(**kw):
    commitment = CommitmentFactory(kind=Commitment.Kind.SME_PAYMENT)
    fields = {
        "contract_name": "道路养护",
        "supplier_name": "澜江建材有限公司",
        "amount": Decimal("100000.00"),
        **kw,
    }
    return SMEPayment.objects.create(commitment=commitment, **fields)


def test_sme_due_date_defaults_to_30_days_after_acceptance():
    payment = sme(delivered_on=D(2025, 2, 1), accepted_on=D(2025, 3, 3))
    assert derived.sme_due_date(payment) == D(2025, 4, 2)


def test_sme_due_date_falls_back_to_delivery_without_acceptance():
    payment = sme(delivered_on=D(2025, 3, 3))
    assert derived.sme_due_date(payment) == D(2025, 4, 2)


def test_sme_agreed_term_of_60_days_is_allowed():
    payment = sme(accepted_on=D(2025, 3, 10), agreed_term_days=60)
    assert derived.sme_due_date(payment) == D(2025, 5, 9)


def test_sme_agreed_term_over_60_days_is_capped_at_60():
    payment = sme(accepted_on=D(2025, 3, 10), agreed_term_days=90)
    assert derived.sme_due_date(payment) == D(2025, 5, 9)


def test_sme_due_date_in_a_holiday_moves_to_the_next_working_day(calendar):
    # 2025-09-01 + 30 = 2025-10-01, National Day holiday until 10-08.
    payment = sme(accepted_on=D(2025, 9, 1))
    assert derived.sme_due_date(payment) == D(2025, 10, 9)


def test_sme_days_overdue_and_default_interest_at_0_05_percent_a_day():
    payment = sme(accepted_on=D(2025, 3, 3))
    assert derived.sme_days_overdue(payment, on=D(2025, 4, 2)) == 0
    assert derived.sme_days_overdue(payment, on=D(2025, 4, 12)) == 10
    assert derived.sme_late_interest(payment, on=D(2025, 4, 12)) == Decimal("500.00")


def test_sme_interest_uses_the_agreed_rate():
    payment = sme(accepted_on=D(2025, 3, 3), agreed_daily_rate=Decimal("0.0003"))
    assert derived.sme_late_interest(payment, on=D(2025, 4, 12)) == Decimal("300.00")


def test_sme_paid_late_stops_counting_at_payment():
    payment = sme(
        accepted_on=D(2025, 3, 3), paid_on=D(2025, 4, 7), amount_paid=Decimal("100000.00")
    )
    assert derived.sme_days_overdue(payment, on=D(2025, 12, 1)) == 5
    assert derived.sme_late_interest(payment, on=D(2025, 12, 1)) == Decimal("250.00")


def test_sme_rule_is_configurable_per_jurisdiction(township):
    SMEPaymentRule.objects.create(
        jurisdiction=township, valid_from=D(2024, 1, 1), default_term_days=20, max_term_days=45
    )
    commitment = CommitmentFactory(organisation=township, kind="sme_payment")
    payment = SMEPayment.objects.create(
        commitment=commitment,
        contract_name="c",
        supplier_name="s",
        amount=1,
        accepted_on=D(2025, 3, 3),
        agreed_term_days=60,
    )
    assert derived.sme_due_date(payment) == D(2025, 4, 17)


@pytest.mark.parametrize(
    ("balance", "level"),
    [
        (300, "red"),
        (Decimal("299.99"), "orange"),
        (200, "orange"),
        (Decimal("199.99"), "yellow"),
        (120, "yellow"),
        (Decimal("119.99"), "green"),
    ],
)
def test_debt_risk_level_at_the_default_thresholds(balance, level):
    commitment = CommitmentFactory(kind=Commitment.Kind.LOCAL_DEBT)
    debt = LocalDebt.objects.create(
        commitment=commitment,
        balance=Decimal(balance),
        fiscal_capacity=Decimal(100),
        as_of=D(2025, 12, 31),
    )
    assert derived.debt_ratio(debt) == Decimal(balance).quantize(Decimal("0.01"))
    assert derived.debt_risk_level(debt) == level


def test_default_debt_thresholds_are_labelled_as_defaults():
    assert DebtRiskRule.objects.get().is_default


def test_ppp_new_government_pay_project_uses_the_5_percent_line():
    commitment = CommitmentFactory(kind=Commitment.Kind.PPP)
    project = PPPProject.objects.create(
        commitment=commitment,
        payment_mechanism="government_pays",
        is_new=True,
        total_investment=1,
        annual_spending=Decimal(6),
        general_budget=Decimal(100),
    )
    assert derived.ppp_over_limit(project)
    project.is_new = False
    assert not derived.ppp_over_limit(project)
