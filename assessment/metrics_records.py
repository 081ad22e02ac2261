"""Metrics over government dishonesty records (政务失信记录), by severity."""

from django.db.models import Count, Q

from assessment.metrics import Metric, Period, count, per_unit, register, within
from integrity.records.models import DishonestyRecord, RecordStatus, Severity

COUNTED = (
    RecordStatus.CONFIRMED,
    RecordStatus.NOTIFIED,
    RecordStatus.PUBLISHED,
    RecordStatus.REPAIRED,
    RecordStatus.EXPIRED,
)


def determined_in(period: Period):
    return DishonestyRecord.objects.filter(determination_date__range=period, status__in=COUNTED)


def severity_metric(severity: str, label: str) -> Metric:
    def compute(units, period: Period):
        rows = determined_in(period)
        return count(per_unit(units, rows, n=Count("id", filter=Q(severity=severity)))["n"])

    def cases(organisation, period: Period):
        return within(determined_in(period).filter(severity=severity), organisation)

    compute.__doc__ = f"{label} = confirmed records of this severity determined in the period."
    return Metric(f"records_{severity}_count", label, "count", compute, cases)


for value, text in (
    (Severity.SERIOUS, "严重失信记录数"),
    (Severity.GENERAL, "一般失信记录数"),
    (Severity.MINOR, "轻微失信记录数"),
):
    register(severity_metric(value, text))
