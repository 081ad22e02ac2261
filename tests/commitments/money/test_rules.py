"""Must-hold 1: every boundary of the money rules (commitments/derived.py)."""

import datetime
from decimal import Decimal

import pytest

from commitments import derived
from commitments.models import DebtRiskRule, PPPLimitRule
from tests.commitments.money.factories import FiscalYearFactory, SMEContractFactory

pytestmark = pytest.mark.django_db
D = datetime.date


class TestTheSixtyDayCap:
    def test_without_an_agreed_term_the_default_30_days_apply(self, township):
        due = derived.sme_due(SMEContractFactory.build(organisation=township))
        assert (due.term_days, due.due) == (30, D(2026, 4, 1))
        assert not due.capped

    def test_an_agreed_term_of_exactly_60_days_is_kept(self, township):
        contract = SMEContractFactory.build(organisation=township, agreed_term_days=60)
        due = derived.sme_due(contract)
        assert (due.term_days, due.nominal, due.capped) == (60, D(2026, 5, 1), False)

    def test_an_agreed_term_of_61_days_is_capped_at_60_and_says_so(self, township):
        contract = SMEContractFactory.build(organisation=township, agreed_term_days=61)
        due = derived.sme_due(contract)
        assert (due.term_days, due.nominal, due.capped) == (60, D(2026, 5, 1), True)
        assert "61" in due.explanation() and "60" in due.explanation()

    def test_delivery_counts_when_there_is_no_acceptance(self, township):
        contract = SMEContractFactory.build(organisation=township, accepted_on=None)
        due = derived.sme_due(contract)
        assert (due.start, due.from_acceptance, due.nominal) == (
            D(2026, 2, 27),
            False,
            D(2026, 3, 29),
        )

    def test_no_delivery_and_no_acceptance_means_no_due_date(self, township):
        contract = SMEContractFactory.build(
            organisation=township, accepted_on=None, delivered_on=None
        )
        assert derived.sme_due(contract) is None


class TestTheRestDayRoll:
    def test_a_saturday_moves_to_monday_with_the_reason(self, township, calendar):
        contract = SMEContractFactory.build(
            organisation=township, delivered_on=D(2026, 2, 5), accepted_on=D(2026, 2, 5)
        )
        due = derived.sme_due(contract)
        assert (due.nominal, due.due) == (D(2026, 3, 7), D(2026, 3, 9))
        assert due.rest_days == (D(2026, 3, 7), D(2026, 3, 8))
        assert "民法典》第二百零三条" in due.explanation()
        assert not due.provisional

    def test_a_holiday_moves_past_the_whole_holiday(self, township, calendar):
        contract = SMEContractFactory.build(
            organisation=township, delivered_on=D(2025, 9, 1), accepted_on=D(2025, 9, 1)
        )
        assert derived.sme_due(contract).due == D(2025, 10, 9)

    def test_a_make_up_working_sunday_is_not_rolled(self, township, calendar):
        contract = SMEContractFactory.build(
            organisation=township, delivered_on=D(2025, 8, 29), accepted_on=D(2025, 8, 29)
        )
        due = derived.sme_due(contract)
        assert due.due == due.nominal == D(2025, 9, 28)
        assert not due.rolled

    def test_a_working_day_stays(self, township, calendar):
        due = derived.sme_due(SMEContractFactory.build(organisation=township))
        assert due.due == due.nominal and due.rest_days == ()

    def test_new_years_day_of_a_year_without_notice_is_skipped_and_provisional(
        self, township, calendar
    ):
        contract = SMEContractFactory.build(
            organisation=township, delivered_on=D(2026, 12, 2), accepted_on=D(2026, 12, 2)
        )
        due = derived.sme_due(contract)
        assert due.nominal == D(2027, 1, 1)
        assert due.due == D(2027, 1, 4)  # 元旦 (Friday), then the weekend
        assert due.provisional
        assert "暂定" in due.explanation()


class TestDaysLateAndInterest:
    def test_paid_on_the_due_date_is_not_late(self):
        assert derived.sme_days_late(D(2026, 4, 1), D(2026, 4, 1), D(2026, 5, 1)) == 0

    def test_one_day_late_is_one_day_of_interest_at_0_05_percent(self):
        assert derived.sme_days_late(D(2026, 4, 1), None, D(2026, 4, 2)) == 1
        interest = derived.late_interest(
            amount=Decimal("100000"),
            due=D(2026, 4, 1),
            payments=[],
            daily_rate=Decimal("0.0005"),
            on=D(2026, 4, 2),
        )
        assert interest == Decimal("50.00")

    def test_no_interest_up_to_the_due_date(self):
        interest = derived.late_interest(
            amount=Decimal("100000"),
            due=D(2026, 4, 1),
            payments=[],
            daily_rate=Decimal("0.0005"),
            on=D(2026, 4, 1),
        )
        assert interest == Decimal("0.00")

    def test_a_partial_payment_lowers_the_base_from_its_day(self):
        # 10 days on 100,000, then 10 days on the 40,000 left.
        interest = derived.late_interest(
            amount=Decimal("100000"),
            due=D(2026, 4, 1),
            payments=[(D(2026, 4, 11), Decimal("60000"))],
            daily_rate=Decimal("0.0005"),
            on=D(2026, 4, 21),
        )
        assert interest == Decimal("500.00") + Decimal("200.00")

    def test_a_payment_before_the_due_date_only_lowers_the_base(self):
        interest = derived.late_interest(
            amount=Decimal("100000"),
            due=D(2026, 4, 1),
            payments=[(D(2026, 3, 20), Decimal("90000"))],
            daily_rate=Decimal("0.0005"),
            on=D(2026, 4, 3),
        )
        assert interest == Decimal("10.00")

    def test_interest_stops_when_paid_in_full_and_uses_the_agreed_rate(self):
        interest = derived.late_interest(
            amount=Decimal("100000"),
            due=D(2026, 4, 1),
            payments=[(D(2026, 4, 5), Decimal("100000"))],
            daily_rate=Decimal("0.0003"),
            on=D(2026, 12, 31),
        )
        assert interest == Decimal("120.00")


def _ppp(spending: str, *, new_gov: bool = False):
    return derived.ppp_line_check(
        spending=Decimal(spending),
        budget=Decimal("1000"),
        new_government_pays=new_gov,
        rule=PPPLimitRule.objects.resolve(on=D(2026, 1, 1)),
    )


class TestPPPLines:
    @pytest.mark.parametrize(
        ("spending", "over"), [("99.99", False), ("100.00", False), ("100.10", True)]
    )
    def test_the_10_percent_line(self, spending, over):
        assert _ppp(spending).over is over

    @pytest.mark.parametrize(
        ("spending", "over"), [("49.99", False), ("50.00", False), ("50.10", True)]
    )
    def test_the_5_percent_line_with_new_government_pay_projects(self, spending, over):
        check = _ppp(spending, new_gov=True)
        assert (check.over, check.limit) == (over, Decimal("5.00"))

    def test_an_overrun_is_warned_in_words(self):
        assert "10" in _ppp("120").warning
        assert _ppp("90").warning == ""

    def test_without_a_budget_figure_nothing_is_over(self):
        check = derived.ppp_line_check(
            spending=Decimal("5"),
            budget=None,
            new_government_pays=False,
            rule=PPPLimitRule.objects.resolve(on=D(2026, 1, 1)),
        )
        assert (check.share, check.over) == (None, False)


class TestDebtRiskBands:
    @pytest.mark.parametrize(
        ("balance", "level"),
        [
            ("119.99", "green"),
            ("120.00", "yellow"),
            ("199.99", "yellow"),
            ("200.00", "orange"),
            ("299.99", "orange"),
            ("300.00", "red"),
        ],
    )
    def test_the_default_bands(self, township, balance, level):
        year = FiscalYearFactory.build(
            organisation=township, debt_balance=Decimal(balance), fiscal_capacity=Decimal("100")
        )
        ratio, found, rule = derived.fiscal_year_risk(year)
        assert (ratio, found) == (Decimal(balance), level)
        assert rule.is_default

    def test_a_local_rule_table_wins(self, township):
        DebtRiskRule.objects.create(
            jurisdiction=township,
            red_from=Decimal("150"),
            orange_from=Decimal("130"),
            yellow_from=Decimal("100"),
            valid_from=D(2020, 1, 1),
        )
        year = FiscalYearFactory.build(
            organisation=township, debt_balance=Decimal("150"), fiscal_capacity=Decimal("100")
        )
        assert derived.fiscal_year_risk(year)[1] == "red"

    def test_no_capacity_means_no_ratio(self, township):
        year = FiscalYearFactory.build(organisation=township, fiscal_capacity=Decimal("0"))
        assert derived.fiscal_year_risk(year)[:2] == (None, None)
