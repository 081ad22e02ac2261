"""Writes for suggestions and proposals. Each validates, saves atomically and logs an event."""

import datetime
from collections.abc import Iterable, Sequence

from dateutil.relativedelta import relativedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import model_changes, record_event
from integrity.core.locking import CONFLICT, lock
from integrity.core.models import Organisation, User
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope, require_perm
from integrity.core.workdays import add_working_days

from .events import EventType
from .models import (
    Assignment,
    Communication,
    ExtensionRequest,
    HandlingRule,
    Item,
    Member,
    Rating,
    Reply,
    ReplyCategory,
    ReturnRequest,
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


# --- roster and registration -------------------------------------------------------


@transaction.atomic
def member_create(
    *, by: User | None, organisation: Organisation, kind: str, name: str, **fields
) -> Member:
    member = Member(organisation=organisation, kind=kind, name=name, **fields)
    member.full_clean()
    member.save()
    record_event(type=EventType.MEMBER_CREATED, actor=by, obj=member, details={"name": name})
    return member


@transaction.atomic
def item_register(
    *,
    by: User | None,
    organisation: Organisation,
    kind: str,
    year: int,
    number: str,
    title: str,
    lead_author: Member,
    content: str = "",
    session: str = "",
    co_authors: Iterable[Member] = (),
    registered_on: datetime.date | None = None,
) -> Item:
    """Register an item from the session or between sessions."""
    item = Item(
        organisation=organisation,
        kind=kind,
        year=year,
        number=number,
        title=title,
        content=content,
        session=session,
        lead_author=lead_author,
        registered_on=registered_on or today(),
    )
    item.full_clean()
    item.save()
    item.co_authors.set(co_authors)
    record_event(
        type=EventType.ITEM_REGISTERED,
        actor=by,
        obj=item,
        details={"number": number, "kind": kind, "year": year},
    )
    return item


ITEM_FIELDS = (
    "kind",
    "year",
    "session",
    "number",
    "title",
    "content",
    "lead_author",
    "registered_on",
)


@transaction.atomic
def item_update(*, by: User | None, item: Item, data: dict, co_authors=None) -> Item:
    """Correct the registration data; the office only."""
    lock(item)
    _require_office(by, item)
    original = Item.objects.get(pk=item.pk)
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    if co_authors is not None:
        item.co_authors.set(co_authors)
    changes = model_changes(item, {n: getattr(original, n) for n in data}, data)
    record_event(
        type=EventType.ITEM_UPDATED,
        actor=by,
        obj=item,
        details={"changes": {k: [str(a), str(b)] for k, (a, b) in changes.items()}},
    )
    return item


ROLE_OF_MODE = {Item.Mode.SOLE: Assignment.Role.SOLE, Item.Mode.SEPARATE: Assignment.Role.SEPARATE}


def _check_units(mode: str, units: Sequence) -> None:
    if not units:
        raise ValidationError(_("Choose at least one handling unit."))
    if mode == Item.Mode.SOLE and len(units) != 1:
        raise ValidationError(_("Sole handling takes exactly one unit."))
    if mode in (Item.Mode.SEPARATE, Item.Mode.LEAD) and len(units) < 2:
        raise ValidationError(_("This handling mode needs at least two units."))
    if len({unit.pk for unit, _task in units}) != len(units):
        raise ValidationError(_("A unit is listed twice."))


@transaction.atomic
def item_assign(
    *,
    by: User | None,
    item: Item,
    mode: str,
    units: Sequence[tuple[Organisation, str]],
    on: datetime.date | None = None,
) -> list[Assignment]:
    """Assign (交办) ``item``; in lead mode the first unit leads and the others co-handle.
    Locks the item: of two concurrent assignments the second is refused."""
    lock(item)
    _require_office(by, item)
    if item.merged_into_id:
        raise ValidationError(_("This item is handled together with another item."))
    if item.assignments.exists():
        raise ValidationError(_("This item has already been assigned."))
    _check_units(mode, units)
    on = on or today()
    item.mode, item.status = mode, Item.Status.ASSIGNED
    item.save(update_fields=["mode", "status"])
    item.merged_items.update(mode=mode, status=Item.Status.ASSIGNED)
    created = []
    for index, (unit, task) in enumerate(units):
        role = ROLE_OF_MODE.get(Item.Mode(mode)) or (
            Assignment.Role.LEAD if index == 0 else Assignment.Role.CO
        )
        created.append(_assignment_add(item=item, unit=unit, role=role, task=task, on=on))
    record_event(
        type=EventType.ITEM_ASSIGNED,
        actor=by,
        obj=item,
        details={"mode": mode, "units": [u.pk for u, _t in units], "on": on},
    )
    return created


def _assignment_add(
    *, item: Item, unit: Organisation, role: str, task: str, on: datetime.date
) -> Assignment:
    rule = rules_for(item.organisation, on)
    months = rule.cohandler_months if role == Assignment.Role.CO else rule.reply_months
    return Assignment.objects.create(
        item=item,
        unit=unit,
        role=role,
        task=task,
        assigned_on=on,
        round_started_on=on,
        deadline=add_months(on, months),
    )


@transaction.atomic
def item_reassign(
    *,
    by: User | None,
    item: Item,
    unit: Organisation,
    role: str,
    task: str = "",
    on: datetime.date | None = None,
) -> Assignment:
    """Add a unit after a returned assignment (the office's decision). Refused when the
    unit already has a live assignment on the item (e.g. the same decision made twice)."""
    lock(item)
    _require_office(by, item)
    if item.assignments.filter(unit=unit).exclude(status=Assignment.Status.RETURNED).exists():
        raise ValidationError(_("This unit is already handling this item."))
    assignment = _assignment_add(item=item, unit=unit, role=role, task=task, on=on or today())
    if item.status == Item.Status.REGISTERED:
        item.status = Item.Status.ASSIGNED
        item.save(update_fields=["status"])
    record_event(
        type=EventType.ITEM_ASSIGNED,
        actor=by,
        obj=item,
        details={"unit": unit.pk, "role": role, "reassigned": True},
    )
    return assignment


@transaction.atomic
def item_merge(*, by: User | None, item: Item, into: Item) -> Item:
    """Handle ``item`` together with ``into``; each author still gets the reply.
    Locks both items (in id order, so two opposite merges cannot deadlock)."""
    for row in sorted((item, into), key=lambda i: i.pk):
        lock(row)
    _require_office(by, item)
    if item.pk == into.pk or into.merged_into_id:
        raise ValidationError(_("Choose a different main item."))
    if item.merged_into_id or item.merged_items.exists():
        raise ValidationError(
            _("Item %(number)s is already handled together with other items.")
            % {"number": item.number}
        )
    item.merged_into = into
    item.status = into.status
    item.save(update_fields=["merged_into", "status"])
    record_event(type=EventType.ITEM_MERGED, actor=by, obj=item, details={"into": into.pk})
    return item


@transaction.atomic
def item_assign_merged(
    *,
    by: User | None,
    items: Sequence[Item],
    mode: str,
    units: Sequence[tuple[Organisation, str]],
    on: datetime.date | None = None,
) -> list[Assignment]:
    """Handle identical items together: the first is the main item, the others merge into it.

    Only the main item gets assignments; every author of every merged item receives the
    reply (see ``_recipients``) and may rate it. Raises ValidationError, naming the item at
    fault, when an item is of another office or already assigned or merged; the whole call
    is one transaction, so nothing is written then.
    """
    if len(items) < 2:
        raise ValidationError(_("Choose at least two items to handle together."))
    for row in sorted(items, key=lambda i: i.pk):
        lock(row)  # all rows up front, in id order (no lock-order deadlock)
    main, *others = items
    for other in others:
        _check_mergeable(other, main)
    for other in others:
        item_merge(by=by, item=other, into=main)
    return item_assign(by=by, item=main, mode=mode, units=units, on=on)


def _check_mergeable(item: Item, main: Item) -> None:
    if item.organisation_id != main.organisation_id:
        raise ValidationError(
            _("Item %(number)s belongs to another office and cannot be handled with these.")
            % {"number": item.number}
        )
    if item.assignments.exists():
        raise ValidationError(
            _("Item %(number)s has already been assigned and cannot be merged.")
            % {"number": item.number}
        )


@transaction.atomic
def item_mark_key(
    *, by: User | None, item: Item, supervisor_name: str, is_key: bool = True
) -> Item:
    """Mark or unmark the item for leader supervision (重点督办)."""
    lock(item)
    _require_office(by, item)
    if is_key and not supervisor_name.strip():
        raise ValidationError({"supervisor_name": _("Name the supervising leader.")})
    item.is_key, item.supervisor_name = is_key, supervisor_name if is_key else ""
    item.save(update_fields=["is_key", "supervisor_name"])
    record_event(
        type=EventType.ITEM_KEY,
        actor=by,
        obj=item,
        details={"is_key": is_key, "supervisor": supervisor_name},
    )
    return item


# --- return and extension -----------------------------------------------------------


def return_window_end(assignment: Assignment) -> datetime.date:
    rule = rules_for(assignment.item.organisation, assignment.assigned_on)
    return add_working_days(assignment.assigned_on, rule.return_window_workdays).value


@transaction.atomic
def return_request(
    *, by: User | None, assignment: Assignment, reason: str, on: datetime.date | None = None
) -> ReturnRequest:
    """Ask the office to take back a wrongly assigned item, within the working-day window."""
    require_perm(by, "proposals.change_assignment", assignment)
    on = on or today()
    lock(assignment)  # decide on the committed state, under a row lock
    if assignment.status != Assignment.Status.ACTIVE:
        raise ValidationError(_("This assignment is not active."), code=CONFLICT)
    if on > return_window_end(assignment):
        raise ValidationError(_("The window for returning this assignment has closed."))
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    request = ReturnRequest.objects.create(assignment=assignment, reason=reason, requested_on=on)
    assignment.status = Assignment.Status.RETURN_REQUESTED
    assignment.save(update_fields=["status"])
    record_event(type=EventType.RETURN_REQUESTED, actor=by, obj=assignment, reason=reason)
    return request


@transaction.atomic
def return_decide(
    *,
    by: User | None,
    request: ReturnRequest,
    approve: bool,
    note: str = "",
    on: datetime.date | None = None,
) -> ReturnRequest:
    """The assigning office approves (assignment returned) or rejects (assignment stands)."""
    assignment = request.assignment
    _require_office(by, assignment.item)
    lock(request)  # decide on the committed state, under a row lock
    if request.status != ReturnRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code=CONFLICT)
    request.status = ReturnRequest.Status.APPROVED if approve else ReturnRequest.Status.REJECTED
    request.decision_note, request.decided_on = note, on or today()
    request.save()
    assignment.status = Assignment.Status.RETURNED if approve else Assignment.Status.ACTIVE
    assignment.save(update_fields=["status"])
    record_event(
        type=EventType.RETURN_DECIDED,
        actor=by,
        obj=assignment,
        reason=note,
        details={"approved": approve},
        organisation=assignment.item.organisation,
    )
    return request


@transaction.atomic
def extension_request(
    *,
    by: User | None,
    assignment: Assignment,
    months: int,
    reason: str,
    on: datetime.date | None = None,
) -> ExtensionRequest:
    require_perm(by, "proposals.change_assignment", assignment)
    if months < 1:
        raise ValidationError({"months": _("Ask for at least one month.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    request = ExtensionRequest.objects.create(
        assignment=assignment, months=months, reason=reason, requested_on=on or today()
    )
    record_event(
        type=EventType.EXTENSION_REQUESTED,
        actor=by,
        obj=assignment,
        reason=reason,
        details={"months": months},
    )
    return request


def first_assigned_on(assignment: Assignment) -> datetime.date:
    """The item's first assignment date: the six-month maximum counts from it, whatever round."""
    days = assignment.item.assignments.order_by("assigned_on").values_list("assigned_on", flat=True)
    return days.first() or assignment.assigned_on


@transaction.atomic
def extension_decide(
    *, by: User | None, request: ExtensionRequest, approve: bool, on: datetime.date | None = None
) -> ExtensionRequest:
    """Approve or refuse; an approved extension never takes the deadline past the maximum."""
    assignment = request.assignment
    _require_office(by, assignment.item)
    lock(request)  # decide on the committed state, under a row lock
    if request.status != ExtensionRequest.Status.PENDING:
        raise ValidationError(_("This request has already been decided."), code=CONFLICT)
    if approve:
        rule = rules_for(assignment.item.organisation, assignment.assigned_on)
        new_deadline = add_months(assignment.deadline, request.months)
        if new_deadline > add_months(first_assigned_on(assignment), rule.max_months):
            raise ValidationError(_("The deadline cannot be extended beyond the maximum."))
        assignment.deadline = new_deadline
        assignment.extended_months += request.months
        assignment.save(update_fields=["deadline", "extended_months"])
    request.status = (
        ExtensionRequest.Status.APPROVED if approve else ExtensionRequest.Status.REJECTED
    )
    request.decided_on = on or today()
    request.save()
    record_event(
        type=EventType.EXTENSION_DECIDED,
        actor=by,
        obj=assignment,
        details={"approved": approve, "deadline": assignment.deadline},
        organisation=assignment.item.organisation,
    )
    return request


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


# --- reminders (催办) --------------------------------------------------------------------


def _open_assignments():
    return (
        Assignment.objects.filter(status=Assignment.Status.ACTIVE)
        .exclude(item__status__in=[Item.Status.CLOSED, Item.Status.REGISTERED])
        .select_related("item__organisation", "unit")
    )


def _needs_work(assignment: Assignment) -> bool:
    if assignment.role == Assignment.Role.CO:
        return assignment.opinion_on is None
    return not assignment.replies.filter(round=assignment.round, status=Reply.Status.SENT).exists()


def _remind(assignment: Assignment, kind: str, by: User | None = None) -> bool:
    from integrity.core.services import notice_send

    title = (_("Overdue: %(title)s") if kind == "overdue" else _("Due soon: %(title)s")) % {
        "title": assignment.item.title
    }
    body = _("Item %(number)s is due on %(deadline)s.") % {
        "number": assignment.item.number,
        "deadline": assignment.deadline,
    }
    key = f"proposals.remind.{assignment.pk}.{assignment.round}.{assignment.deadline}.{kind}"
    _notice, created = notice_send(
        organisation=assignment.unit, key=key, title=title, body=body, level="warning", url=""
    )
    if created:
        record_event(
            type=EventType.REMINDED,
            actor=by,
            obj=assignment,
            details={"kind": kind, "deadline": assignment.deadline},
        )
    return created


def reminders_send(*, on: datetime.date | None = None) -> int:
    """Send 催办 notices for work due soon or overdue. Idempotent: returns new notices."""
    on = on or today()
    rules: dict[int, HandlingRule] = {}
    sent = 0
    for assignment in _open_assignments():
        org = assignment.item.organisation
        if org.pk not in rules:
            rules[org.pk] = rules_for(org, on)
        rule = rules[org.pk]
        if not _needs_work(assignment):
            continue
        if assignment.deadline < on:
            sent += _remind(assignment, "overdue")
        elif (assignment.deadline - on).days <= rule.remind_days_before:
            sent += _remind(assignment, "due_soon")
    return sent


def item_remind(*, by: User | None, item: Item) -> int:
    """The office chases every unit that still owes work on ``item``."""
    _require_office(by, item)
    kind = f"manual-{today()}"
    return sum(
        _remind(a, kind, by=by)
        for a in item.assignments.filter(status=Assignment.Status.ACTIVE)
        if _needs_work(a)
    )
