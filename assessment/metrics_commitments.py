"""Metrics over commitments (承诺践诺): registered only when the commitments app exists."""

import numpy as np
import pandas as pd

from django.db.models import Count, F, Q

from assessment.metrics import (
    Metric,
    Period,
    assign_units,
    count,
    instants,
    memo,
    per_unit,
    rate,
    register,
    scoped,
    unit_ids,
    within,
)
from commitments.models import ChangeRequest, Commitment, DebtRiskRule, LocalDebt
from integrity.core.models import Organisation as Org

S = Commitment.Status
CLOSED = (S.FULFILLED, S.PARTLY_FULFILLED, S.BROKEN)


def due_in(period: Period):
    return Commitment.objects.filter(deadline__range=period)


def closed_cases(organisation, period: Period):
    """Commitments of the unit's subtree due in the period and closed with an outcome."""
    return within(due_in(period).filter(status__in=CLOSED), organisation)


def counts(units, period: Period) -> pd.DataFrame:
    """One grouped query (a single scan of the commitments) for the five commitment
    metrics; shared by them within one campaign computation."""
    due = Q(deadline__range=period)
    overdue = Q(status__in=Commitment.OPEN_STATUSES, deadline__lt=period[1])
    # Both sets lie at or before the period's end: one plain range, no OR of two index
    # searches (the scan is served by the covering index ``commitment_org_list``).
    rows = Commitment.objects.filter(deadline__lte=period[1])
    return memo(
        ("commitments", str(units.query), period),
        lambda: per_unit(
            units,
            rows,
            closed=Count("id", filter=due & Q(status__in=CLOSED)),
            done=Count("id", filter=due & Q(status=S.FULFILLED)),
            on_time=Count("id", filter=due & Q(status=S.FULFILLED, closed_on__lte=F("deadline"))),
            broken=Count("id", filter=due & Q(status=S.BROKEN)),
            overdue=Count("id", filter=overdue),
        ),
    )


def fulfilment_rate(units, period: Period):
    """履约率 = fulfilled ÷ commitments due in the period and closed (fulfilled, partly
    fulfilled, broken)."""
    frame = counts(units, period)
    return rate(frame["done"], frame["closed"])


def fulfilled_cases(organisation, period: Period):
    return within(due_in(period).filter(status=S.FULFILLED), organisation)


def on_time_rate(units, period: Period):
    """按期履约率 = fulfilled by the deadline ÷ fulfilled, over commitments due in the
    period."""
    frame = counts(units, period)
    return rate(frame["on_time"], frame["done"])


def overdue_cases(organisation, period: Period):
    return within(Commitment.objects.open().filter(deadline__lt=period[1]), organisation)


def overdue_count(units, period: Period):
    """逾期未履约数 = commitments still open after their deadline at the period's end."""
    return count(counts(units, period)["overdue"])


def broken_cases(organisation, period: Period):
    return within(due_in(period).filter(status=S.BROKEN), organisation)


def broken_count(units, period: Period):
    """失信（未履约）数 = commitments due in the period that ended broken."""
    return count(counts(units, period)["broken"])


def extensions_in(period: Period):
    """Approved change requests decided in the period that moved the deadline."""
    return ChangeRequest.objects.filter(
        status=ChangeRequest.Status.APPROVED,
        decided_at__gte=instants(period)[0],
        decided_at__lt=instants(period)[1],
        new_deadline__isnull=False,
    ).exclude(new_deadline=F("old_deadline"))


def extension_cases(organisation, period: Period):
    return within(extensions_in(period), organisation, "commitment__organisation__path")


def extension_count(units, period: Period):
    """延期次数 = approved change requests decided in the period that moved a commitment's
    deadline (``new_deadline`` set and different from ``old_deadline``)."""
    rows = extensions_in(period)
    return count(per_unit(units, rows, "commitment__organisation_id", n=Count("id"))["n"])


RISK_LEVELS = ("green", "yellow", "orange", "red")


def debt_rows(period: Period):
    """Debt figures (as of a day in the period) of local-debt commitments in force."""
    return LocalDebt.objects.filter(
        commitment__kind=Commitment.Kind.LOCAL_DEBT, as_of__range=period
    ).exclude(commitment__status__in=(S.DRAFT, S.WITHDRAWN))


def debt_cases(organisation, period: Period):
    return within(debt_rows(period), organisation, "commitment__organisation__path")


def thresholds(units, period: Period) -> list[float]:
    """Yellow, orange, red (percent) of the DebtRiskRule in force for the assessor (the
    units' common parent) at the period's end; DOMAIN.md defaults when none is seeded."""
    parent = Org.objects.filter(pk__in=units.values("parent")).first()
    rule = DebtRiskRule.objects.resolve(on=period[1], organisation=parent)
    if rule is None:
        return [120.0, 200.0, 300.0]
    return [float(rule.yellow_from), float(rule.orange_from), float(rule.red_from)]


def debt_risk_level(units, period: Period):
    """债务风险等级 = the worst risk level among the subtree's debt figures of the period:
    ratio = balance ÷ comprehensive fiscal capacity × 100; 0 green (< yellow), 1 yellow,
    2 orange, 3 red (≥ the configured thresholds). Units without figures get NaN (→ 0)."""
    rows = pd.DataFrame(
        scoped(units, debt_rows(period), "commitment__organisation_id").values_list(
            "commitment__organisation_id", "balance", "fiscal_capacity"
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
    Metric("commitment_fulfilment_rate", "承诺履约率", "rate", fulfilment_rate, closed_cases),
    Metric("commitment_on_time_rate", "承诺按期履约率", "rate", on_time_rate, fulfilled_cases),
    Metric("commitment_overdue_count", "逾期未履约承诺数", "count", overdue_count, overdue_cases),
    Metric("commitment_broken_count", "未履约承诺数", "count", broken_count, broken_cases),
    Metric("commitment_extension_count", "承诺延期次数", "count", extension_count, extension_cases),
    Metric("debt_risk_level", "债务风险等级", "count", debt_risk_level, debt_cases),
):
    register(metric)
