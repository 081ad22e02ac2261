"""Metrics over NPC suggestions and CPPCC proposals (建议提案办理).

Same definitions as the proposals office's statistics
(``commitments.proposals.selectors.unit_statistics``), computed for all units at once:
two queries (assignments, sent replies) and vectorised pandas instead of a Python loop
over rows. Items of the assessed year; co-handling and returned assignments excluded.
"""

import pandas as pd

from django.db.models import Q

from assessment.bulkwrite import read_frame
from assessment.metrics import (
    Metric,
    Period,
    assign_units,
    memo,
    rate,
    register,
    scoped,
    unit_ids,
    within,
)
from commitments.proposals.models import Assignment, Rating, Reply

GOOD = (Rating.Level.SATISFIED, Rating.Level.BASIC)


def assignments(period: Period):
    return (
        Assignment.objects.filter(item__year=period[0].year)
        .exclude(role=Assignment.Role.CO)
        .exclude(status=Assignment.Status.RETURNED)
    )


def _frames(units, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The assignments (with their unit) and their sent replies: two queries, shared by
    both metrics within one campaign computation."""
    return memo(("proposals", str(units.query), period), lambda: _read(units, period))


def _read(units, period: Period) -> tuple[pd.DataFrame, pd.DataFrame]:
    mine = scoped(units, assignments(period), "unit_id")
    rows = read_frame(mine.order_by(), ["id", "unit_id"])
    rows = assign_units(units, rows.rename(columns={"unit_id": "organisation_id"}))
    replies = read_frame(
        Reply.objects.filter(assignment__in=mine, status=Reply.Status.SENT).order_by(),
        ["assignment_id", "round", "sent_on", "deadline", "rating__result"],
    ).rename(columns={"assignment_id": "id", "rating__result": "result"})
    for column in ("sent_on", "deadline"):  # ISO strings on SQLite, dates on PostgreSQL
        replies[column] = pd.to_datetime(replies[column])
    return rows, replies.sort_values(["id", "round"], kind="stable")


def _per_unit(units, rows: pd.DataFrame, flags: pd.Series, name: str) -> pd.DataFrame:
    rows = rows.assign(**{name: rows["id"].map(flags).fillna(False).astype(bool)})
    frame = rows.groupby("unit_id").agg(cases=("id", "size"), hit=(name, "sum"))
    return frame.reindex(unit_ids(units), fill_value=0)


def on_time_reply_rate(units, period: Period) -> pd.DataFrame:
    """建议提案按期答复率 = assignments whose first sent reply went out by its deadline ÷
    assignments (items of the year, co-handling and returned excluded)."""
    rows, replies = _frames(units, period)
    first = replies.drop_duplicates("id", keep="first").set_index("id")
    on_time = first["deadline"].notna() & (first["sent_on"] <= first["deadline"])
    frame = _per_unit(units, rows, on_time, "on_time")
    return rate(frame["hit"].astype(float), frame["cases"])


def satisfaction_rate(units, period: Period) -> pd.DataFrame:
    """建议提案满意率 = assignments whose last rated reply was rated 满意 or 基本满意 ÷
    assignments with a rating (each assignment counted once)."""
    rows, replies = _frames(units, period)
    rated = replies[replies["result"].notna() & (replies["result"] != "")]
    last = rated.drop_duplicates("id", keep="last").set_index("id")["result"].isin(GOOD)
    rows = rows[rows["id"].isin(last.index)]
    frame = _per_unit(units, rows, last, "satisfied")
    return rate(frame["hit"].astype(float), frame["cases"])


def assignment_cases(organisation, period: Period):
    return within(assignments(period), organisation, "unit__path").select_related("item")


def rated_cases(organisation, period: Period):
    rated = Q(replies__status=Reply.Status.SENT, replies__rating__isnull=False)
    return assignment_cases(organisation, period).filter(rated).distinct()


for metric in (
    Metric(
        "proposal_on_time_reply_rate",
        "建议提案按期答复率",
        "rate",
        on_time_reply_rate,
        assignment_cases,
    ),
    Metric("proposal_satisfaction_rate", "建议提案满意率", "rate", satisfaction_rate, rated_cases),
):
    register(metric)
