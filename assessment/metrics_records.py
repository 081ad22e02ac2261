"""Metrics over government dishonesty records (政务失信记录), by severity."""

import datetime

import pandas as pd

from django.db.models import Count, Q

from assessment.bulkwrite import read_frame
from assessment.metrics import (
    Metric,
    Period,
    assign_units,
    count,
    instants,
    local_dates,
    per_unit,
    rate,
    register,
    scoped,
    unit_ids,
    within,
)
from integrity.core.workdays import WorkingCalendar
from integrity.records.models import (
    Complaint,
    ComplaintStatus,
    DishonestyRecord,
    RecordStatus,
    Severity,
    SourceType,
)

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


# --- judgment defaulters, complaints, publication within 7 working days ------------------


def defaulter_rows(period: Period):
    """Judgment-defaulter listings (失信被执行人) still live at the period's end."""
    return DishonestyRecord.objects.live(on=period[1]).filter(
        source=SourceType.JUDGMENT_DEFAULTER, determination_date__lte=period[1]
    )


def defaulter_cases(organisation, period: Period):
    return within(defaulter_rows(period), organisation)


def defaulter_count(units, period: Period):
    """未解决的失信被执行人 = records from a judgment-defaulter listing determined by the
    period's end and still live then (confirmed, notified or published, before the
    publication maximum): neither repaired, revoked nor expired."""
    return count(per_unit(units, defaulter_rows(period), n=Count("id"))["n"])


def complaints_received(period: Period):
    """Citizen reports submitted in the period (local days) and accepted (all but
    不予受理)."""
    start, end = instants(period)
    return Complaint.objects.filter(submitted_at__gte=start, submitted_at__lt=end).exclude(
        status=ComplaintStatus.REJECTED
    )


def complaint_cases(organisation, period: Period):
    return within(complaints_received(period), organisation)


def complaint_answer_rate(units, period: Period):
    """投诉举报按期答复率 = reports answered by their answer deadline (local date of
    ``answered_at`` on or before ``answer_due``) ÷ reports received in the period
    (not-accepted excluded)."""
    rows = read_frame(
        scoped(units, complaints_received(period)).order_by(),
        ["organisation_id", "answered_at", "answer_due"],
    )
    answered = local_dates(rows["answered_at"])
    due = pd.to_datetime(rows["answer_due"]).dt.date
    rows["on_time"] = answered.notna() & due.notna() & (answered <= due)
    rows = assign_units(units, rows)
    frame = rows.groupby("unit_id").agg(cases=("on_time", "size"), hit=("on_time", "sum"))
    frame = frame.reindex(unit_ids(units), fill_value=0)
    return rate(frame["hit"].astype(float), frame["cases"])


PUBLICATION_WORKING_DAYS = 7


def to_publish(period: Period):
    """Records determined in the period and chosen for publication (``publish``)."""
    return determined_in(period).filter(publish=True)


def publication_cases(organisation, period: Period):
    return within(to_publish(period), organisation)


def publication_rate(units, period: Period):
    """七日双公示率 = records published within 7 working days of the determination date
    (local date of ``published_at`` ≤ determination date + 7 working days, statutory
    calendar) ÷ records determined in the period and chosen for publication."""
    rows = read_frame(
        scoped(units, to_publish(period)).order_by(),
        ["organisation_id", "determination_date", "published_at"],
    ).rename(columns={"determination_date": "decided", "published_at": "published"})
    rows["decided"] = pd.to_datetime(rows["decided"]).dt.date
    limit = pd.Series(publication_limits(sorted(set(rows["decided"]))), dtype=object)
    published = local_dates(rows["published"])
    rows["on_time"] = published.notna() & (published <= rows["decided"].map(limit))
    rows = assign_units(units, rows)
    frame = rows.groupby("unit_id").agg(cases=("decided", "size"), hit=("on_time", "sum"))
    frame = frame.reindex(unit_ids(units), fill_value=0)
    return rate(frame["hit"].astype(float), frame["cases"])


def publication_limits(days: list) -> dict:
    """Each determination date → its last on-time publication day (one calendar load)."""
    if not days:
        return {}
    calendar = WorkingCalendar(days[0], days[-1] + datetime.timedelta(days=40))
    return {day: calendar.add(day, PUBLICATION_WORKING_DAYS).value for day in days}


for metric in (
    Metric(
        "records_defaulter_count", "未解决失信被执行人数", "count", defaulter_count, defaulter_cases
    ),
    Metric(
        "complaint_answer_rate",
        "投诉举报按期答复率",
        "rate",
        complaint_answer_rate,
        complaint_cases,
    ),
    Metric("records_publication_rate", "七日双公示率", "rate", publication_rate, publication_cases),
):
    register(metric)
