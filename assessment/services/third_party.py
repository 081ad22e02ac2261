"""Third-party evaluation (第三方评价): the values of designated leaves, imported from a
table a third party supplies, each recorded with its source. All or nothing."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessment.events import EventType
from assessment.models import Campaign, Score, ScoreChange
from assessment.services.campaigns import Status, campaign_compute, require_status
from integrity.core.events import record_event
from integrity.core.locking import lock

COLUMNS = ("单位", "指标编号", "分值")
OPEN_STAGES = (Status.SELF_ASSESSMENT, Status.REVIEW, Status.PROVISIONAL)


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str


def _scores_by_key(campaign: Campaign) -> dict[tuple[str, str], Score]:
    scores = Score.objects.filter(unit__campaign=campaign, indicator__third_party=True)
    keys: dict[tuple[str, str], Score] = {}
    for score in scores.select_related("unit__organisation", "indicator"):
        org = score.unit.organisation
        for name in {org.name, org.uscc, org.short_name} - {""}:
            keys[(name, score.indicator.code)] = score
    return keys


def _check_row(
    line: int, row: dict, keys: dict[tuple[str, str], Score]
) -> tuple[Score, Decimal] | RowProblem:
    unit, code = str(row.get("单位") or "").strip(), str(row.get("指标编号") or "").strip()
    score = keys.get((unit, code))
    if score is None:
        message = _("No third-party item %(code)s for the assessed unit “%(unit)s”.")
        return RowProblem(line, message % {"code": code, "unit": unit})
    try:
        value = Decimal(str(row.get("分值")).strip())
    except (InvalidOperation, ValueError):
        return RowProblem(line, _("The value is not a number."))
    limit = 1 if score.indicator.method == "auto" else score.indicator.points or None
    if value < 0 or (limit is not None and value > limit):
        return RowProblem(line, _("The value lies outside the item's range."))
    return score, value


@transaction.atomic
def third_party_import(
    *, campaign: Campaign, by, source: str, rows: list[dict], first_line: int = 2
) -> tuple[int, list[RowProblem]]:
    """Set the raw values of third-party leaves from ``rows`` (``单位`` name or USCC,
    ``指标编号``, ``分值``: a rate 0-1 for computed items, points otherwise). Returns
    ``(count, problems)``; with any problem nothing is written. Each value is logged as a
    reasoned score change naming ``source`` and kept on the score."""
    if not source.strip():
        raise ValidationError(_("Name the third party that supplied the values."))
    lock(campaign)
    require_status(campaign, *OPEN_STAGES)
    keys = _scores_by_key(campaign)
    checked: list[tuple[Score, Decimal]] = []
    problems: list[RowProblem] = []
    for offset, row in enumerate(rows):
        result = _check_row(first_line + offset, row, keys)
        if isinstance(result, RowProblem):
            problems.append(result)
        else:
            checked.append(result)
    if problems or not checked:
        return 0, problems or [RowProblem(first_line, _("The file has no rows."))]
    reason = _("Third-party evaluation: %(source)s") % {"source": source}
    for score, value in checked:
        ScoreChange.objects.create(
            score=score,
            old_value=score.raw_value,
            new_value=value,
            reason=reason,
            by=by if getattr(by, "pk", None) else None,
            version=score.version + 1,
        )
        score.raw_value, score.source, score.version = value, source, score.version + 1
    Score.objects.bulk_update([s for s, _v in checked], ["raw_value", "source", "version"])
    record_event(
        type=EventType.THIRD_PARTY_IMPORTED,
        actor=by,
        obj=campaign,
        reason=reason,
        details={"source": source, "rows": len(checked)},
    )
    campaign_compute(campaign=campaign)
    return len(checked), []
