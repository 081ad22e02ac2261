"""Handling: communication, co-handler opinions, replies, the leader's approval, follow-up
commitments and the office's publication decision."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import User
from integrity.core.permissions import require_perm

from ..events import EventType
from ..models import (
    Assignment,
    Communication,
    Item,
    Member,
    Rating,
    Reply,
)
from .common import _require_office, category_of, today

# --- handling -------------------------------------------------------------------------


@transaction.atomic
def communication_record(
    *, by: User | None, assignment: Assignment, day: datetime.date, method: str, notes: str = ""
) -> Communication:
    require_perm(by, "proposals.change_assignment", assignment)
    record = Communication(assignment=assignment, day=day, method=method, notes=notes)
    record.full_clean()
    record.save()
    record_event(
        type=EventType.COMMUNICATED,
        actor=by,
        obj=assignment,
        details={"day": day, "method": method},
    )
    return record


@transaction.atomic
def opinion_submit(
    *, by: User | None, assignment: Assignment, opinion: str, on: datetime.date | None = None
) -> Assignment:
    """A co-handler sends its written opinion to the lead unit."""
    require_perm(by, "proposals.change_assignment", assignment)
    lock(assignment)
    if assignment.role != Assignment.Role.CO:
        raise ValidationError(_("Only co-handling units send opinions to the lead unit."))
    if not opinion.strip():
        raise ValidationError({"opinion": _("Write the opinion.")})
    assignment.opinion, assignment.opinion_on = opinion, on or today()
    assignment.save(update_fields=["opinion", "opinion_on"])
    record_event(type=EventType.OPINION_SENT, actor=by, obj=assignment)
    return assignment


def _check_can_reply(assignment: Assignment) -> None:
    if assignment.role == Assignment.Role.CO:
        raise ValidationError(
            _("Co-handling units do not reply to the author; send an opinion to the lead unit.")
        )
    if assignment.status != Assignment.Status.ACTIVE:
        raise ValidationError(_("This assignment is not active."), code=CONFLICT)


@transaction.atomic
def reply_draft(
    *,
    by: User | None,
    assignment: Assignment,
    category: str,
    title: str,
    body: str,
    promised_on: datetime.date | None = None,
    summary: str = "",
) -> Reply:
    """Draft the reply of the current round (one per unit and round; a second is refused)."""
    require_perm(by, "proposals.change_assignment", assignment)
    lock(assignment)
    _check_can_reply(assignment)
    code = category_of(assignment.item, category, today())
    if code.creates_followup and not promised_on:
        raise ValidationError({"promised_on": _("Give the date by which it will be solved.")})
    if assignment.replies.filter(round=assignment.round).exists():
        raise ValidationError(_("A reply for this round already exists."))
    reply = Reply.objects.create(
        assignment=assignment,
        round=assignment.round,
        category=category,
        title=title,
        body=body,
        promised_on=promised_on,
        summary=summary,
    )
    record_event(type=EventType.REPLY_DRAFTED, actor=by, obj=reply, details={"category": category})
    return reply


@transaction.atomic
def reply_update(*, by: User | None, reply: Reply, **fields) -> Reply:
    require_perm(by, "proposals.change_assignment", reply.assignment)
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.DRAFT:
        raise ValidationError(_("Only a draft can be changed."), code=CONFLICT)
    for name, value in fields.items():
        setattr(reply, name, value)
    code = category_of(reply.assignment.item, reply.category, today())
    if code.creates_followup and not reply.promised_on:
        raise ValidationError({"promised_on": _("Give the date by which it will be solved.")})
    reply.save()
    record_event(
        type=EventType.REPLY_DRAFTED, actor=by, obj=reply, details={"changed": list(fields)}
    )
    return reply


@transaction.atomic
def reply_submit(*, by: User | None, reply: Reply) -> Reply:
    require_perm(by, "proposals.change_assignment", reply.assignment)
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code=CONFLICT)
    reply.status = Reply.Status.SUBMITTED
    reply.save(update_fields=["status"])
    record_event(type=EventType.REPLY_SUBMITTED, actor=by, obj=reply)
    return reply


@transaction.atomic
def reply_send_back(*, by: User | None, reply: Reply, reason: str) -> Reply:
    """The unit leader returns a submitted reply to the operator for changes."""
    require_perm(by, "proposals.approve_reply", reply)
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted reply can be sent back."), code=CONFLICT)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    reply.status = Reply.Status.DRAFT
    reply.save(update_fields=["status"])
    record_event(type=EventType.REPLY_SENT_BACK, actor=by, obj=reply, reason=reason)
    return reply


def pending_cohandlers(assignment: Assignment, on: datetime.date) -> list[Assignment]:
    """Co-handlers whose opinion is missing while their own deadline has not passed."""
    if assignment.role != Assignment.Role.LEAD:
        return []
    return [
        co
        for co in assignment.item.assignments.filter(
            role=Assignment.Role.CO, status=Assignment.Status.ACTIVE
        )
        if co.opinion_on is None and co.deadline >= on
    ]


@transaction.atomic
def reply_approve(*, by: User | None, reply: Reply, on: datetime.date | None = None) -> Reply:
    """The unit leader approves; the reply is sent to every author (merged items too)."""
    require_perm(by, "proposals.approve_reply", reply)
    on = on or today()
    assignment = reply.assignment
    _check_can_reply(assignment)
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted reply can be approved."), code=CONFLICT)
    if pending_cohandlers(assignment, on):
        raise ValidationError(_("Wait for every co-handling unit's opinion or its deadline."))
    reply.status, reply.sent_on, reply.deadline = Reply.Status.SENT, on, assignment.deadline
    reply.save(update_fields=["status", "sent_on", "deadline"])
    item = assignment.item
    reply.recipients.set(_recipients(item))
    _refresh_item_status(item)
    record_event(
        type=EventType.REPLY_SENT,
        actor=by,
        obj=reply,
        details={"on": on, "on_time": reply.on_time, "category": reply.category},
    )
    _followup_create(by=by, reply=reply, on=on)
    return reply


def _recipients(item: Item) -> list[Member]:
    members = item.authors()
    for merged in item.merged_items.prefetch_related("co_authors").select_related("lead_author"):
        members.extend(merged.authors())
    return list({m.pk: m for m in members}.values())


def _refresh_item_status(item: Item) -> None:
    """Replied once every replying unit has sent this round's reply; closed once all rated well."""
    handlers = list(
        item.assignments.filter(status=Assignment.Status.ACTIVE).exclude(role=Assignment.Role.CO)
    )
    latest = [a.replies.filter(round=a.round, status=Reply.Status.SENT).first() for a in handlers]
    if not handlers or None in latest:
        status = (
            Item.Status.REHANDLING if any(a.round > 1 for a in handlers) else Item.Status.ASSIGNED
        )
    elif all(
        Rating.objects.filter(reply=r).exclude(result=Rating.Level.UNSATISFIED).exists()
        for r in latest
    ):
        status = Item.Status.CLOSED
    else:
        status = Item.Status.REPLIED
    item.status = status
    item.save(update_fields=["status"])
    item.merged_items.update(status=status)


def _followup_create(*, by: User | None, reply: Reply, on: datetime.date) -> None:
    """A B-type reply becomes a published follow-up commitment with the promised date."""
    from commitments.models import Commitment
    from commitments.services import commitment_create, commitment_publish

    item = reply.assignment.item
    if not category_of(item, reply.category, on).creates_followup or not reply.promised_on:
        return  # reply_submit/approve already require the date of a follow-up category
    commitment = commitment_create(
        by=by,
        organisation=reply.assignment.unit,
        kind=Commitment.Kind.PROPOSAL_FOLLOWUP,
        title=_("Follow-up of %(number)s: %(title)s")
        % {"number": item.number, "title": item.title},
        content=reply.summary or reply.title,
        target=reply.title,
        deadline=reply.promised_on,
    )
    # The leader approved the reply, so its promise is published with it.
    commitment_publish(commitment=commitment, by=None)
    reply.followup = commitment
    reply.save(update_fields=["followup"])


PUBLICATIONS = {Reply.Publication.FULL, Reply.Publication.SUMMARY, Reply.Publication.NONE}


@transaction.atomic
def reply_publish(
    *, by: User | None, reply: Reply, publication: str, summary: str = "", reason: str = ""
) -> Reply:
    """The office decides publication: full text, summary, or not published with a reason."""
    _require_office(by, reply.assignment.item)
    lock(reply)  # decide on the committed state, under a row lock
    if reply.status != Reply.Status.SENT:
        raise ValidationError(_("Only a sent reply can be published."), code=CONFLICT)
    if publication not in PUBLICATIONS:
        raise ValidationError({"publication": _("Choose how to publish.")})
    if publication == Reply.Publication.SUMMARY and not summary.strip():
        raise ValidationError({"summary": _("Write the summary to publish.")})
    if publication == Reply.Publication.NONE and not reason.strip():
        raise ValidationError({"unpublished_reason": _("Give the reason for not publishing.")})
    reply.publication, reply.summary, reply.unpublished_reason = publication, summary, reason
    reply.published_at = timezone.now() if publication != Reply.Publication.NONE else None
    reply.save(update_fields=["publication", "summary", "unpublished_reason", "published_at"])
    record_event(
        type=EventType.REPLY_PUBLISHED,
        actor=by,
        obj=reply,
        reason=reason,
        details={"publication": publication},
        organisation=reply.assignment.item.organisation,
    )
    return reply
