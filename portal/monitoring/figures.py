"""Set-wise counts for one month, by organisation, rolled up to the monitored units.

Each metric is one query returning the owning organisation's ``path`` of every counted
row; a row counts for the unit whose subtree contains it (and always in the totals).
"""

import datetime
from collections import Counter
from collections.abc import Iterable

from django.db.models import F, Q

from commitments.derived import debt_risk_level
from commitments.models import Commitment, DebtRiskRule, LocalDebt
from commitments.proposals.models import Assignment, Reply
from integrity.core.models import Organisation
from integrity.core.workdays import local_midnight
from integrity.records.models import Complaint, DishonestyRecord, RecordStatus

from .models import Metric


def month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    """First day of ``month`` and first day of the next month."""
    first = month.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following


def previous_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=1) - datetime.timedelta(days=1)).replace(day=1)


def _moments(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first, following = month_bounds(month)
    return local_midnight(first), local_midnight(following)


def monitored_units() -> list[Organisation]:
    """County-level governments and city departments (each with its subtree)."""
    return list(
        Organisation.objects.active()
        .filter(
            Q(level=Organisation.Level.COUNTY, kind=Organisation.Kind.GOVERNMENT)
            | Q(level=Organisation.Level.CITY, kind=Organisation.Kind.DEPARTMENT)
        )
        .select_related("parent")
        .order_by("path")
    )


def metric_paths(month: datetime.date) -> dict[str, list[str]]:
    """For each metric, the organisation path of every row it counts."""
    first, following = month_bounds(month)
    start, end = _moments(month)
    return {
        Metric.OVERDUE: _paths(Commitment.objects.overdue(on=following), "organisation__path"),
        Metric.BROKEN: _paths(
            Commitment.objects.filter(
                status=Commitment.Status.BROKEN, closed_on__gte=first, closed_on__lt=following
            ),
            "organisation__path",
        ),
        Metric.NEW_RECORDS: _paths(
            DishonestyRecord.objects.exclude(
                status__in=[RecordStatus.DRAFT, RecordStatus.REVOKED]
            ).filter(determination_date__gte=first, determination_date__lt=following),
            "organisation__path",
        ),
        Metric.EXPIRED_RECORDS: _paths(
            DishonestyRecord.objects.filter(
                status=RecordStatus.EXPIRED, ended_at__gte=start, ended_at__lt=end
            ),
            "organisation__path",
        ),
        Metric.COMPLAINTS_RECEIVED: _paths(
            Complaint.objects.filter(submitted_at__gte=start, submitted_at__lt=end),
            "organisation__path",
        ),
        Metric.COMPLAINTS_ANSWERED: _paths(
            Complaint.objects.filter(answered_at__gte=start, answered_at__lt=end),
            "organisation__path",
        ),
        Metric.PROPOSALS_ASSIGNED: _paths(
            Assignment.objects.exclude(status=Assignment.Status.RETURNED).filter(
                assigned_on__gte=first, assigned_on__lt=following
            ),
            "unit__path",
        ),
        Metric.PROPOSALS_REPLIED: _paths(
            Reply.objects.filter(
                status=Reply.Status.SENT, sent_on__gte=first, sent_on__lt=following
            ),
            "assignment__unit__path",
        ),
        **_debt_paths(following),
        **_money_paths(following),
    }


def _paths(queryset, field: str) -> list[str]:
    return [path or "" for path in queryset.values_list(field, flat=True)]


def _debt_paths(following: datetime.date) -> dict[str, list[str]]:
    """Debts reported by the month end, by risk level under the rules in force for each."""
    levels = {
        "red": Metric.DEBT_RED,
        "orange": Metric.DEBT_ORANGE,
        "yellow": Metric.DEBT_YELLOW,
        "green": Metric.DEBT_GREEN,
    }
    found: dict[str, list[str]] = {metric: [] for metric in levels.values()}
    debts = (
        LocalDebt.objects.filter(as_of__lt=following)
        .exclude(commitment__status__in=[Commitment.Status.DRAFT, Commitment.Status.WITHDRAWN])
        .select_related("commitment__organisation")
    )
    rules: dict[int, DebtRiskRule | None] = {}
    for debt in debts:
        org = debt.commitment.organisation
        if org.pk not in rules:
            rules[org.pk] = DebtRiskRule.objects.resolve(on=debt.as_of, organisation=org)
        level = debt_risk_level(debt, rules[org.pk]) if rules[org.pk] else None
        if level in levels:
            found[levels[level]].append(org.path)
    _fiscal_levels(following, found, levels)
    return found


def _money_paths(following: datetime.date) -> dict[str, list[str]]:
    """SME contracts not paid in full by the month end although due before it (paid later
    or not at all), and incentives and PPP payments due before it and not paid in full."""
    from commitments.models import Obligation
    from commitments.money.models import SMEContract

    sme = SMEContract.objects.filter(due_on__lt=following).filter(
        Q(settled_on__isnull=True) | Q(settled_on__gte=following)
    )
    obligations = Obligation.objects.filter(
        due_on__lt=following, amount_paid__lt=F("amount")
    ).exclude(commitment__status__in=[Commitment.Status.DRAFT, Commitment.Status.WITHDRAWN])
    return {
        Metric.SME_OVERDUE: _paths(sme, "organisation__path"),
        Metric.OBLIGATIONS_OVERDUE: _paths(obligations, "commitment__organisation__path"),
    }


def _fiscal_levels(following: datetime.date, found: dict, levels: dict) -> None:
    """Each unit's local-debt figures of the month's year (the debt register), by level."""
    from commitments.derived import fiscal_year_risk
    from commitments.money.models import FiscalYear

    year = (following - datetime.timedelta(days=1)).year
    for row in FiscalYear.objects.filter(year=year).select_related("organisation"):
        _ratio, level, _rule = fiscal_year_risk(row)
        if level in levels:
            found[levels[level]].append(row.organisation.path)


def _unit_of(path: str, unit_ids: set[int]) -> int | None:
    for part in path.strip("/").split("/"):
        if part.isdigit() and int(part) in unit_ids:
            return int(part)
    return None


def roll_up(
    paths: dict[str, list[str]], units: Iterable[Organisation]
) -> tuple[dict[int, Counter], Counter]:
    """Counts per unit (subtree rolled up) and in total."""
    unit_ids = {unit.pk for unit in units}
    by_unit: dict[int, Counter] = {pk: Counter() for pk in unit_ids}
    totals: Counter = Counter()
    for metric, rows in paths.items():
        totals[metric] += len(rows)
        for path in rows:
            unit = _unit_of(path, unit_ids)
            if unit is not None:
                by_unit[unit][metric] += 1
    return by_unit, totals


def month_figures(month: datetime.date) -> tuple[dict[str, dict], dict[str, int]]:
    """``(figures by unit id, totals)`` for ``month``, every metric present (0 if none)."""
    units = monitored_units()
    by_unit, totals = roll_up(metric_paths(month), units)
    metrics = [m.value for m in Metric]
    figures = {
        str(unit.pk): {
            "name": unit.name,
            "path": unit.path,
            "level": unit.level,
            "supervisor": unit.parent_id,
            **{m: by_unit[unit.pk][m] for m in metrics},
        }
        for unit in units
    }
    return figures, {m: totals[m] for m in metrics}
