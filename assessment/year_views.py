"""Back-office screens of the assessment office's year: open a campaign, prepare it
(units, groups, bands, timetable, indicator tree) and start it. Writes go to services."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment import selectors, services
from assessment.actions import SchemeWeightsView
from assessment.forms import IndicatorForm, OpenCampaignForm
from assessment.models import Campaign, Indicator, Scheme
from assessment.services import opening
from assessment.views import tree_rows
from integrity.core.permissions import scope_queryset

STEP_LABELS = {
    "self_assessment": _("Self-assessment"),
    "review": _("Review"),
    "objection": _("Objection window"),
    "publication": _("Publication of the results"),
}


def _office(request: HttpRequest):
    organisation = request.user.organisation if request.user.is_authenticated else None
    if organisation is None or not request.user.has_perm("assessment.add_campaign", organisation):
        raise PermissionDenied
    return organisation


def year_open(request: HttpRequest) -> HttpResponse:
    """Open a new year's assessment (it starts in the preparing stage)."""
    organisation = _office(request)
    initial = OpenCampaignForm.initial_for(organisation, timezone.localdate())
    form = OpenCampaignForm(request.POST or None, organisation=organisation, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = opening.open_campaign(
                actor=request.user,
                organisation=organisation,
                year=data["year"],
                copy_from=data["copy_from"],
                levels=data["levels"],
                kinds=data["kinds"],
                excluded=[org.pk for org in data["excluded"]],
                peer_groups=data["peer_groups"],
                bands=data["bands"],
                timetable=form.timetable(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The assessment has been opened; prepare and start it."))
            return redirect("assessment_admin:prepare", pk=campaign.pk)
    return render(request, "assessment/admin/year_open.html", {"form": form})


def _campaign(request: HttpRequest, pk: int, action: str = "change") -> Campaign:
    campaign = get_object_or_404(selectors.campaigns_assessed_by(request.user), pk=pk)
    if not request.user.has_perm(f"assessment.{action}_campaign", campaign):
        raise PermissionDenied
    return campaign


def timetable_rows(campaign: Campaign) -> list[dict]:
    """The stored timetable with labels, for display (how each deadline was computed)."""
    import datetime

    rows = []
    for row in campaign.timetable:
        rows.append(
            {
                **row,
                "label": STEP_LABELS.get(row["step"], row["step"]),
                "from": datetime.date.fromisoformat(row["from"]),
                "deadline": datetime.date.fromisoformat(row["deadline"]),
                "skipped": [(datetime.date.fromisoformat(d), n) for d, n in row["skipped"]],
            }
        )
    return rows


def campaign_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = _campaign(request, pk, "view")
    scheme = campaign.scheme
    return render(
        request,
        "assessment/admin/campaign_prepare.html",
        {
            "campaign": campaign,
            "scheme": scheme,
            "timetable": timetable_rows(campaign),
            "units": campaign.units.select_related("organisation", "peer_group"),
            "groups": scheme.peer_groups.all(),
            "bands": scheme.bands.all(),
            "problems": services.scheme_problems(scheme) if not scheme.is_frozen else [],
        },
    )


# --- the indicator tree ------------------------------------------------------------------


def _scheme(request: HttpRequest, pk: int, action: str = "view") -> Scheme:
    scheme = get_object_or_404(scope_queryset(request.user, Scheme.objects.all()), pk=pk)
    if not request.user.has_perm(f"assessment.{action}_scheme", scheme):
        raise PermissionDenied
    return scheme


def scheme_tree(request: HttpRequest, pk: int) -> HttpResponse:
    """The scheme page: its tree with weights editable until the campaign starts."""
    if request.method == "POST":
        return SchemeWeightsView.as_view()(request, pk=pk)
    scheme = _scheme(request, pk)
    editable = not scheme.is_frozen and request.user.has_perm("assessment.change_scheme", scheme)
    return render(
        request,
        "assessment/admin/scheme_tree.html",
        {
            "scheme": scheme,
            "rows": tree_rows(list(scheme.indicators.all())),
            "editable": editable,
            "problems": services.scheme_problems(scheme),
            "campaign": getattr(scheme, "campaign", None),
        },
    )


def _indicator_form(request: HttpRequest, scheme: Scheme, instance: Indicator | None):
    form = IndicatorForm(request.POST or None, scheme=scheme, instance=instance)
    if request.method != "POST" or not form.is_valid():
        return form, None
    try:
        if instance is None:
            node = services.indicator_add(
                scheme=scheme,
                by=request.user,
                parent=form.cleaned_data["parent"],
                **form.service_data(),
            )
        else:
            data = {**form.service_data(), "parent": form.cleaned_data["parent"]}
            node = services.indicator_update(indicator=instance, by=request.user, data=data)
    except ValidationError as error:
        form.add_error(None, error)
        return form, None
    return form, node


def indicator_add(request: HttpRequest, pk: int) -> HttpResponse:
    scheme = _scheme(request, pk, "change")
    form, node = _indicator_form(request, scheme, None)
    if node is not None:
        messages.success(request, _("Saved."))
        return redirect("assessment_admin:tree", pk=pk)
    return render(request, "assessment/admin/indicator_form.html", {"form": form, "scheme": scheme})


def indicator_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = get_object_or_404(Indicator.objects.select_related("scheme"), pk=pk)
    scheme = _scheme(request, indicator.scheme_id, "change")
    form, node = _indicator_form(request, scheme, indicator)
    if node is not None:
        messages.success(request, _("Saved."))
        return redirect("assessment_admin:tree", pk=scheme.pk)
    return render(
        request,
        "assessment/admin/indicator_form.html",
        {"form": form, "scheme": scheme, "indicator": indicator},
    )


# --- third-party evaluation --------------------------------------------------------------


def third_party_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Import the values of third-party items from an xlsx/csv (单位, 指标编号, 分值)."""
    from assessment.services.third_party import COLUMNS, third_party_import
    from integrity.core.importing import ImportFileError, read_dataset
    from integrity.core.uploads import IMPORT, check_upload

    campaign = _campaign(request, pk)
    problems: list = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        try:
            if upload is None:
                raise ValidationError(_("Choose a file."))
            check_upload(upload, kind=IMPORT)
            dataset = read_dataset(upload.read(), upload.name)
            count, problems = third_party_import(
                campaign=campaign,
                by=request.user,
                source=request.POST.get("source", ""),
                rows=list(dataset.dict),
            )
        except (ValidationError, ImportFileError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            if not problems:
                messages.success(request, _("%(n)s third-party values imported.") % {"n": count})
                return redirect("assessment_admin:campaign", pk=pk)
            messages.error(request, _("Nothing was imported; correct the rows below."))
    leaves = campaign.scheme.indicators.filter(third_party=True)
    return render(
        request,
        "assessment/admin/third_party.html",
        {"campaign": campaign, "problems": problems, "leaves": leaves, "columns": COLUMNS},
    )
