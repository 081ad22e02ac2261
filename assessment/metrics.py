"""The metrics library: named, documented functions computed set-wise for all units.

Each metric takes ``units`` (a queryset of organisations) and a ``period``
(first and last day, inclusive) and returns a frame indexed by organisation id
with the columns ``value`` (a rate 0..1 or a count) and ``cases`` (how many
cases the value rests on). Each one has a drill-down: a queryset of the cases
behind a unit's number. No per-unit loops: one aggregate query per metric.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from django.db.models import QuerySet

Period = tuple[datetime.date, datetime.date]


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    kind: str  # "rate" or "count"
    compute: Callable[[QuerySet, Period], pd.DataFrame]
    cases: Callable[..., QuerySet]
    doc: str = ""


METRICS: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    METRICS[metric.code] = metric
    return metric


def empty_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {"value": pd.Series(dtype=float), "cases": pd.Series(dtype=int)},
        index=pd.Index([], name="organisation_id"),
    )


def metric_choices() -> list[tuple[str, str]]:
    return [(m.code, m.label) for m in METRICS.values()]
