"""Scoring of an assessment campaign: small pure pandas functions, frame in, frame out.

The formulas are written out in ``docs/scoring.md``. Nothing here touches the
database: ``assessment.services`` loads frames, calls these functions and
writes the results back.

Frames
------
``leaves``   one row per leaf indicator: ``indicator_id, method, points, per_item, cap``
``raw``      one row per unit and leaf: ``unit_id, indicator_id, value``
             (auto: a rate 0..1; manual: points given; deduction/bonus/veto: items)
``units``    one row per unit: ``unit_id, peer_group_id``
``bands``    one row per grade band: ``name, min_score, quota`` (quota may be NaN)
"""

import math

import numpy as np
import pandas as pd

AUTO, MANUAL, DEDUCTION, BONUS, VETO = "auto", "manual", "deduction", "bonus", "veto"
RESULT_COLUMNS = ["unit_id", "base", "deductions", "bonus", "total", "vetoed"]


def leaf_scores(raw: pd.DataFrame, leaves: pd.DataFrame) -> pd.DataFrame:
    """Per unit and leaf: ``score`` (points earned), ``deducted``, ``bonus`` and ``veto``."""
    frame = raw.merge(leaves, on="indicator_id", how="inner", validate="many_to_one")
    value = frame["value"].fillna(0).astype(float)
    points = frame["points"].astype(float)
    method = frame["method"]
    frame["score"] = np.select(
        [method == AUTO, method == MANUAL, method == DEDUCTION],
        [points * value.clip(0, 1), value.clip(0, points), points],
        default=0.0,
    )
    frame["deducted"] = np.where(method == DEDUCTION, capped_amount(frame, value), 0.0)
    frame["bonus"] = np.where(method == BONUS, capped_amount(frame, value), 0.0)
    frame["veto"] = (method == VETO) & (value > 0)
    return frame


def capped_amount(frame: pd.DataFrame, items: pd.Series) -> pd.Series:
    """``min(per_item × items, cap)``; without ``per_item`` the value is already points."""
    per_item = frame["per_item"].astype(float).fillna(1.0)
    cap = frame["cap"].astype(float).fillna(np.inf)
    return (per_item * items.clip(lower=0)).clip(upper=cap)


def unit_totals(scored: pd.DataFrame) -> pd.DataFrame:
    """``total = base − deductions + bonus`` per unit (never below 0); veto if any veto leaf."""
    grouped = scored.groupby("unit_id").agg(
        base=("score", "sum"),
        deductions=("deducted", "sum"),
        bonus=("bonus", "sum"),
        vetoed=("veto", "any"),
    )
    grouped["total"] = (grouped["base"] - grouped["deductions"] + grouped["bonus"]).clip(lower=0)
    return grouped.reset_index()[RESULT_COLUMNS].round(
        {"base": 2, "deductions": 2, "bonus": 2, "total": 2}
    )


def peer_ranks(totals: pd.DataFrame, units: pd.DataFrame) -> pd.DataFrame:
    """Rank by total within the peer group, highest first; ties share the lowest rank
    number (method "min"); vetoed units come after every unit that is not vetoed."""
    frame = totals.merge(units, on="unit_id", how="left")
    key = frame["total"].where(~frame["vetoed"], frame["total"] - 1e6)
    frame["rank"] = key.groupby(frame["peer_group_id"]).rank(method="min", ascending=False)
    frame["rank"] = frame["rank"].astype(int)
    frame["group_size"] = frame.groupby("peer_group_id")["unit_id"].transform("size")
    return frame


def band_of(total: float, bands: pd.DataFrame) -> int:
    """Position (0 = best) of the first band whose minimum the total reaches."""
    for position, minimum in enumerate(bands["min_score"].astype(float)):
        if total >= minimum:
            return position
    return len(bands) - 1


def band_positions(totals: pd.Series, bands: pd.DataFrame) -> pd.Series:
    """``band_of`` for every total at once (bands sorted best first)."""
    totals = totals.astype(float)
    position = pd.Series(len(bands) - 1, index=totals.index)
    for index, minimum in reversed(list(enumerate(bands["min_score"].astype(float)))):
        position = position.where(totals < minimum, index)
    return position


def grades(ranked: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """Grade by band; a band with a quota keeps at most ``floor(quota × group size)`` units
    of the peer group (by rank; ties at the limit stay in), the rest drop one band;
    a veto forces the lowest band."""
    bands = bands.sort_values("min_score", ascending=False).reset_index(drop=True)
    position = band_positions(ranked["total"], bands)
    for index, quota in bands["quota"].items():
        if quota is None or pd.isna(quota):
            continue
        allowed = (float(quota) * ranked["group_size"]).map(math.floor)
        over = (position == index) & (ranked["rank"] > allowed)
        position = position.where(~over, index + 1)
    lowest = len(bands) - 1
    position = position.clip(upper=lowest).where(~ranked["vetoed"], lowest)
    return ranked.assign(grade=position.map(bands["name"]))


def year_over_year(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Join last year's ``total, rank, grade`` by ``organisation_id``:
    ``total_change = total − previous_total``; ``rank_change = previous_rank − rank``
    (positive means the unit moved up)."""
    last = previous[["organisation_id", "total", "rank", "grade"]].rename(
        columns={"total": "previous_total", "rank": "previous_rank", "grade": "previous_grade"}
    )
    frame = current.merge(last, on="organisation_id", how="left")
    frame["total_change"] = (frame["total"] - frame["previous_total"]).round(2)
    frame["rank_change"] = frame["previous_rank"] - frame["rank"]
    return frame


def compute(
    raw: pd.DataFrame, leaves: pd.DataFrame, units: pd.DataFrame, bands: pd.DataFrame
) -> pd.DataFrame:
    """The whole computation: leaf scores → totals → ranks → grades, one row per unit."""
    totals = unit_totals(leaf_scores(raw, leaves))
    return grades(peer_ranks(totals, units), bands)


def small_sample_fallback(
    frame: pd.DataFrame, *, minimum: int, rule: str, fixed: float
) -> pd.DataFrame:
    """Replace rates resting on fewer than ``minimum`` cases (``unit_id, peer_group_id,
    value, cases``): ``peer_average`` = mean of the peer group's units with enough cases
    (``fixed`` when none has), ``full_marks`` = 1, ``fixed`` = the configured rate.
    Adds ``fallback`` (True where replaced)."""
    small = frame["cases"].fillna(0) < minimum
    if rule == "full_marks":
        replacement = pd.Series(1.0, index=frame.index)
    elif rule == "peer_average":
        enough = frame["value"].where(~small)
        mean = enough.groupby(frame["peer_group_id"]).transform("mean")
        replacement = mean.fillna(fixed)
    else:
        replacement = pd.Series(float(fixed), index=frame.index)
    return frame.assign(value=frame["value"].where(~small, replacement), fallback=small)
