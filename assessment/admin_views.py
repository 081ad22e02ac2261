"""Back-office screens of a campaign: dashboard, unit sheet, review, self-assessment,
objections. Every write calls a service; every object is checked against the user."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from assessment import selectors
from assessment.models import Campaign, CampaignUnit, Objection, ReportJob, Score, ScoreChange
from integrity.core.downloads import download_name, serve_private
from integrity.core.permissions import scope_queryset
from integrity.core.uploads import WORKBOOK, check_upload


def _assessed_campaign(request: HttpRequest, pk: int) -> Campaign:
    return get_object_or_404(selectors.campaigns_assessed_by(request.user), pk=pk)


def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "assessment/admin/campaign_list.html",
        {
            "campaigns": selectors.campaigns_assessed_by(request.user),
            "may_open": request.user.organisation is not None
            and request.user.has_perm("assessment.add_campaign", request.user.organisation),
            "own_units": selectors.own_units(request.user),
        },
    )


def campaign_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _assessed_campaign(request, pk)
    units = selectors.units_visible_to(request.user, campaign)
    objections = Objection.objects.filter(unit__campaign=campaign).select_related(
        "unit__organisation"
    )
    return render(
        request,
        "assessment/admin/campaign_dashboard.html",
        {
            "campaign": campaign,
            "units": units,
            "objections": objections,
            "submitted": units.filter(self_submitted_at__isnull=False).count(),
            "reports": campaign.reports.all()[:10],
            "report_kinds": ReportJob.Kind.choices,
        },
    )


def visible_report(request: HttpRequest, pk: int) -> ReportJob:
    """A report job of a campaign the user may see (others: 404)."""
    jobs = scope_queryset(request.user, ReportJob.objects.select_related("campaign"))
    job = get_object_or_404(jobs, pk=pk)
    if not request.user.has_perm("assessment.view_reportjob", job):
        raise Http404
    return job


def report_download(request: HttpRequest, pk: int) -> FileResponse:
    """A generated report, for users who may see the campaign (others: 404)."""
    job = visible_report(request, pk)
    stem = f"{job.campaign.year}-{job.campaign_id}-{job.kind}"
    return serve_private(request, job.file, filename=download_name(stem, job.file))


def unit_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The assessor reviews any unit; a unit sees its own sheet (scores once provisional)."""
    unit = get_object_or_404(CampaignUnit.objects.select_related("campaign", "organisation"), pk=pk)
    assessor = request.user.has_perm("assessment.change_campaignunit", unit)
    own = unit.organisation_id == request.user.organisation_id
    if not assessor and unit.campaign.status == Campaign.Status.PREPARING:
        raise Http404  # the units learn of the campaign when it starts
    if not (assessor or own):
        raise PermissionDenied
    return render(
        request,
        "assessment/admin/unit_sheet.html",
        {
            "unit": unit,
            "campaign": unit.campaign,
            "scores": selectors.scores_of(unit),
            "assessor": assessor,
            "show_scores": assessor or unit.campaign.results_visible_to_units,
            "self_assessing": own and unit.campaign.status == Campaign.Status.SELF_ASSESSMENT,
            "objections": unit.objections.all(),
            "changes": ScoreChange.objects.filter(score__unit=unit)
            .select_related("score__indicator", "by")
            .order_by("-at")
            if assessor or unit.campaign.results_visible_to_units
            else [],
        },
    )


def _score(request: HttpRequest, pk: int, perm: str) -> Score:
    score = get_object_or_404(
        Score.objects.select_related("unit__campaign", "unit__organisation", "indicator"), pk=pk
    )
    if not request.user.has_perm(perm, score):
        raise PermissionDenied
    return score


CASES_SHOWN = 500


def score_cases(request: HttpRequest, pk: int) -> HttpResponse:
    """Drill-down: the cases behind a computed number (whoever may see the score)."""
    from assessment.metrics import METRICS
    from assessment.services.campaigns import campaign_period

    score = _score(request, pk, "assessment.view_score")
    metric = METRICS.get(score.indicator.metric_code)
    if metric is None:
        raise Http404
    cases = metric.cases(score.unit.organisation, campaign_period(score.unit.campaign))
    return render(
        request,
        "assessment/admin/score_cases.html",
        {
            "score": score,
            "metric": metric,
            "total": cases.count(),
            "cases": list(cases.order_by("pk")[:CASES_SHOWN]),
        },
    )


def score_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file of a self-assessed item: the unit itself and its assessor only."""
    score = get_object_or_404(
        Score.objects.select_related("unit__campaign", "unit__organisation"), pk=pk
    )
    own = score.unit.organisation_id == getattr(request.user, "organisation_id", None)
    if not (own or request.user.has_perm("assessment.export_score", score)):
        raise Http404
    stem = f"{score.unit.campaign.year}-{score.unit_id}-{score.indicator_id}-evidence"
    return serve_private(
        request, score.evidence_file, filename=download_name(stem, score.evidence_file)
    )


def _scheme(request: HttpRequest, pk: int, action: str):
    from assessment.models import Scheme

    scheme = get_object_or_404(scope_queryset(request.user, Scheme.objects.all()), pk=pk)
    if not request.user.has_perm(f"assessment.{action}_scheme", scheme):
        raise PermissionDenied
    return scheme


def scheme_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    from assessment.scheme_io import scheme_export_xlsx

    scheme = _scheme(request, pk, "export")
    response = HttpResponse(
        scheme_export_xlsx(scheme),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="scheme-{scheme.year}.xlsx"'
    return response


def scheme_import(request: HttpRequest, pk: int) -> HttpResponse:
    from assessment.scheme_io import scheme_import_xlsx

    scheme = _scheme(request, pk, "change")
    if request.method == "POST" and request.FILES.get("file"):
        try:
            upload = request.FILES["file"]
            check_upload(upload, kind=WORKBOOK)
            count = scheme_import_xlsx(scheme=scheme, content=upload.read(), by=request.user)
            messages.success(request, _("%(n)s indicators imported.") % {"n": count})
            return redirect("assessment_admin:tree", scheme.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    return render(request, "assessment/admin/scheme_import.html", {"scheme": scheme})
