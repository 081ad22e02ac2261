"""Public portal pages: each organisation's published commitment list and the detail."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from integrity.core.models import Organisation
from integrity.core.pagination import CachedCountPaginator

from . import selectors
from .events import EventType as E
from .models import Commitment

PER_PAGE = 20
PUBLIC_EVENT_TYPES = (
    E.PUBLISHED,
    E.STARTED,
    E.PROGRESS,
    E.FULFILLED,
    E.PARTLY_FULFILLED,
    E.BROKEN,
    E.CHANGED,
    E.CHANGE_APPROVED,
)


def organisation_index(request):
    published = Q(commitments__status__in=Commitment.PUBLIC_STATUSES, commitments__is_public=True)
    organisations = (
        Organisation.objects.active()
        .annotate(total=Count("commitments", filter=published))
        .filter(total__gt=0)
        .order_by("path")
    )
    from portal.profile import grouped_units

    context = {"organisations": organisations, "groups": grouped_units(organisations)}
    return render(request, "commitments/portal/index.html", context)


def commitment_list(request, organisation_id: int):
    organisation = get_object_or_404(Organisation, pk=organisation_id, is_active=True)
    rows = selectors.public_commitments().filter(organisation=organisation)
    status, kind = request.GET.get("status", ""), request.GET.get("kind", "")
    if status in Commitment.PUBLIC_STATUSES:
        rows = rows.filter(status=status)
    if kind in Commitment.Kind.values:
        rows = rows.filter(kind=kind)
    page = CachedCountPaginator(rows.order_by("deadline", "id"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "commitments/portal/list.html",
        {
            "organisation": organisation,
            "page_obj": page,
            "today": timezone.localdate(),
            "statuses": [
                (v, label)
                for v, label in Commitment.Status.choices
                if v in Commitment.PUBLIC_STATUSES
            ],
            "kinds": Commitment.Kind.choices,
            "status": status,
            "kind": kind,
        },
    )


def commitment_detail(request, pk: int):
    commitment = get_object_or_404(selectors.public_commitments(), pk=pk)
    timeline = selectors.commitment_events(commitment).filter(type__in=PUBLIC_EVENT_TYPES)
    return render(
        request,
        "commitments/portal/detail.html",
        {
            "commitment": commitment,
            "today": timezone.localdate(),
            "timeline": timeline.only("created_at", "type", "reason", "details"),
            "change_requests": commitment.change_requests.filter(status="approved"),
        },
    )
