"""Rectification tasks after the assessment: one commitment per deduction and per 不合格.

The commitments app owns the commitment; we call its service when it is installed.
"""

import datetime
import importlib
from collections.abc import Callable

from django.utils.translation import gettext as _

from assessment.events import EventType
from assessment.models import AssessmentRules, Campaign, Indicator, Score
from integrity.core.events import record_event
from integrity.core.workdays import add_working_days

LOWEST_GRADE = "不合格"


def commitment_create_service() -> Callable | None:
    try:
        module = importlib.import_module("commitments.services")
    except ImportError:
        return None
    return getattr(module, "commitment_create", None)


def rectification_items(campaign: Campaign) -> list[tuple]:
    """``(unit, title)`` for every deduction actually made and every failed unit."""
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
        items.append((score.unit, title))
    lowest = campaign.scheme.bands.order_by("min_score").first()
    if lowest is None:  # a scheme without grade bands grades nobody
        return items
    for unit in campaign.units.filter(grade=lowest.name).select_related("organisation"):
        items.append(
            (unit, _("Rectify the failed %(year)s integrity assessment") % {"year": campaign.year})
        )
    return items


def rectification_request(*, campaign: Campaign, by, on: datetime.date) -> int:
    """Create the rectification commitments; returns how many (0 without the app)."""
    create = commitment_create_service()
    if create is None:
        return 0
    rules = AssessmentRules.objects.resolve(on=on, organisation=campaign.organisation)
    days = (rules or AssessmentRules()).rectification_working_days
    deadline = add_working_days(on, days).value
    items = rectification_items(campaign)
    for unit, title in items:
        create(
            by=by,
            organisation=unit.organisation,
            kind="rectification",
            title=title,
            deadline=deadline,
        )
        record_event(type=EventType.RECTIFICATION, actor=by, obj=unit, details={"title": title})
    return len(items)
