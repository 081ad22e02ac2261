"""The metrics library: named, documented functions computed set-wise for all units.

Each metric takes ``units`` (a queryset of organisations) and a ``period``
(first and last day, inclusive) and returns a frame indexed by organisation id
with the columns ``value`` (a rate 0..1 or a count) and ``cases`` (how many
cases the value rests on). Each one has a drill-down: a queryset of the cases
behind a unit's number. No per-unit loops: one aggregate query per metric.
"""

import contextlib
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd

from django.db.models import Q, QuerySet
from django.utils import timezone

from integrity.core.workdays import ONE_DAY, local_midnight

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


# --- set-wise plumbing ------------------------------------------------------------------


_shared: dict | None = None


@contextlib.contextmanager
def shared_unit_map():
    """Within the block, ``unit_map`` is computed once per units queryset (one campaign
    computation asks for it once per metric)."""
    global _shared
    outer, _shared = _shared, {}
    try:
        yield
    finally:
        _shared = outer


@contextlib.contextmanager
def sharing():
    """``shared_unit_map()`` unless one is open already (a metric computed on its own
    reads the units once, not once per helper)."""
    if _shared is not None:
        yield
        return
    with shared_unit_map():
        yield


T = TypeVar("T")


def memo(key: tuple, compute: Callable[[], T]) -> T:
    """Within ``shared_unit_map()``, compute a shared frame once (several metrics read
    their columns from one grouped query)."""
    if _shared is None:
        return compute()
    if key not in _shared:
        _shared[key] = compute()
    return _shared[key]


def unit_map(units: QuerySet) -> pd.DataFrame:
    if _shared is None:
        return _unit_map(units)
    key = str(units.query)
    if key not in _shared:
        _shared[key] = _unit_map(units)
    return _shared[key]


def _unit_map(units: QuerySet) -> pd.DataFrame:
    """Every organisation in the units' subtrees → the unit it belongs to (by path prefix).

    Units are siblings (the assessor's direct subordinates), so an organisation's unit is
    the prefix of its path at the units' depth: one query, no per-unit loop.
    """
    from integrity.core.models import Organisation

    roots = unit_roots(units)
    if roots.empty:
        return pd.DataFrame(columns=["organisation_id", "unit_id"])
    depth = int(roots["depth"].max())
    prefix = "/".join(roots["path"].iloc[0].split("/")[:depth]) + "/"
    orgs = pd.DataFrame(
        Organisation.objects.filter(path__startswith=prefix, depth__gte=depth).values("id", "path"),
        columns=["id", "path"],
    )
    orgs["unit_path"] = orgs["path"].str.split("/").str[: depth + 1].str.join("/") + "/"
    merged = orgs.merge(
        roots[["id", "path"]], left_on="unit_path", right_on="path", suffixes=("", "_unit")
    )
    return merged.rename(columns={"id": "organisation_id", "id_unit": "unit_id"})[
        ["organisation_id", "unit_id"]
    ]


def unit_roots(units: QuerySet) -> pd.DataFrame:
    """The units' ``id, path, depth`` (one query, shared within ``shared_unit_map()``)."""
    return memo(
        ("roots", str(units.query)),
        lambda: pd.DataFrame(units.values("id", "path", "depth"), columns=["id", "path", "depth"]),
    )


def unit_ids(units: QuerySet) -> pd.Index:
    return pd.Index(unit_roots(units)["id"].tolist(), name="organisation_id")


def assign_units(units: QuerySet, frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``unit_id`` to rows carrying an ``organisation_id`` (rows outside the units'
    subtrees are dropped)."""
    return frame.merge(unit_map(units), on="organisation_id")


SCOPED_UNITS = 100


def scoped(units: QuerySet, rows: QuerySet, org_field: str = "organisation_id") -> QuerySet:
    """``rows`` of the units' subtrees only, when the units are few (one unit, a county's
    townships): their rows are then read along the organisation index, however many rows
    the province holds. Many units (a city's 3,000 subordinates) cover most rows: one scan
    of the rows is cheaper than the join, and rows outside the subtrees are dropped when
    mapped to units (``assign_units``)."""
    from integrity.core.models import Organisation

    paths = unit_roots(units)["path"]
    if len(paths) > SCOPED_UNITS:
        return rows
    inside = Q(pk__in=[])
    for path in paths:
        inside |= Q(path__startswith=path)
    return rows.filter(**{f"{org_field}__in": Organisation.objects.filter(inside).values("id")})


def per_unit(units: QuerySet, rows: QuerySet, org_field="organisation_id", **aggregates):
    """Aggregate ``rows`` (of the units' subtrees, see ``scoped``) per organisation in the
    database (one GROUP BY query), then sum per unit in pandas. Returns a frame indexed by
    unit (organisation) id with one column per aggregate; units without rows get 0."""
    names = list(aggregates)
    with sharing():
        counted = pd.DataFrame(
            scoped(units, rows, org_field)
            .values(org_field)
            .annotate(**aggregates)
            .order_by()
            .values_list(org_field, *names),
            columns=["organisation_id", *names],
        )
        frame = assign_units(units, counted).groupby("unit_id")[names].sum()
        return frame.reindex(unit_ids(units), fill_value=0).astype(float)


def rate(numerator: pd.Series, cases: pd.Series) -> pd.DataFrame:
    """``value = numerator / cases`` (NaN without cases; the fallback rule decides)."""
    value = numerator / cases.where(cases > 0)
    return pd.DataFrame({"value": value, "cases": cases.astype(int)})


def count(series: pd.Series) -> pd.DataFrame:
    return pd.DataFrame({"value": series, "cases": series.astype(int)})


def instants(period: Period) -> tuple[datetime.datetime, datetime.datetime]:
    """The period's days as an aware half-open range of instants: ``created_at__gte=start,
    created_at__lt=end`` selects what ``created_at__date__range=period`` selects."""
    return local_midnight(period[0]), local_midnight(period[1] + ONE_DAY)


def local_dates(values: pd.Series) -> pd.Series:
    """Stored instants (aware datetimes, or ISO strings read raw from SQLite, in UTC) →
    their local calendar dates (``datetime.date``; NaT stays missing)."""
    moments = pd.to_datetime(values, utc=True, format="ISO8601")
    return moments.dt.tz_convert(timezone.get_current_timezone()).dt.date


def within(queryset: QuerySet, organisation, lookup: str = "organisation__path") -> QuerySet:
    return queryset.filter(**{f"{lookup}__startswith": organisation.path})


def load_library() -> None:
    """Register the metrics of every source app present in the tree."""
    import importlib

    for module in (
        "assessment.metrics_commitments",
        "assessment.metrics_proposals",
        "assessment.metrics_records",
        "assessment.metrics_money",
    ):
        try:
            importlib.import_module(module)
        except ImportError:  # the source app is not installed
            continue
