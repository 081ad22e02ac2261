"""The hand-worked example of docs/scoring.md, computed by hand in the comments."""

import math

import pandas as pd

from assessment import scoring

LEAVES = pd.DataFrame(
    [
        # indicator_id, method, points, per_item, cap
        (1, "auto", 40, None, None),  # A1 a rate × 40
        (2, "manual", 30, None, None),  # A2 points given by the reviewer
        (3, "deduction", 30, 4, 10),  # D1 4 per item, at most 10
        (4, "bonus", 0, 1, 3),  # B1 1 per item, at most 3
        (5, "veto", 0, None, None),  # V1 any item forces the lowest grade
    ],
    columns=["indicator_id", "method", "points", "per_item", "cap"],
)
BANDS = pd.DataFrame(
    [("优秀", 90, None), ("良好", 80, None), ("合格", 60, None), ("不合格", 0, None)],
    columns=["name", "min_score", "quota"],
)
# unit: A1 rate, A2 points, D1 items, B1 items, V1 items
VALUES = {
    101: (0.9, 27, 1, 5, 0),  # 36 + 27 + 30 − 4 + 3 (5 capped to 3) = 92
    102: (1.0, 25, 5, 0, 0),  # 40 + 25 + 30 − 10 (5×4 = 20 capped to 10) = 85
    103: (0.75, 25, 0, 0, 0),  # 30 + 25 + 30 = 85, tied with 102
    104: (1.0, 30, 0, 0, 1),  # 100 but vetoed: last, 不合格
    201: (0.5, 20, 0, 0, 0),  # another peer group: 20 + 20 + 30 = 70
}


def raw_frame() -> pd.DataFrame:
    rows = [
        (unit, indicator, value)
        for unit, values in VALUES.items()
        for indicator, value in zip(range(1, 6), values, strict=True)
    ]
    return pd.DataFrame(rows, columns=["unit_id", "indicator_id", "value"])


def units_frame() -> pd.DataFrame:
    return pd.DataFrame({"unit_id": list(VALUES), "peer_group_id": [1, 1, 1, 1, 2]})


def result() -> pd.DataFrame:
    frame = scoring.compute(raw_frame(), LEAVES, units_frame(), BANDS)
    return frame.set_index("unit_id")


def test_the_hand_worked_example_gives_the_expected_totals():
    frame = result()
    assert frame["total"].to_dict() == {101: 92.0, 102: 85.0, 103: 85.0, 104: 100.0, 201: 70.0}
    assert frame.loc[101, ["base", "deductions", "bonus"]].tolist() == [93.0, 4.0, 3.0]
    assert frame.loc[102, "deductions"] == 10.0  # 20 over the cap of 10


def test_ties_share_the_rank_and_a_veto_goes_last():
    frame = result()
    assert frame["rank"].to_dict() == {101: 1, 102: 2, 103: 2, 104: 4, 201: 1}


def test_grades_follow_the_bands_and_the_veto_forces_the_lowest():
    frame = result()
    assert frame["grade"].to_dict() == {
        101: "优秀",
        102: "良好",
        103: "良好",
        104: "不合格",
        201: "合格",
    }


def test_a_quota_demotes_the_units_beyond_it_one_band():
    bands = BANDS.copy()
    bands.loc[0, "quota"] = 0.25  # floor(0.25 × 4) = 1 优秀 in group 1
    raw = raw_frame()
    raw.loc[(raw.unit_id == 103) & (raw.indicator_id == 1), "value"] = 1.0  # 40+25+30 = 95
    frame = scoring.compute(raw, LEAVES, units_frame(), bands).set_index("unit_id")
    assert frame.loc[103, "total"] == 95.0 and frame.loc[103, "rank"] == 1
    assert frame.loc[103, "grade"] == "优秀"
    assert frame.loc[101, "grade"] == "良好"  # 92 but beyond the quota


def test_total_never_goes_below_zero():
    leaves = pd.DataFrame(
        [(1, "deduction", 0, 5, 50)],
        columns=["indicator_id", "method", "points", "per_item", "cap"],
    )
    raw = pd.DataFrame({"unit_id": [1], "indicator_id": [1], "value": [4]})
    totals = scoring.unit_totals(scoring.leaf_scores(raw, leaves))
    assert totals.loc[0, "total"] == 0.0 and totals.loc[0, "deductions"] == 20.0


def test_year_over_year_change_compares_totals_and_ranks():
    current = pd.DataFrame({"organisation_id": [1, 2], "total": [90.5, 80.0], "rank": [1, 2]})
    previous = pd.DataFrame(
        {"organisation_id": [1], "total": [85.0], "rank": [2], "grade": ["良好"]}
    )
    frame = scoring.year_over_year(current, previous).set_index("organisation_id")
    assert frame.loc[1, "total_change"] == 5.5 and frame.loc[1, "rank_change"] == 1
    assert math.isnan(frame.loc[2, "total_change"])


def test_band_boundaries_belong_to_the_higher_band():
    totals = pd.Series([100.0, 90.0, 89.995, 80.0, 79.99, 60.0, 59.99, 0.0])
    positions = scoring.band_positions(totals, BANDS)
    assert positions.tolist() == [0, 0, 1, 1, 2, 2, 3, 3]
    assert positions.tolist() == [scoring.band_of(t, BANDS) for t in totals]
    without_floor = BANDS[BANDS["name"] != "不合格"].reset_index(drop=True)
    assert scoring.band_positions(pd.Series([10.0]), without_floor).tolist() == [2]
