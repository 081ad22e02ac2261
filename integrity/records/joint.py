"""Joint rewards and sanctions dispatch (联合奖惩: 发起 → 实施 → 反馈).

The credit office dispatches catalogue measures to implementing departments; each
department confirms, implements and feeds back by the due date. Ending a record (repair,
revocation, expiry) ends its open dispatches in the same transaction.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from integrity.core.display import deadline_text
from integrity.core.events import record_event
from integrity.core.locking import lock
from integrity.core.models import Organisation
from integrity.core.permissions import in_user_scope
from integrity.core.workdays import add_working_days

from .events import EventType
from .models import (
    OPEN_DISPATCH,
    DishonestyRecord,
    DispatchStatus,
    MeasureKind,
    MeasureSubject,
    RecordStatus,
    SanctionDispatch,
    SanctionMeasure,
)

LIVE = (RecordStatus.CONFIRMED, RecordStatus.NOTIFIED, RecordStatus.PUBLISHED)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise ValidationError(message)


def measures_in_force(
    *,
    organisation: Organisation | None,
    on: datetime.date | None = None,
    kind: str = "",
    subject: str = "",
) -> QuerySet:
    """Catalogue measures valid on ``on`` for ``organisation`` (national and local rows),
    optionally of one kind and applicable to one subject ("unit" or "official")."""
    day = on or timezone.localdate()
    rows = SanctionMeasure.objects.applicable(on=day, organisation=organisation)
    if kind:
        rows = rows.filter(kind=kind)
    if subject:
        rows = rows.filter(subject__in=[subject, MeasureSubject.BOTH])
    return rows


@transaction.atomic
def dispatch_create(
    *,
    by,
    measure: SanctionMeasure,
    departments: Iterable[Organisation],
    record: DishonestyRecord | None = None,
    organisation: Organisation | None = None,
    note: str = "",
) -> list[SanctionDispatch]:
    """Dispatch ``measure`` to each department: for a live record, or an incentive for a unit.

    Raises ValidationError when the measure does not fit, a department is outside the
    office's jurisdiction, or the measure is already open at that department.
    """
    departments = list(departments)
    _require(bool(departments), _("Choose at least one implementing department."))
    target = _target(by=by, measure=measure, record=record, organisation=organisation)
    today = timezone.localdate()
    subject = MeasureSubject.OFFICIAL if record and record.official_id else MeasureSubject.UNIT
    _require(
        measures_in_force(organisation=target, on=today, subject=subject)
        .filter(pk=measure.pk)
        .exists(),
        _("This measure is not in force for this subject."),
    )
    due = add_working_days(today, measure.feedback_days).value
    made = []
    for department in departments:
        _require(
            in_user_scope(by, department),
            _("%(dept)s is outside your jurisdiction.") % {"dept": department.name},
        )
        already = SanctionDispatch.objects.open().filter(
            record=record, organisation=target, measure=measure, department=department
        )
        _require(
            not already.exists(),
            _("%(dept)s already has this measure.") % {"dept": department.name},
        )
        made.append(_dispatch_one(by, measure, department, target, record, note, due))
    return made


def _target(*, by, measure, record, organisation) -> Organisation:
    if measure.kind == MeasureKind.PUNISHMENT:
        _require(record is not None, _("A sanction is dispatched for a record."))
        lock(record)
        _require(record.status in LIVE, _("Measures are dispatched only for a live record."))
        target = record.organisation
    else:
        _require(organisation is not None, _("Choose the unit to reward."))
        target = organisation
    _require(
        by is not None and by.has_perm("records.dispatch_dishonestyrecord", record or target),
        _("You may not dispatch measures for this unit."),
    )
    return target


def _dispatch_one(by, measure, department, target, record, note, due) -> SanctionDispatch:
    from integrity.core.services import notice_send

    dispatch = SanctionDispatch.objects.create(
        record=record,
        organisation=target,
        measure=measure,
        department=department,
        due_date=due,
        note=note,
        dispatched_by=by,
    )
    notice_send(
        organisation=department,
        key=f"dispatch-{dispatch.pk}",
        title=_("Joint sanction measure to implement: %(name)s") % {"name": measure.name},
        body=_("Subject: %(unit)s. Feed back by %(due)s.")
        % {"unit": target.name, "due": deadline_text(due)},
        level="warning",
    )
    record_event(
        type=EventType.DISPATCH_CREATED,
        actor=by,
        obj=dispatch,
        details={"measure": measure.code, "department": department.pk, "due": due},
    )
    return dispatch


def _may_implement(dispatch: SanctionDispatch, by) -> None:
    _require(
        by is not None and by.has_perm("records.implement_sanctiondispatch", dispatch),
        _("Only the implementing department may do this."),
    )


def _step(dispatch, *, by, allowed, to, event, **fields) -> SanctionDispatch:
    lock(dispatch)
    _may_implement(dispatch, by)
    _require(dispatch.status in allowed, _("This action is not possible in the current status."))
    old = dispatch.status
    dispatch.status = to
    for name, value in fields.items():
        setattr(dispatch, name, value)
    dispatch.save()
    record_event(type=event, actor=by, obj=dispatch, details={"from": old, "to": to})
    return dispatch


@transaction.atomic
def dispatch_confirm(*, dispatch: SanctionDispatch, by) -> SanctionDispatch:
    return _step(
        dispatch,
        by=by,
        allowed=(DispatchStatus.DISPATCHED,),
        to=DispatchStatus.CONFIRMED,
        event=EventType.DISPATCH_CONFIRMED,
        confirmed_at=timezone.now(),
    )


@transaction.atomic
def dispatch_implement(*, dispatch: SanctionDispatch, by, implementation: str) -> SanctionDispatch:
    _require(bool(implementation.strip()), _("Describe how the measure was implemented."))
    return _step(
        dispatch,
        by=by,
        allowed=(DispatchStatus.DISPATCHED, DispatchStatus.CONFIRMED),
        to=DispatchStatus.IMPLEMENTED,
        event=EventType.DISPATCH_IMPLEMENTED,
        implemented_at=timezone.now(),
        implementation=implementation,
        confirmed_at=dispatch.confirmed_at or timezone.now(),
    )


@transaction.atomic
def dispatch_feed_back(*, dispatch: SanctionDispatch, by, feedback: str) -> SanctionDispatch:
    _require(bool(feedback.strip()), _("Write the feedback."))
    return _step(
        dispatch,
        by=by,
        allowed=(DispatchStatus.IMPLEMENTED,),
        to=DispatchStatus.FED_BACK,
        event=EventType.DISPATCH_FED_BACK,
        fed_back_at=timezone.now(),
        feedback=feedback,
    )


def dispatches_end_for(record: DishonestyRecord, *, by, reason: str) -> int:
    """End every open or fed-back dispatch of a record that has ended (caller holds the lock)."""
    now = timezone.now()
    ended = 0
    active = (*OPEN_DISPATCH, DispatchStatus.FED_BACK)
    for dispatch in record.dispatches.filter(status__in=active).select_for_update():
        dispatch.status, dispatch.ended_at = DispatchStatus.ENDED, now
        dispatch.end_reason = reason[:200]
        dispatch.save(update_fields=["status", "ended_at", "end_reason"])
        record_event(type=EventType.DISPATCH_ENDED, actor=by, obj=dispatch, reason=reason)
        ended += 1
    return ended


# --- reads ----------------------------------------------------------------------------


def dispatch_statistics(queryset: QuerySet, *, on: datetime.date | None = None) -> dict:
    """Counts of dispatched / implemented / fed back / ended / overdue measures.

    ``implemented`` counts every measure that was implemented (including those fed back
    since); ``overdue`` counts open measures past their feedback due date.
    """
    day = on or timezone.localdate()
    return queryset.aggregate(
        dispatched=Count("pk"),
        confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)),
        implemented=Count("pk", filter=Q(implemented_at__isnull=False)),
        fed_back=Count("pk", filter=Q(fed_back_at__isnull=False)),
        ended=Count("pk", filter=Q(status=DispatchStatus.ENDED)),
        overdue=Count("pk", filter=Q(status__in=OPEN_DISPATCH, due_date__lt=day)),
    )


def statistics_by_department(queryset: QuerySet) -> QuerySet:
    return (
        queryset.values("department__name")
        .annotate(
            dispatched=Count("pk"),
            implemented=Count("pk", filter=Q(implemented_at__isnull=False)),
            fed_back=Count("pk", filter=Q(fed_back_at__isnull=False)),
        )
        .order_by("department__name")
    )


@transaction.atomic
def dispatches_remind(*, on: datetime.date | None = None) -> int:
    """Daily: each open measure past its due date is reported to its department, once."""
    from integrity.core.services import notice_send

    day = on or timezone.localdate()
    late = SanctionDispatch.objects.open().filter(due_date__lt=day).select_related("measure")
    sent = 0
    for dispatch in late:
        _notice, created = notice_send(
            organisation=dispatch.department,
            key=f"dispatch-overdue-{dispatch.pk}",
            title=_("Joint sanction measure overdue: %(name)s") % {"name": dispatch.measure.name},
            body=_("Feedback was due %(due)s.") % {"due": deadline_text(dispatch.due_date)},
            level="danger",
        )
        sent += int(created)
    return sent
