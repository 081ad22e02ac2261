"""Citizen reports on the portal: the report form's commitment choices and the public list
of answered reports (no reporter, no tracking number, no original text)."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from commitments.models import Commitment
from integrity.core.models import Organisation
from integrity.records.models import Complaint

ANSWERED = (Complaint.Status.ANSWERED, Complaint.Status.FOUNDED, Complaint.Status.UNFOUNDED)
MAX_CHOICES = 500


def unit_commitments(unit_id: str) -> QuerySet[Commitment]:
    """Published commitments of one active unit, for the report form; none for a bad id."""
    if not unit_id.isdigit():
        return Commitment.objects.none()
    return (
        Commitment.objects.published()
        .filter(organisation_id=int(unit_id), organisation__is_active=True)
        .order_by("deadline", "pk")
    )


@require_GET
def report_commitments(request: HttpRequest) -> JsonResponse:
    """/report/commitments/?unit=<id>: {"results": [{"id", "label"}]} for the form's select."""
    rows = unit_commitments(request.GET.get("unit", ""))[:MAX_CHOICES]
    return JsonResponse({"results": [{"id": c.pk, "label": c.title} for c in rows]})


def answered_complaints(unit: Organisation | None = None) -> QuerySet[Complaint]:
    rows = (
        Complaint.objects.filter(status__in=ANSWERED)
        .select_related("organisation")
        .only(
            "title",
            "topic",
            "status",
            "answer",
            "answered_at",
            "submitted_at",
            "organisation__name",
            "public_text",
        )
        .order_by("-answered_at", "-pk")
    )
    return rows.filter(organisation=unit) if unit else rows


@require_GET
def answered_reports(request: HttpRequest) -> HttpResponse:
    """/reports/answered/: what was reported and how the unit answered, without who reported."""
    unit_id = request.GET.get("unit", "")
    unit = Organisation.objects.active().filter(pk=unit_id).first() if unit_id.isdigit() else None
    page = Paginator(answered_complaints(unit), 20).get_page(request.GET.get("page"))
    crumbs = [(_("Report a broken promise"), "/report/"), (_("Answered reports"), "")]
    return render(
        request,
        "portal/reports/answered.html",
        {"page_obj": page, "unit": unit, "crumbs": crumbs},
    )
