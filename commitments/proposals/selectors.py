"""Reads for suggestions and proposals: who sees what, and per-unit statistics.

The statistics functions are set-wise (a few queries for any number of units) so the
assessment module can call them for a whole campaign.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from integrity.core.models.users import Role
from integrity.core.permissions import acts_everywhere, is_backoffice

from .models import Assignment, Item, Rating, Reply

OFFICE_ROLES = {Role.PROPOSAL_OFFICE, Role.SYSADMIN, Role.ASSESSOR}
GOOD = {Rating.Level.SATISFIED, Rating.Level.BASIC}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def items_for(user, qs: QuerySet | None = None) -> QuerySet:
    """Items the user may see: office by its subtree, units by assignment, deputies own."""
    qs = Item.objects.all() if qs is None else qs
    if not _active(user):
        return qs.none()
    if acts_everywhere(user):
        return qs
    if user.role == Role.DEPUTY:
        return qs.filter(Q(lead_author__user=user) | Q(co_authors__user=user)).distinct()
    if not is_backoffice(user) or not user.organisation_id:
        return qs.none()
    path = user.organisation.path
    if user.role in OFFICE_ROLES:
        return qs.filter(organisation__path__startswith=path)
    ids = (
        Assignment.objects.filter(unit__path__startswith=path)
        .exclude(status=Assignment.Status.RETURNED)
        .values("item_id")
    )
    return qs.filter(pk__in=ids)


def assignments_for(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Assignment.objects.all() if qs is None else qs
    if not _active(user):
        return qs.none()
    if acts_everywhere(user):
        return qs
    if user.role == Role.DEPUTY or not is_backoffice(user) or not user.organisation_id:
        return qs.none()
    path = user.organisation.path
    if user.role in OFFICE_ROLES:
        return qs.filter(item__organisation__path__startswith=path)
    return qs.filter(unit__path__startswith=path)


def replies_for(user, qs: QuerySet | None = None) -> QuerySet:
    qs = Reply.objects.all() if qs is None else qs
    if not _active(user):
        return qs.none()
    if acts_everywhere(user):
        return qs
    if user.role == Role.DEPUTY:
        return qs.filter(status=Reply.Status.SENT, recipients__user=user).distinct()
    return qs.filter(assignment__in=assignments_for(user))


def published_replies() -> QuerySet:
    return (
        Reply.objects.published()
        .select_related("assignment__unit", "assignment__item__lead_author")
        .prefetch_related("assignment__item__co_authors")
    )


def followups_of(item: Item) -> list:
    """Follow-up commitments of the item's B replies, with their current status."""
    from commitments.models import Commitment

    return list(Commitment.objects.filter(proposal_replies__assignment__item=item).distinct())


# --- statistics -----------------------------------------------------------------------


@dataclass
class UnitStats:
    assigned: int = 0
    replied: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    rehandled: int = 0
    cohandled: int = 0
    categories: Counter = field(default_factory=Counter)

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(part / whole, 4) if whole else None

    @property
    def category_mix(self) -> str:
        return " ".join(f"{code}:{n}" for code, n in sorted(self.categories.items()))

    @property
    def reply_rate(self) -> float | None:
        return self._rate(self.replied, self.assigned)

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.assigned)

    @property
    def satisfaction_rate(self) -> float | None:
        """(满意 + 基本满意) over returned ratings, each item counted once (final rating)."""
        return self._rate(self.satisfied, self.rated)


def _replies_by_assignment(assignment_ids) -> dict[int, list[Any]]:
    rows = Reply.objects.filter(assignment_id__in=assignment_ids, status=Reply.Status.SENT).values(
        "assignment_id", "round", "category", "sent_on", "deadline", "rating__result"
    )
    found: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        found[row["assignment_id"]].append(row)
    return found


def _add_assignment(stats: UnitStats, assignment: Any, replies: list[Any]) -> None:
    stats.assigned += 1
    stats.rehandled += assignment["round"] > 1
    if not replies:
        return
    replies.sort(key=lambda r: r["round"])
    first, last = replies[0], replies[-1]
    stats.replied += 1
    stats.on_time += bool(first["deadline"] and first["sent_on"] <= first["deadline"])
    stats.categories[last["category"]] += 1
    rated = [r for r in replies if r["rating__result"]]
    if rated:
        stats.rated += 1
        stats.satisfied += rated[-1]["rating__result"] in GOOD


def unit_statistics(*, year: int, units=None, kind: str | None = None) -> dict[int, UnitStats]:
    """Per handling unit (id → :class:`UnitStats`) for items of ``year``.

    Co-handling tasks count only in ``cohandled``: the lead unit's reply is the one rated.
    """
    qs = Assignment.objects.filter(item__year=year).exclude(status=Assignment.Status.RETURNED)
    if units is not None:
        qs = qs.filter(unit__in=units)
    if kind:
        qs = qs.filter(item__kind=kind)
    rows = list(qs.values("id", "unit_id", "round", "role"))
    replying = [r for r in rows if r["role"] != Assignment.Role.CO]
    replies = _replies_by_assignment([r["id"] for r in replying])
    result: dict[int, UnitStats] = defaultdict(UnitStats)
    for row in rows:
        if row["role"] == Assignment.Role.CO:
            result[row["unit_id"]].cohandled += 1
        else:
            _add_assignment(result[row["unit_id"]], row, replies.get(row["id"], []))
    return dict(result)


FIELDS = ("assigned", "replied", "on_time", "rated", "satisfied", "rehandled", "cohandled")


def totals(stats: dict[int, UnitStats]) -> UnitStats:
    total = UnitStats()
    for one in stats.values():
        for name in FIELDS:
            setattr(total, name, getattr(total, name) + getattr(one, name))
        total.categories.update(one.categories)
    return total


# --- work lists -------------------------------------------------------------------------


@dataclass
class TodoRow:
    assignment: Assignment
    current_reply: Reply | None
    overdue: bool
    due_soon: bool

    @property
    def rehandling(self) -> bool:
        return self.assignment.round > 1


def _current_reply(assignment: Assignment) -> Reply | None:
    """This round's reply from prefetched ``replies``."""
    return next((r for r in assignment.replies.all() if r.round == assignment.round), None)


def _open_for_unit(assignment: Assignment, reply: Reply | None) -> bool:
    if assignment.role == Assignment.Role.CO:
        return assignment.opinion_on is None
    return reply is None or reply.status != Reply.Status.SENT


def todo_for(user, *, on) -> list[TodoRow]:
    """The unit's open assignments (reply or opinion still owed), overdue first.

    A fixed number of queries whatever the number of rows.
    """
    from . import services

    qs = (
        assignments_for(user)
        .filter(status__in=[Assignment.Status.ACTIVE, Assignment.Status.RETURN_REQUESTED])
        .exclude(item__status__in=[Item.Status.CLOSED, Item.Status.REGISTERED])
        .select_related("item__organisation", "unit")
        .prefetch_related("replies")
        .order_by("deadline", "pk")
    )
    rules: dict = {}
    rows = []
    for assignment in qs:
        org = assignment.item.organisation
        if org.pk not in rules:  # one lookup per assigning office, not per row
            rules[org.pk] = services.rules_for(org, on)
        rule = rules[org.pk]
        reply = _current_reply(assignment)
        if not _open_for_unit(assignment, reply):
            continue
        overdue = assignment.deadline < on
        due_soon = not overdue and (assignment.deadline - on).days <= rule.remind_days_before
        rows.append(TodoRow(assignment, reply, overdue, due_soon))
    rows.sort(key=lambda r: (not r.overdue, r.assignment.deadline))
    return rows


def deputy_replies(user) -> QuerySet:
    """Replies sent to the deputy (their own items and items merged with them)."""
    return (
        replies_for(user)
        .select_related("assignment__item", "assignment__unit", "rating")
        .order_by("-sent_on", "-pk")
    )


def office_todo(user) -> dict[str, QuerySet]:
    """What waits for the assigning office: registration, requests, publication decisions."""
    from .models import ExtensionRequest, ReturnRequest

    if user.role not in OFFICE_ROLES and not acts_everywhere(user):
        return {}
    items = items_for(user)
    assignments = Assignment.objects.filter(item__in=items)
    return {
        "unassigned": items.filter(status=Item.Status.REGISTERED, merged_into__isnull=True),
        "returns": ReturnRequest.objects.filter(
            assignment__in=assignments, status=ReturnRequest.Status.PENDING
        ).select_related("assignment__item", "assignment__unit"),
        "extensions": ExtensionRequest.objects.filter(
            assignment__in=assignments, status=ExtensionRequest.Status.PENDING
        ).select_related("assignment__item", "assignment__unit"),
        "to_publish": Reply.objects.filter(
            assignment__in=assignments, status=Reply.Status.SENT, publication=""
        ).select_related("assignment__item", "assignment__unit"),
    }


def item_timeline(item: Item) -> QuerySet:
    """Events on the item, its assignments and their replies, oldest first."""
    from django.contrib.contenttypes.models import ContentType

    from integrity.core.models import Event

    assignment_ids = [str(pk) for pk in item.assignments.values_list("pk", flat=True)]
    reply_ids = [
        str(pk) for pk in Reply.objects.filter(assignment__item=item).values_list("pk", flat=True)
    ]
    types = ContentType.objects.get_for_models(Item, Assignment, Reply)
    return Event.objects.filter(
        Q(content_type=types[Item], object_id=str(item.pk))
        | Q(content_type=types[Assignment], object_id__in=assignment_ids)
        | Q(content_type=types[Reply], object_id__in=reply_ids)
    ).order_by("created_at", "pk")
