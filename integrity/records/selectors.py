"""Reads that feed the portal, the exports and the API."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from integrity.core.models import Organisation
from integrity.core.models.users import Role
from integrity.core.permissions import in_user_scope

from .models import Complaint, DishonestyRecord, RecordStatus

# Who routes citizen reports and may answer the reporter: the credit office (and sysadmin).
REPORTER_ROLES = frozenset({Role.SYSADMIN, Role.CREDIT_OFFICE})
REPORTER_FIELDS = ("reporter_name", "reporter_phone", "reporter_email", "reporter_address")


def public_records(*, on: datetime.date | None = None) -> QuerySet:
    """Records on public view now, with the "under objection" flag, ready to list."""
    return (
        DishonestyRecord.objects.public(on=on)
        .with_objection_flag()
        .select_related("organisation", "official")
    )


def filter_records(queryset: QuerySet, params) -> QuerySet:
    """Portal / API filters: q, organisation (id), source, severity, year."""
    if q := (params.get("q") or "").strip():
        queryset = queryset.filter(Q(title__icontains=q) | Q(organisation__name__icontains=q))
    if (org := params.get("organisation") or "").isdigit():
        queryset = queryset.filter(organisation_id=int(org))
    if source := params.get("source"):
        queryset = queryset.filter(source=source)
    if severity := params.get("severity"):
        queryset = queryset.filter(severity=severity)
    if (year := params.get("year") or "").isdigit():
        queryset = queryset.filter(determination_date__year=int(year))
    return queryset


def red_list(*, on: datetime.date | None = None) -> list[Organisation]:
    """Units with no live record and a fulfilment rate at or above the threshold.

    Fulfilment rate = fulfilled ÷ commitments with an outcome (fulfilled, partly
    fulfilled, broken, lawfully changed); units with no outcome yet are not listed.
    """
    day = on or timezone.localdate()
    threshold = getattr(settings, "RED_LIST_MIN_FULFILMENT_RATE", 0.9)
    live = DishonestyRecord.objects.live(on=day).filter(organisation=OuterRef("pk"))
    closed = ["fulfilled", "partly_fulfilled", "broken", "changed"]
    units = (
        Organisation.objects.active()
        .exclude(Exists(live))
        .annotate(
            closed=Count("commitments", filter=Q(commitments__status__in=closed)),
            fulfilled=Count("commitments", filter=Q(commitments__status="fulfilled")),
        )
        .filter(closed__gt=0)
        .order_by("path")
    )
    return [u for u in units if u.fulfilled / u.closed >= threshold]


def public_status_label(record) -> str:
    from django.utils.translation import gettext as _

    if getattr(record, "under_objection", False):
        return _("Under objection")
    return str(RecordStatus(record.status).label)


# --- whistle-blower confidentiality --------------------------------------------------


def can_see_reporter(user, complaint: Complaint) -> bool:
    """Whether ``user`` may see who filed ``complaint`` and how to reach them.

    Only the routing / credit office (and the system administrator) of a jurisdiction
    containing the reported unit; the unit's own operators and leaders never do. Every
    surface (back-office page, API, notices) asks this one question.
    """
    if not (user and user.is_authenticated and user.is_active):
        return False
    if not (user.is_superuser or user.role in REPORTER_ROLES):
        return False
    return in_user_scope(user, complaint.organisation)


def reporter_contact(user, complaint: Complaint) -> dict[str, str] | None:
    """The reporter's name and contact for ``user``, or None (anonymous, or not allowed)."""
    if complaint.anonymous or not can_see_reporter(user, complaint):
        return None
    return {name: getattr(complaint, name) for name in REPORTER_FIELDS}
