"""Values derived from commitment data and the rules in force; never stored.

SME payment: due = (acceptance, else delivery) + term, the term being the agreed one
(default from the rule, 30) capped at the rule's maximum (60 calendar days). When the
last day falls on a statutory day off the period ends on the next working day
(Civil Code art. 203). Late interest = outstanding × daily rate × days overdue.
Local debt: ratio = balance ÷ comprehensive fiscal capacity × 100; level by thresholds.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from integrity.core.workdays import WorkingCalendar

from .models import DebtRiskRule, LocalDebt, PPPLimitRule, PPPProject, SMEPayment, SMEPaymentRule

CENT = Decimal("0.01")
RISK_LABELS = {
    "red": _("Red"),
    "orange": _("Orange"),
    "yellow": _("Yellow"),
    "green": _("Green"),
}


def _today(on: datetime.date | None) -> datetime.date:
    return on or timezone.localdate()


def roll_to_working_day(
    day: datetime.date, calendar: WorkingCalendar | None = None
) -> datetime.date:
    """``day`` itself when it is a working day, else the first working day after it."""
    calendar = calendar or WorkingCalendar(day, day + datetime.timedelta(days=21))
    while not calendar.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def sme_rule(payment: SMEPayment, on: datetime.date | None = None) -> SMEPaymentRule:
    start = payment.accepted_on or payment.delivered_on or _today(on)
    return SMEPaymentRule.objects.resolve(on=start, organisation=payment.commitment.organisation)


def sme_term_days(payment: SMEPayment, rule: SMEPaymentRule) -> int:
    term = payment.agreed_term_days or rule.default_term_days
    return min(term, rule.max_term_days)


def sme_due_date(
    payment: SMEPayment,
    rule: SMEPaymentRule | None = None,
    calendar: WorkingCalendar | None = None,
) -> datetime.date | None:
    start = payment.accepted_on or payment.delivered_on
    if start is None:
        return None
    rule = rule or sme_rule(payment)
    due = start + datetime.timedelta(days=sme_term_days(payment, rule))
    return roll_to_working_day(due, calendar)


def sme_outstanding(payment: SMEPayment) -> Decimal:
    return max(payment.amount - payment.amount_paid, Decimal("0"))


def sme_days_overdue(
    payment: SMEPayment, on: datetime.date | None = None, rule: SMEPaymentRule | None = None
) -> int:
    """Calendar days after the due date until payment (or ``on`` while unpaid)."""
    due = sme_due_date(payment, rule)
    if due is None:
        return 0
    end = payment.paid_on if payment.paid_on and not sme_outstanding(payment) else _today(on)
    return max((end - due).days, 0)


def sme_late_interest(
    payment: SMEPayment, on: datetime.date | None = None, rule: SMEPaymentRule | None = None
) -> Decimal:
    rule = rule or sme_rule(payment)
    days = sme_days_overdue(payment, on, rule)
    rate = (
        payment.agreed_daily_rate
        if payment.agreed_daily_rate is not None
        else rule.default_daily_rate
    )
    base = sme_outstanding(payment) if not payment.paid_on else payment.amount
    return (base * rate * days).quantize(CENT, rounding=ROUND_HALF_UP)


def debt_ratio(debt: LocalDebt) -> Decimal | None:
    """Debt balance as a percentage of comprehensive fiscal capacity."""
    if not debt.fiscal_capacity:
        return None
    return (debt.balance * 100 / debt.fiscal_capacity).quantize(CENT, rounding=ROUND_HALF_UP)


def overdue_debt_ratio(debt: LocalDebt) -> Decimal | None:
    if not debt.balance:
        return None
    return (debt.overdue_balance * 100 / debt.balance).quantize(CENT, rounding=ROUND_HALF_UP)


def risk_level(ratio: Decimal | None, rule: DebtRiskRule) -> str | None:
    if ratio is None:
        return None
    if ratio >= rule.red_from:
        return "red"
    if ratio >= rule.orange_from:
        return "orange"
    if ratio >= rule.yellow_from:
        return "yellow"
    return "green"


def debt_risk_level(debt: LocalDebt, rule: DebtRiskRule | None = None) -> str | None:
    rule = rule or DebtRiskRule.objects.resolve(
        on=debt.as_of, organisation=debt.commitment.organisation
    )
    return risk_level(debt_ratio(debt), rule)


def ppp_spending_share(project: PPPProject) -> Decimal | None:
    if not project.general_budget:
        return None
    share = project.annual_spending * 100 / project.general_budget
    return share.quantize(CENT, rounding=ROUND_HALF_UP)


def ppp_over_limit(project: PPPProject, rule: PPPLimitRule | None = None) -> bool:
    """Above the 10 % red line (5 % for new government-pay projects)."""
    share = ppp_spending_share(project)
    if share is None:
        return False
    rule = rule or PPPLimitRule.objects.resolve(
        on=timezone.localdate(), organisation=project.commitment.organisation
    )
    new_gov = (
        project.is_new and project.payment_mechanism == PPPProject.PaymentMechanism.GOVERNMENT_PAYS
    )
    limit = rule.new_government_pays_percent if new_gov else rule.limit_percent
    return share > limit
