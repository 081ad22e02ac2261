"""To-do items of the records app on the back-office home (the integrity_todo_items hook)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail import hooks

from integrity.core.permissions import scope_queryset

from .. import unit
from ..models import (
    DishonestyRecord,
    Objection,
    RecordStatus,
    RepairApplication,
    SanctionDispatch,
)


def _item(group: str, label: str, count: int, url: str, level: str) -> dict:
    return {"group": group, "label": label, "count": count, "url": url, "level": level}


def _unit_items(user, today: datetime.date) -> list[dict]:
    group, url = _("Dishonesty records"), reverse("records_unit_list")
    waiting = scope_queryset(user, unit.awaiting_explanation())
    overdue = waiting.filter(explanation_due__lt=today).count()
    soon = waiting.filter(
        explanation_due__lte=today + datetime.timedelta(days=unit.ALARM_DAYS)
    ).count()
    items = []
    if overdue:
        items.append(_item(group, _("Written explanations overdue"), overdue, url, "danger"))
    if rest := waiting.count() - overdue:
        level = "warning" if soon > overdue else "info"
        items.append(_item(group, _("Written explanations to submit"), rest, url, level))
    to_rectify = scope_queryset(
        user,
        DishonestyRecord.objects.filter(
            status__in=unit.ANSWERABLE, rectification_submitted_at__isnull=True
        ),
    )
    if count := to_rectify.count():
        items.append(_item(group, _("Rectifications to report"), count, url, "info"))
    return items


def _department_items(user, today: datetime.date) -> list[dict]:
    group = _("Joint rewards and sanctions")
    url = reverse("records_dispatch_list")
    open_ = scope_queryset(user, SanctionDispatch.objects.open())
    items = []
    if count := open_.filter(due_date__lt=today).count():
        items.append(_item(group, _("Measures past their feedback date"), count, url, "danger"))
    if count := open_.filter(due_date__gte=today).count():
        items.append(_item(group, _("Measures to implement and feed back"), count, url, "warning"))
    return items


def _credit_items(user, today: datetime.date) -> list[dict]:
    group, index = _("Dishonesty records"), reverse("records_record:index")
    counts = [
        (
            _("Draft records to confirm"),
            DishonestyRecord.objects.filter(status=RecordStatus.DRAFT),
            f"{index}?status=draft",
            "info",
        ),
        (
            _("Objections to decide"),
            Objection.objects.filter(status=Objection.Status.PENDING),
            reverse("records_credit_todo"),
            "warning",
        ),
        (
            _("Repair applications to decide"),
            RepairApplication.objects.filter(status=RepairApplication.Status.SUBMITTED),
            reverse("records_credit_todo"),
            "warning",
        ),
    ]
    items = []
    for label, queryset, url, level in counts:
        if count := scope_queryset(user, queryset).count():
            items.append(_item(group, label, count, url, level))
    return items


@hooks.register("integrity_todo_items")
def records_todo_items(request) -> list[dict]:
    user = request.user
    today = timezone.localdate()
    items: list[dict] = []
    if user.has_perm("records.respond_dishonestyrecord"):
        items += _unit_items(user, today) + _department_items(user, today)
    if user.has_perm("records.change_dishonestyrecord"):
        items += _credit_items(user, today)
    return items
