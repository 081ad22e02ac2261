"""Back-office screens of a campaign: dashboard, unit sheet, review, self-assessment,
objections. Every write calls a service; every object is checked against the user."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessment import selectors, services
from assessment.models import Campaign, CampaignUnit, Objection, ReportJob, Score, ScoreChange
from integrity.core.downloads import download_name, serve_private
from integrity.core.permissions import scope_queryset
from integrity.core.uploads import WORKBOOK, check_upload

STEPS = {
    "review": services.campaign_start_review,
    "provisional": services.campaign_publish_provisional,
    "finalise": services.campaign_finalise,
    "publish": services.campaign_publish,
}


def _decimal(value: str | None) -> Decimal:
    try:
        return Decimal(value or "")
    except InvalidOperation as error:
        raise ValidationError(_("Please enter a number.")) from error


def _run(request: HttpRequest, action, **kwargs) -> None:
    try:
        action(by=request.user, **kwargs)
        messages.success(request, _("Saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))


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


@require_POST
def report_request(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _assessed_campaign(request, pk)
    kind = request.POST.get("kind")
    if kind not in ReportJob.Kind.values or not request.user.has_perm(
        "assessment.change_campaign", campaign
    ):
        raise PermissionDenied
    services.report_request(campaign=campaign, kind=kind, by=request.user)
    messages.success(request, _("The report is being generated; it appears below when ready."))
    return redirect("assessment_admin:campaign", pk=pk)


def report_download(request: HttpRequest, pk: int) -> FileResponse:
    """A generated report, for users who may see the campaign (others: 404)."""
    jobs = scope_queryset(request.user, ReportJob.objects.select_related("campaign"))
    job = get_object_or_404(jobs, pk=pk)
    if not request.user.has_perm("assessment.view_reportjob", job):
        raise Http404
    stem = f"{job.campaign.year}-{job.campaign_id}-{job.kind}"
    return serve_private(request, job.file, filename=download_name(stem, job.file))


@require_POST
def campaign_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    campaign = _assessed_campaign(request, pk)
    if step not in STEPS or not request.user.has_perm("assessment.change_campaign", campaign):
        raise PermissionDenied
    _run(request, STEPS[step], campaign=campaign)
    return redirect("assessment_admin:campaign", pk=pk)


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


@require_POST
def score_review(request: HttpRequest, pk: int) -> HttpResponse:
    score = _score(request, pk, "assessment.change_score")
    try:
        value, version = _decimal(request.POST.get("value")), int(request.POST["version"])
    except (ValidationError, KeyError, ValueError):
        messages.error(request, _("Please enter a number."))
    else:
        _run(
            request,
            services.score_review,
            score=score,
            value=value,
            version=version,
            reason=request.POST.get("reason", ""),
        )
    return redirect("assessment_admin:unit", pk=score.unit_id)


@require_POST
def score_self_assess(request: HttpRequest, pk: int) -> HttpResponse:
    score = _score(request, pk, "assessment.selfassess_score")
    try:
        value = _decimal(request.POST.get("self_score"))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _run(
            request,
            services.score_self_assess,
            score=score,
            self_score=value,
            evidence=request.POST.get("evidence", ""),
            evidence_file=request.FILES.get("evidence_file"),
        )
    return redirect("assessment_admin:unit", pk=score.unit_id)


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


@require_POST
def unit_submit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(CampaignUnit, pk=pk, organisation_id=request.user.organisation_id)
    _run(request, services.unit_self_submit, unit=unit)
    return redirect("assessment_admin:unit", pk=pk)


@require_POST
def objection_submit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(CampaignUnit, pk=pk)
    if not request.user.has_perm("assessment.add_objection", unit):
        raise PermissionDenied
    _run(request, services.objection_submit, unit=unit, text=request.POST.get("text", ""))
    return redirect("assessment_admin:unit", pk=pk)


@require_POST
def objection_answer(request: HttpRequest, pk: int) -> HttpResponse:
    objection = get_object_or_404(Objection.objects.select_related("unit__campaign"), pk=pk)
    if not request.user.has_perm("assessment.change_objection", objection):
        raise PermissionDenied
    _run(
        request,
        services.objection_answer,
        objection=objection,
        upheld=request.POST.get("upheld") == "1",
        answer=request.POST.get("answer", ""),
    )
    return redirect(reverse("assessment_admin:campaign", args=[objection.unit.campaign_id]))


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
