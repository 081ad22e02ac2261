"""Rectification tasks after the assessment: one commitment per deduction and per 不合格.

The commitments app owns the commitment; we call its services when it is installed. The
task is imposed, so it is published at once by the system (not public on the portal):
from then on the commitments' alarms (due soon, overdue, no progress) follow it.
"""

import datetime
import importlib
from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext as _

from assessment.events import EventType
from assessment.models import AssessmentRules, Campaign, Indicator, Score
from integrity.core.events import record_event
from integrity.core.workdays import add_working_days

LOWEST_GRADE = "不合格"


def commitment_services() -> tuple[Callable, Callable] | None:
    try:
        module = importlib.import_module("commitments.services")
    except ImportError:
        return None
    return module.commitment_create, module.commitment_publish


def commitment_create_service() -> Callable | None:
    services = commitment_services()
    return services[0] if services else None


def deducted(score: Score) -> Decimal:
    """min(per item × items, cap), as the scoring computes it."""
    leaf = score.indicator
    amount = (leaf.per_item or Decimal(1)) * (score.raw_value or 0)
    return min(amount, leaf.cap) if leaf.cap is not None else amount


def rectification_items(campaign: Campaign) -> list[dict]:
    """One item (unit, title, content, origin) per deduction actually made and per unit
    graded lowest."""
    items = []
    deductions = Score.objects.filter(
        unit__campaign=campaign,
        indicator__method=Indicator.Method.DEDUCTION,
        raw_value__gt=0,
    ).select_related("unit__organisation", "indicator")
    for score in deductions:
        title = _("Rectify: %(indicator)s (%(year)s assessment)") % {
            "indicator": score.indicator.name,
            "year": campaign.year,
        }
        content = _("%(items)s items found, %(points)s points deducted.") % {
            "items": f"{(score.raw_value or Decimal(0)).normalize():f}",
            "points": deducted(score),
        }
        items.append(
            {
                "unit": score.unit,
                "title": title,
                "content": content,
                "source": ("assessment.score", score.pk),
            }
        )
    lowest = campaign.scheme.bands.order_by("min_score").first()
    if lowest is None:  # a scheme without grade bands grades nobody
        return items
    for unit in campaign.units.filter(grade=lowest.name).select_related("organisation"):
        title = _("Rectify the failed %(year)s integrity assessment") % {"year": campaign.year}
        content = _("Total %(total)s, grade %(grade)s.") % {
            "total": unit.total,
            "grade": unit.grade,
        }
        if unit.vetoed:
            content += "一票否决。"
        items.append(
            {
                "unit": unit,
                "title": title,
                "content": content,
                "source": ("assessment.unit", unit.pk),
            }
        )
    return items


def rectification_request(*, campaign: Campaign, by, on: datetime.date) -> int:
    """Create and publish the rectification commitments (deadline: the rules' working
    days from ``on``); returns how many (0 without the commitments app)."""
    services = commitment_services()
    if services is None:
        return 0
    create, publish = services
    rules = AssessmentRules.objects.resolve(on=on, organisation=campaign.organisation)
    days = (rules or AssessmentRules()).rectification_working_days
    deadline = add_working_days(on, days).value
    items = rectification_items(campaign)
    for item in items:
        kind, pk = item["source"]
        commitment = create(
            by=by,
            organisation=item["unit"].organisation,
            kind="rectification",
            title=item["title"],
            content=item["content"],
            target=_("Rectified and reported before the deadline."),
            deadline=deadline,
            is_public=False,
            source_type=kind,
            source_id=str(pk),
            source_document=campaign.scheme.name,
        )
        publish(commitment=commitment, by=None)  # imposed: published by the system
        record_event(
            type=EventType.RECTIFICATION,
            actor=by,
            obj=item["unit"],
            details={"title": item["title"], "commitment": commitment.pk},
        )
    return len(items)
