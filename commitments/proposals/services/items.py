"""Roster, registration, assignment, merging and key supervision of items."""

import datetime
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from integrity.core.events import model_changes, record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation, User

from ..events import EventType
from ..models import (
    Assignment,
    Item,
    Member,
)
from .common import _require_office, add_months, rules_for, today

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
