"""Reads that feed the portal, the exports and the API."""

import datetime

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from integrity.core.models import Organisation

from .models import DishonestyRecord, RecordStatus


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
