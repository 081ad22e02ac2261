"""Values derived from commitment data and the rules in force; never stored.

SME payment: due = (acceptance, else delivery) + term, the term being the agreed one
(default from the rule, 30) capped at the rule's maximum (60 calendar days). When the
last day falls on a statutory day off the period ends on the next working day
(Civil Code art. 203). Late interest = outstanding × daily rate × days overdue.
Local debt: ratio = balance ÷ comprehensive fiscal capacity × 100; level by thresholds.
"""

import datetime
from dataclasses import dataclass
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


def _payer(payment):
    """The paying organisation of an SME payment commitment or an SME contract."""
    organisation = getattr(payment, "organisation", None)
    return organisation if organisation is not None else payment.commitment.organisation


def sme_rule(payment, on: datetime.date | None = None) -> SMEPaymentRule:
    start = payment.accepted_on or payment.delivered_on or _today(on)
    return SMEPaymentRule.objects.resolve(on=start, organisation=_payer(payment))


def sme_term_days(payment, rule: SMEPaymentRule) -> int:
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


def percent(part: Decimal, whole: Decimal | None) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to the cent; ``None`` when ``whole`` is empty."""
    if not whole:
        return None
    return (part * 100 / whole).quantize(CENT, rounding=ROUND_HALF_UP)


def debt_ratio(debt: LocalDebt) -> Decimal | None:
    """Debt balance as a percentage of comprehensive fiscal capacity."""
    return percent(debt.balance, debt.fiscal_capacity)


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


# --- the money registers (commitments.money) ------------------------------------------


@dataclass(frozen=True)
class DueDate:
    """An SME payment due date and how it was computed (shown next to it)."""

    start: datetime.date  # acceptance, else delivery
    from_acceptance: bool
    term_days: int  # the term applied, after the cap
    agreed_term_days: int | None
    max_term_days: int
    nominal: datetime.date  # start + term, before the rest-day roll
    due: datetime.date
    rest_days: tuple[datetime.date, ...]  # the days off the due date moved past
    provisional: bool  # the calendar of the year is not yet published

    @property
    def capped(self) -> bool:
        return bool(self.agreed_term_days and self.agreed_term_days > self.max_term_days)

    @property
    def rolled(self) -> bool:
        return self.due != self.nominal

    def explanation(self) -> str:
        parts = [
            (_("accepted on %(day)s") if self.from_acceptance else _("delivered on %(day)s"))
            % {"day": date_zh(self.start)}
        ]
        if self.capped:
            parts.append(
                _("agreed term %(agreed)d days capped at %(max)d calendar days")
                % {"agreed": self.agreed_term_days, "max": self.max_term_days}
            )
        elif self.agreed_term_days:
            parts.append(_("agreed term %(n)d calendar days") % {"n": self.term_days})
        else:
            parts.append(_("default term %(n)d calendar days") % {"n": self.term_days})
        parts.append(_("term ends %(day)s") % {"day": date_zh(self.nominal)})
        if self.rolled:
            parts.append(
                _(
                    "that day is a rest day, so the period ends on the next working day "
                    "%(day)s (Civil Code art. 203)"
                )
                % {"day": date_zh(self.due)}
            )
        text = "；".join(str(p) for p in parts)
        if self.provisional:
            text += str(_("（provisional: the State Council has not yet published the holidays)"))
        return text


def date_zh(day: datetime.date) -> str:
    """2026年12月31日."""
    return f"{day.year}年{day.month}月{day.day}日"


def sme_due(contract, rule: SMEPaymentRule | None = None) -> DueDate | None:
    """The due date of an SME contract (acceptance or delivery + term, capped, rolled)."""
    start = contract.accepted_on or contract.delivered_on
    if start is None:
        return None
    rule = rule or sme_rule(contract)
    term = sme_term_days(contract, rule)
    nominal = start + datetime.timedelta(days=term)
    calendar = WorkingCalendar(nominal, nominal + datetime.timedelta(days=21))
    due = roll_to_working_day(nominal, calendar)
    rest = tuple(nominal + datetime.timedelta(days=i) for i in range((due - nominal).days))
    return DueDate(
        start=start,
        from_acceptance=contract.accepted_on is not None,
        term_days=term,
        agreed_term_days=contract.agreed_term_days,
        max_term_days=rule.max_term_days,
        nominal=nominal,
        due=due,
        rest_days=rest,
        provisional=calendar.is_provisional(nominal, due),
    )


def sme_days_late(
    due: datetime.date | None, settled_on: datetime.date | None, on: datetime.date
) -> int:
    """Calendar days after the due date until settlement (or ``on`` while unpaid)."""
    if due is None:
        return 0
    return max(((settled_on or on) - due).days, 0)


def late_interest(
    *,
    amount: Decimal,
    due: datetime.date | None,
    payments,
    daily_rate: Decimal,
    on: datetime.date,
) -> Decimal:
    """Interest on what was still unpaid on each day after the due date.

    ``payments`` are ``(paid_on, amount)`` pairs. A payment on day *d* stops interest on
    its amount from *d* on (the same count as days overdue); payments up to the due date
    only lower the base. Interest stops when the amount is paid in full."""
    if due is None:
        return Decimal("0.00")
    unpaid, since, total = amount, due, Decimal("0")
    for paid_on, paid in sorted(payments):
        if paid_on > on:
            break
        if paid_on > since:
            total += unpaid * daily_rate * (paid_on - since).days
            since = paid_on
        unpaid -= paid
        if unpaid <= 0:
            return total.quantize(CENT, rounding=ROUND_HALF_UP)
    if on > since:
        total += unpaid * daily_rate * (on - since).days
    return total.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class PPPCheck:
    share: Decimal | None  # PPP spending as % of the general budget expenditure
    limit: Decimal  # the line that applies: 10 %, or 5 % with new government-pay projects
    over: bool

    @property
    def warning(self) -> str:
        if not self.over:
            return ""
        return str(
            _("PPP spending is %(share)s %% of the budget, above the %(limit)s %% line.")
            % {"share": self.share, "limit": str(self.limit).rstrip("0").rstrip(".")}
        )


def ppp_line_check(
    *,
    spending: Decimal,
    budget: Decimal | None,
    new_government_pays: bool,
    rule: PPPLimitRule,
) -> PPPCheck:
    """The level's PPP spending against the 10 % line (5 % when it starts new
    government-pay projects). Exactly on the line is allowed; above it is warned."""
    share = percent(spending, budget)
    limit = rule.new_government_pays_percent if new_government_pays else rule.limit_percent
    return PPPCheck(share, limit, share is not None and share > limit)


def fiscal_year_risk(year) -> tuple[Decimal | None, str | None, DebtRiskRule]:
    """``(debt ratio %, risk level, rule)`` of a unit's fiscal year by the rule table."""
    rule = DebtRiskRule.objects.resolve(
        on=datetime.date(year.year, 12, 31), organisation=year.organisation
    )
    ratio = percent(year.debt_balance, year.fiscal_capacity)
    return ratio, risk_level(ratio, rule), rule
