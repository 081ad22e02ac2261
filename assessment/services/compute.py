"""Helpers of the score computation (``assessment.services.campaigns``): the leaf frame
and the enrolment of score rows."""

from decimal import Decimal

import pandas as pd

from django.db.models import QuerySet

from assessment import scoring
from assessment.models import CampaignUnit, Score
from integrity.core.bulk import insert_dicts

LEAF_COLUMNS = ["id", "method", "points", "per_item", "cap"]


def leaf_frame(leaves: QuerySet) -> pd.DataFrame:
    """The leaves as ``scoring`` takes them: ``indicator_id, method, points, per_item, cap``."""
    frame = pd.DataFrame(leaves.values(*LEAF_COLUMNS), columns=LEAF_COLUMNS)
    return frame.rename(columns={"id": "indicator_id"})


def enrol_scores(units: list[CampaignUnit], leaves: QuerySet) -> None:
    """Every unit's score row on every leaf (by ``COPY`` on PostgreSQL), each holding the
    score its leaf gives while it has no value (0 for a manual item, the full points of a
    deduction item): the first computation then rewrites only the rows it finds a value
    for (``update_rows`` skips unchanged rows)."""
    frame = leaf_frame(leaves)
    blank = scoring.leaf_scores(frame[["indicator_id"]].assign(unit_id=0, value=None), frame)
    scores = (blank["score"] - blank["deducted"] + blank["bonus"]).round(2)
    empty = {
        leaf: Decimal(str(score)) for leaf, score in zip(blank["indicator_id"], scores, strict=True)
    }
    insert_dicts(
        Score,
        [
            {"unit_id": unit.pk, "indicator_id": leaf, "score": score}
            for unit in units
            for leaf, score in empty.items()
        ],
    )
