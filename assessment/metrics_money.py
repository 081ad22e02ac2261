"""Metrics over the money registers (issue 14): SME payments, obligations, fiscal years.

Registered by :func:`assessment.metrics.load_library` when the commitments app exists.
"Overdue at the period's end" means, for the last day D of the period: due before D and
not paid in full by D (``settled_on`` is null or after D), so a past year's figure does
not change when the contract is paid later.
"""

import numpy as np
import pandas as pd

from django.db.models import Count, F, Q, Sum

from assessment.metrics import (
    Metric,
    Period,
    assign_units,
    count,
    per_unit,
    rate,
    register,
    scoped,
    unit_ids,
    within,
)
from assessment.metrics_commitments import thresholds
from commitments.models import Commitment, Obligation
from commitments.money.models import FiscalYear, SMEContract, SMEPaymentRecord


def sme_overdue_at(period: Period):
    """SME contracts overdue on the period's last day."""
    end = period[1]
    return SMEContract.objects.filter(due_on__lt=end).filter(
        Q(settled_on__isnull=True) | Q(settled_on__gt=end)
    )


def sme_overdue_cases(organisation, period: Period):
    return within(sme_overdue_at(period), organisation)


def sme_overdue_count(units, period: Period):
    """中小企业逾期账款笔数 = SME contracts due before the period's last day and not paid in
    full by that day."""
    rows = sme_overdue_at(period)
    return count(per_unit(units, rows, n=Count("id"))["n"])


def sme_overdue_amount(units, period: Period):
    """中小企业逾期账款金额（元） = over the contracts overdue on the period's last day, the
    contract amounts less what was paid on them by that day. ``cases``: those contracts."""
    overdue = sme_overdue_at(period)
    owed = per_unit(units, overdue, n=Count("id"), amount=Sum("amount"))
    paid = per_unit(
        units,
        SMEPaymentRecord.objects.filter(contract__in=overdue, paid_on__lte=period[1]),
        "contract__organisation_id",
        amount=Sum("amount"),
    )
    value = (owed["amount"] - paid["amount"]).round(2)
    return pd.DataFrame({"value": value, "cases": owed["n"].astype(int)})


def sme_due_in(period: Period):
    return SMEContract.objects.filter(due_on__range=period)


def sme_due_cases(organisation, period: Period):
    return within(sme_due_in(period), organisation)


def sme_on_time_rate(units, period: Period):
    """中小企业账款按期支付率 = contracts due in the period and paid in full by their due date
    ÷ contracts due in the period."""
    frame = per_unit(
        units,
        sme_due_in(period),
        due=Count("id"),
        on_time=Count("id", filter=Q(settled_on__lte=F("due_on"))),
    )
    return rate(frame["on_time"], frame["due"])


def obligations_overdue_at(period: Period):
    """Incentives and PPP payments due before the period's last day and not paid in full
    (as the register stands: payments are dated, the paid amount is current)."""
    return Obligation.objects.filter(due_on__lt=period[1], amount_paid__lt=F("amount")).exclude(
        commitment__status__in=(Commitment.Status.DRAFT, Commitment.Status.WITHDRAWN)
    )


def obligation_overdue_cases(organisation, period: Period):
    return within(obligations_overdue_at(period), organisation, "commitment__organisation__path")


def obligation_overdue_count(units, period: Period):
    """逾期未兑现政府支付义务数 = incentives of investment agreements and PPP government
    payments due before the period's last day and not paid in full."""
    rows = obligations_overdue_at(period)
    return count(per_unit(units, rows, "commitment__organisation_id", n=Count("id"))["n"])


def fiscal_rows(period: Period):
    """The local-debt figures (one row per unit and year) of the period's years."""
    return FiscalYear.objects.filter(year__gte=period[0].year, year__lte=period[1].year)


def fiscal_cases(organisation, period: Period):
    return within(fiscal_rows(period), organisation)


def fiscal_debt_risk_level(units, period: Period):
    """地方债务风险等级（债务台账） = the worst level among the subtree's local-debt figures of
    the period's years: ratio = debt balance ÷ comprehensive fiscal capacity × 100; 0 green,
    1 yellow, 2 orange, 3 red by the DebtRiskRule in force. Units without figures: NaN."""
    rows = pd.DataFrame(
        scoped(units, fiscal_rows(period)).values_list(
            "organisation_id", "debt_balance", "fiscal_capacity"
        ),
        columns=["organisation_id", "balance", "capacity"],
    )
    capacity = rows["capacity"].astype(float)
    ratio = rows["balance"].astype(float) * 100 / capacity.where(capacity > 0)
    rows["level"] = np.searchsorted(thresholds(units, period), ratio, side="right")
    rows = assign_units(units, rows[ratio.notna()])
    grouped = rows.groupby("unit_id")["level"].agg(["max", "size"]).reindex(unit_ids(units))
    return pd.DataFrame({"value": grouped["max"], "cases": grouped["size"].fillna(0).astype(int)})


for metric in (
    Metric(
        "sme_overdue_count", "中小企业逾期账款笔数", "count", sme_overdue_count, sme_overdue_cases
    ),
    Metric(
        "sme_overdue_amount",
        "中小企业逾期账款金额（元）",
        "count",
        sme_overdue_amount,
        sme_overdue_cases,
    ),
    Metric("sme_on_time_rate", "中小企业账款按期支付率", "rate", sme_on_time_rate, sme_due_cases),
    Metric(
        "obligation_overdue_count",
        "逾期未兑现政府支付义务数",
        "count",
        obligation_overdue_count,
        obligation_overdue_cases,
    ),
    Metric(
        "fiscal_debt_risk_level",
        "地方债务风险等级（债务台账）",
        "count",
        fiscal_debt_risk_level,
        fiscal_cases,
    ),
):
    register(metric)
