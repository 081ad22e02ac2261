"""Metrics over commitments (承诺践诺): registered only when the commitments app exists."""

from django.db.models import Count, F, Q, Sum

from assessment.metrics import Metric, Period, count, per_unit, rate, register, within
from commitments.models import Commitment

S = Commitment.Status
CLOSED = (S.FULFILLED, S.PARTLY_FULFILLED, S.BROKEN)


def due_in(period: Period):
    return Commitment.objects.filter(deadline__range=period)


def closed_cases(organisation, period: Period):
    """Commitments of the unit's subtree due in the period and closed with an outcome."""
    return within(due_in(period).filter(status__in=CLOSED), organisation)


def fulfilment_rate(units, period: Period):
    """履约率 = fulfilled ÷ commitments due in the period and closed (fulfilled, partly
    fulfilled, broken)."""
    frame = per_unit(
        units,
        due_in(period).filter(status__in=CLOSED),
        done=Count("id", filter=Q(status=S.FULFILLED)),
        cases=Count("id"),
    )
    return rate(frame["done"], frame["cases"])


def fulfilled_cases(organisation, period: Period):
    return within(due_in(period).filter(status=S.FULFILLED), organisation)


def on_time_rate(units, period: Period):
    """按期履约率 = fulfilled by the deadline ÷ fulfilled, over commitments due in the
    period."""
    rows = due_in(period).filter(status=S.FULFILLED)
    frame = per_unit(
        units, rows, cases=Count("id"), on_time=Count("id", filter=Q(closed_on__lte=F("deadline")))
    )
    return rate(frame["on_time"], frame["cases"])


def overdue_cases(organisation, period: Period):
    return within(Commitment.objects.open().filter(deadline__lt=period[1]), organisation)


def overdue_count(units, period: Period):
    """逾期未履约数 = commitments still open after their deadline at the period's end."""
    rows = Commitment.objects.open().filter(deadline__lt=period[1])
    return count(per_unit(units, rows, n=Count("id"))["n"])


def broken_cases(organisation, period: Period):
    return within(due_in(period).filter(status=S.BROKEN), organisation)


def broken_count(units, period: Period):
    """失信（未履约）数 = commitments due in the period that ended broken."""
    return count(per_unit(units, due_in(period).filter(status=S.BROKEN), n=Count("id"))["n"])


def extension_cases(organisation, period: Period):
    return within(due_in(period).filter(change_count__gt=0), organisation)


def extension_count(units, period: Period):
    """变更（延期）次数 = sum of changes of the commitments due in the period."""
    return count(per_unit(units, due_in(period), n=Sum("change_count"))["n"])


for metric in (
    Metric("commitment_fulfilment_rate", "承诺履约率", "rate", fulfilment_rate, closed_cases),
    Metric("commitment_on_time_rate", "承诺按期履约率", "rate", on_time_rate, fulfilled_cases),
    Metric("commitment_overdue_count", "逾期未履约承诺数", "count", overdue_count, overdue_cases),
    Metric("commitment_broken_count", "未履约承诺数", "count", broken_count, broken_cases),
    Metric("commitment_extension_count", "承诺变更次数", "count", extension_count, extension_cases),
):
    register(metric)
