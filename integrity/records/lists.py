"""Red and black lists (红黑榜): dated issues compiled by the criteria in force, then published.

Red: units of the jurisdiction with no live record at the end of the period and a
commitment fulfilment rate (commitments closed in the period) at or above the criteria's
minimum. Black: units with at least the minimum number of records of the lowest counted
severity on public view at the end of the period. A black entry stops being shown on the
portal once none of its records is on public view (repair stops publication at once).
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import in_user_scope, require_perm

from .events import EventType
from .models import DishonestyRecord, ListCriteria, ListEntry, ListIssue, Severity

SEVERITY_ORDER = [Severity.MINOR, Severity.GENERAL, Severity.SERIOUS]
CLOSED = ["fulfilled", "partly_fulfilled", "broken", "changed"]


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


@transaction.atomic
def list_issue_create(
    *,
    by,
    jurisdiction: Organisation,
    title: str,
    period_start: datetime.date,
    period_end: datetime.date,
) -> ListIssue:
    """A draft issue with the criteria in force at the end of its period."""
    require_perm(by, "records.add_listissue", jurisdiction)
    _require(in_user_scope(by, jurisdiction), _("The unit is outside your jurisdiction."))
    _require(bool(title.strip()), _("Give the issue a title."))
    _require(period_start <= period_end, _("The period must start before it ends."))
    criteria = ListCriteria.objects.resolve(on=period_end, organisation=jurisdiction)
    _require(criteria is not None, _("No red and black list criteria cover this period."))
    issue = ListIssue.objects.create(
        jurisdiction=jurisdiction,
        title=title,
        period_start=period_start,
        period_end=period_end,
        criteria=criteria,
        created_by=by,
    )
    record_event(type=EventType.LIST_CREATED, actor=by, obj=issue)
    return issue


def _units(issue: ListIssue) -> QuerySet:
    kinds = (Organisation.Kind.GOVERNMENT, Organisation.Kind.DEPARTMENT)
    return Organisation.objects.subtree(issue.jurisdiction).active().filter(kind__in=kinds)


def _red(issue: ListIssue) -> list[tuple[Organisation, str]]:
    criteria, day = issue.criteria, issue.period_end
    live = DishonestyRecord.objects.live(on=day).filter(organisation=OuterRef("pk"))
    in_period = Q(commitments__closed_on__range=(issue.period_start, day))
    units = (
        _units(issue)
        .exclude(Exists(live))
        .annotate(
            closed=Count("commitments", filter=in_period & Q(commitments__status__in=CLOSED)),
            fulfilled=Count("commitments", filter=in_period & Q(commitments__status="fulfilled")),
        )
        .filter(closed__gte=max(criteria.red_min_closed, 1))
    )
    rows = []
    for unit in units:
        rate = Decimal(unit.fulfilled) / Decimal(unit.closed)
        if rate >= criteria.red_min_fulfilment_rate:
            reason = _("Fulfilment rate %(rate)s%% (%(done)d of %(closed)d), no dishonesty record.")
            values = {"rate": f"{rate * 100:.1f}", "done": unit.fulfilled, "closed": unit.closed}
            rows.append((unit, reason % values))
    return rows


def _black(issue: ListIssue) -> list[tuple[Organisation, str, list[int]]]:
    criteria = issue.criteria
    counted = SEVERITY_ORDER[SEVERITY_ORDER.index(Severity(criteria.black_min_severity)) :]
    public = DishonestyRecord.objects.public(on=issue.period_end).filter(severity__in=counted)
    rows = []
    for unit in _units(issue).filter(pk__in=public.values("organisation")):
        ids = list(public.filter(organisation=unit).values_list("pk", flat=True))
        if len(ids) >= criteria.black_min_records:
            reason = _("%(n)d dishonesty record(s) on public view.") % {"n": len(ids)}
            rows.append((unit, reason, ids))
    return rows


@transaction.atomic
def list_issue_compile(*, issue: ListIssue, by) -> ListIssue:
    """(Re)compute the entries of a draft issue by its criteria."""
    require_perm(by, "records.change_listissue", issue)
    lock(issue)
    _require(issue.status == ListIssue.Status.DRAFT, _("A published issue cannot change."))
    issue.entries.all().delete()
    for unit, reason in _red(issue):
        ListEntry.objects.create(
            issue=issue, kind=ListEntry.Kind.RED, organisation=unit, reason=reason
        )
    for unit, reason, ids in _black(issue):
        entry = ListEntry.objects.create(
            issue=issue, kind=ListEntry.Kind.BLACK, organisation=unit, reason=reason
        )
        entry.records.set(ids)
    issue.compiled_at = timezone.now()
    issue.save(update_fields=["compiled_at"])
    counts = {kind: issue.entries.filter(kind=kind).count() for kind in ListEntry.Kind.values}
    record_event(type=EventType.LIST_COMPILED, actor=by, obj=issue, details=counts)
    return issue


@transaction.atomic
def list_entry_remove(*, entry: ListEntry, by, reason: str) -> None:
    """Take a unit off a draft issue, with the reason (an editorial decision, logged)."""
    require_perm(by, "records.change_listissue", entry.issue)
    issue = lock(entry.issue)
    _require(issue.status == ListIssue.Status.DRAFT, _("A published issue cannot change."))
    _require(bool(reason.strip()), _("Give the reason."))
    details = {"kind": entry.kind, "unit": entry.organisation_id}
    entry.delete()
    record_event(
        type=EventType.LIST_ENTRY_REMOVED, actor=by, obj=issue, details=details, reason=reason
    )


@transaction.atomic
def list_issue_publish(*, issue: ListIssue, by) -> ListIssue:
    require_perm(by, "records.change_listissue", issue)
    lock(issue)
    _require(issue.status == ListIssue.Status.DRAFT, _("This issue is already published."))
    _require(issue.compiled_at is not None, _("Compile the lists before publishing."))
    issue.status, issue.published_at = ListIssue.Status.PUBLISHED, timezone.now()
    issue.save(update_fields=["status", "published_at"])
    record_event(type=EventType.LIST_PUBLISHED, actor=by, obj=issue)
    return issue


# --- public reads ---------------------------------------------------------------------


def published_issues() -> QuerySet:
    return ListIssue.objects.filter(status=ListIssue.Status.PUBLISHED).select_related(
        "jurisdiction", "criteria"
    )


def shown_entries(issue: ListIssue, *, on: datetime.date | None = None) -> dict[str, list]:
    """Red entries, and black entries that still have a record on public view."""
    through = ListEntry.records.through
    still_public = through.objects.filter(
        listentry=OuterRef("pk"),
        dishonestyrecord__in=DishonestyRecord.objects.public(on=on).values("pk"),
    )
    entries = issue.entries.select_related("organisation")
    red = list(entries.filter(kind=ListEntry.Kind.RED))
    black = list(entries.filter(kind=ListEntry.Kind.BLACK).filter(Exists(still_public)).distinct())
    return {"red": red, "black": black}
