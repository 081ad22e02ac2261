"""What the proposal services share: today, handling rules, reply categories, the office check."""

import datetime

from dateutil.relativedelta import relativedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.models import Organisation, User
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope

from ..models import (
    HandlingRule,
    Item,
    ReplyCategory,
)


def today() -> datetime.date:
    return timezone.localdate()


def add_months(day: datetime.date, months: int) -> datetime.date:
    return day + relativedelta(months=months)


def rules_for(organisation: Organisation, on: datetime.date) -> HandlingRule:
    """The handling rule in force, or the national defaults when none is stored."""
    rule = HandlingRule.objects.resolve(on=on, organisation=organisation)
    return rule or HandlingRule(valid_from=on)


def categories_for(organisation: Organisation, on: datetime.date) -> list[ReplyCategory]:
    """The category code list in force: the nearest jurisdiction's list wins."""
    rows = list(
        ReplyCategory.objects.applicable(on=on, organisation=organisation).select_related(
            "jurisdiction"
        )
    )
    if not rows:
        return []
    depth = max(r.jurisdiction.depth if r.jurisdiction_id else 0 for r in rows)
    return [r for r in rows if (r.jurisdiction.depth if r.jurisdiction_id else 0) == depth]


def category_of(item: Item, code: str, on: datetime.date) -> ReplyCategory:
    for category in categories_for(item.organisation, on):
        if category.code == code:
            return category
    raise ValidationError({"category": _("Unknown reply category.")})


def is_office(user: User | None, item: Item) -> bool:
    if user is None:
        return True  # system jobs and imports
    if user.is_superuser:
        return True
    return user.role == Role.PROPOSAL_OFFICE and in_user_scope(user, item.organisation)


def _require_office(user: User | None, item: Item) -> None:
    if not is_office(user, item):
        raise ValidationError(_("Only the assigning office may do this."))
