"""The authors' satisfaction rating; 不满意 reopens the assignment for another round."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import User

from ..events import EventType
from ..models import (
    Assignment,
    Member,
    Rating,
    Reply,
)
from .common import add_months, rules_for, today
from .replies import _refresh_item_status

# --- satisfaction and re-handling ---------------------------------------------------


@transaction.atomic
def rating_submit(
    *,
    by: User | None,
    reply: Reply,
    member: Member,
    result: str,
    process: str = "",
    comment: str = "",
    on: datetime.date | None = None,
) -> Rating:
    """Record the author's rating; 不满意 opens a new round with its own deadline."""
    on = on or today()
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.SENT:
        raise ValidationError(_("Only a sent reply can be rated."), code=CONFLICT)
    if not reply.recipients.filter(pk=member.pk).exists():
        raise ValidationError(_("Only the authors can rate this reply."))
    if hasattr(reply, "rating"):
        raise ValidationError(_("This reply has already been rated."))
    rating = Rating(
        reply=reply, member=member, result=result, process=process, comment=comment, rated_on=on
    )
    rating.full_clean()
    rating.save()
    record_event(
        type=EventType.RATED,
        actor=by,
        obj=reply,
        details={"result": result, "process": process, "round": reply.round},
    )
    if result == Rating.Level.UNSATISFIED:
        _reopen(by=by, assignment=reply.assignment, on=on)
    _refresh_item_status(reply.assignment.item)
    return rating


def _reopen(*, by: User | None, assignment: Assignment, on: datetime.date) -> None:
    rule = rules_for(assignment.item.organisation, on)
    assignment.round += 1
    assignment.round_started_on = on
    assignment.deadline = add_months(on, rule.rehandling_months)
    assignment.extended_months = 0
    assignment.save(update_fields=["round", "round_started_on", "deadline", "extended_months"])
    record_event(
        type=EventType.REOPENED,
        actor=by,
        obj=assignment,
        details={"round": assignment.round, "deadline": assignment.deadline},
    )


def rating_submit_as_user(*, user: User, reply: Reply, **kwargs) -> Rating:
    """A deputy rates through their roster entry."""
    member = getattr(user, "proposal_member", None)
    if member is None:
        raise ValidationError(_("Your login is not linked to the roster."))
    return rating_submit(by=user, reply=reply, member=member, **kwargs)
