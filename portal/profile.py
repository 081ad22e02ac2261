"""The integrity profile of one unit (/units/<id>/) and the unit directory grouped by kind.

Everything shown is already public elsewhere: published commitments, records on public
view, published proposal replies, the number of citizen reports answered (never their
reporters) and published assessment results.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from assessment.models import CampaignUnit
from commitments import selectors as commitment_selectors
from commitments.models import Commitment
from commitments.proposals import selectors as proposal_selectors
from integrity.core.models import Organisation
from integrity.records import selectors as record_selectors
from integrity.records.models import Complaint

ANSWERED = (
    Complaint.Status.ANSWERED,
    Complaint.Status.FOUNDED,
    Complaint.Status.UNFOUNDED,
)
LIST_LIMIT = 20

# 市直部门 / 区县 / 乡镇街道: how a citizen looks for a unit.
GROUPS = (
    ("departments", _("City departments")),
    ("counties", _("Counties and districts")),
    ("townships", _("Townships and streets")),
    ("others", _("Other units")),
)


def unit_group(org: Organisation) -> str:
    """市直部门 (the city and its departments), 区县 (districts, counties and their
    departments), 乡镇街道 (townships, streets and below)."""
    if org.level in (Organisation.Level.TOWNSHIP, Organisation.Level.VILLAGE):
        return "townships"
    if org.level == Organisation.Level.COUNTY:
        return "counties"
    if org.level in (Organisation.Level.CITY, Organisation.Level.PROVINCE):
        return "departments"
    return "others"


@dataclass
class UnitGroup:
    key: str
    label: str
    units: list = field(default_factory=list)


def grouped_units(units) -> list[UnitGroup]:
    """Units in the three groups a citizen knows, in tree order; empty groups left out."""
    groups = {key: UnitGroup(key, str(label)) for key, label in GROUPS}
    for unit in units:
        groups[unit_group(unit)].units.append(unit)
    return [group for group in groups.values() if group.units]


def complaint_figures(unit: Organisation) -> dict[str, int]:
    counts = Complaint.objects.filter(organisation=unit).aggregate(
        total=Count("pk", filter=~Q(status=Complaint.Status.REJECTED)),
        answered=Count("pk", filter=Q(status__in=ANSWERED)),
    )
    return {"total": counts["total"] or 0, "answered": counts["answered"] or 0}


def assessment_history(unit: Organisation) -> QuerySet[CampaignUnit]:
    return (
        CampaignUnit.objects.published()
        .filter(organisation=unit)
        .select_related("campaign", "peer_group")
        .order_by("-campaign__year", "-campaign__pk")
    )


def unit_profile_context(unit: Organisation) -> dict:
    commitments = commitment_selectors.public_commitments().filter(organisation=unit)
    records = record_selectors.public_records().filter(organisation=unit)
    replies = proposal_selectors.published_replies().filter(assignment__unit=unit)
    status_counts = dict(
        commitments.order_by()
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {
        "unit": unit,
        "commitments": commitments.order_by("deadline", "pk")[:LIST_LIMIT],
        "commitment_total": sum(status_counts.values()),
        "fulfilled": status_counts.get("fulfilled", 0),
        "overdue": Commitment.objects.published().filter(organisation=unit).overdue().count(),
        "records": records.order_by("-determination_date")[:LIST_LIMIT],
        "record_total": records.count(),
        "replies": replies.order_by("-sent_on")[:LIST_LIMIT],
        "reply_total": replies.count(),
        "complaints": complaint_figures(unit),
        "assessments": assessment_history(unit),
    }


@require_GET
def unit_profile(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Organisation.objects.active().select_related("parent"), pk=pk)
    crumbs: list[tuple[str, str]] = [(str(_("Unit directory")), reverse("unit_index"))]
    crumbs += [(o.name, reverse("unit_profile", args=[o.pk])) for o in _public_ancestors(unit)]
    context = {**unit_profile_context(unit), "unit_crumbs": [*crumbs, (unit.name, "")]}
    return render(request, "portal/units/profile.html", context)


def _public_ancestors(unit: Organisation) -> list[Organisation]:
    return list(unit.ancestors().filter(is_active=True).order_by("path"))


@require_GET
def unit_index(request: HttpRequest) -> HttpResponse:
    units = Organisation.objects.active().order_by("path")
    context = {"groups": grouped_units(units), "crumbs": [(_("Unit directory"), "")]}
    return render(request, "portal/units/index.html", context)
