"""Public pages: register (曝光台), record detail, red list, exports, citizen reports."""

from django_ratelimit.decorators import ratelimit

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from integrity.core.models import Organisation

from . import exchange, selectors, services, submissions
from .forms import FeedbackForm, ReportForm, TrackForm
from .models import Complaint, Severity, SourceType


def register(request):
    records = selectors.filter_records(selectors.public_records(), request.GET)
    page = Paginator(records, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "records/register.html",
        {
            "page_obj": page,
            "sources": SourceType.choices,
            "severities": Severity.choices,
            "organisations": Organisation.objects.active().filter(
                pk__in=selectors.public_records().values("organisation")
            ),
            "params": request.GET,
        },
    )


def detail(request, pk: int):
    record = get_object_or_404(selectors.public_records(), pk=pk)
    return render(
        request,
        "records/detail.html",
        {
            "record": record,
            "subject": exchange.public_subject(record),
            "status_label": selectors.public_status_label(record),
        },
    )


def red_list(request):
    return render(request, "records/red_list.html", {"units": selectors.red_list()})


@require_GET
def export(request, fmt: str):
    if fmt not in ("csv", "json"):
        raise Http404
    records = selectors.public_records().order_by("id")
    if fmt == "json":
        return HttpResponse(exchange.to_json(records), content_type="application/json")
    response = HttpResponse(exchange.to_csv(records), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="records.csv"'
    return response


# --- citizen reports -------------------------------------------------------------------


def report_rate(group: str, request) -> str:
    return settings.REPORT_RATE_LIMIT


def lookup_rate(group: str, request) -> str:
    return settings.LOOKUP_RATE_LIMIT


def rate_limited(request, exception=None):
    """``RATELIMIT_VIEW``: a Chinese page with HTTP 429 (Too Many Requests)."""
    return render(request, "records/rate_limited.html", status=429)


@never_cache
@ratelimit(group="records:report", key="ip", rate=report_rate, method="POST")
def report(request):
    if request.method != "POST":
        form = ReportForm(initial={"submission_token": submissions.new_token(), **_chosen(request)})
        return render(request, "records/report.html", {"form": form})
    token = submissions.token_value(request.POST.get("submission_token", ""))
    done = submissions.submitted_complaint(token) if token else None
    if done is None:
        form = ReportForm(request.POST, request.FILES)
        if not form.is_valid():
            if token is None:  # expired or forged: the next try gets a fresh token
                form.data = form.data.copy()
                form.data["submission_token"] = submissions.new_token()
            return render(request, "records/report.html", {"form": form})
        done = _submit(form.cleaned_data)
    # A second POST of the same form (double click, reload) shows the same report.
    return render(request, "records/report_done.html", {"complaint": done})


def _chosen(request) -> dict:
    """The unit and commitment a "report this" link chose (?unit=, ?commitment=)."""
    from commitments.models import Commitment

    chosen: dict = {}
    commitment_id, unit_id = request.GET.get("commitment", ""), request.GET.get("unit", "")
    if commitment_id.isdigit():
        commitment = Commitment.objects.published().filter(pk=int(commitment_id)).first()
        if commitment:
            chosen = {"commitment": commitment.pk, "organisation": commitment.organisation_id}
    elif unit_id.isdigit() and Organisation.objects.active().filter(pk=int(unit_id)).exists():
        chosen = {"organisation": int(unit_id)}
    return chosen


def _submit(data) -> Complaint:
    contact = (
        {}
        if data["anonymous"]
        else {
            name: data[name]
            for name in ("reporter_name", "reporter_phone", "reporter_email", "reporter_address")
        }
    )
    complaint, _created = submissions.complaint_submit_once(
        token=data["submission_token"],
        organisation=data["organisation"],
        commitment=data.get("commitment"),
        topic=data["topic"],
        title=data["title"],
        text=data["text"],
        anonymous=data["anonymous"],
        attachments=data["attachments"],
        **contact,
    )
    return complaint


@never_cache
@ratelimit(group="records:lookup", key="ip", rate=lookup_rate, method="POST")
def track(request):
    form = TrackForm(request.POST or None)
    if form.is_valid():
        number = form.cleaned_data["tracking_number"].strip().upper()
        if Complaint.objects.filter(tracking_number=number).exists():
            return redirect("records:track_detail", number=number)
        form.add_error("tracking_number", _("No report has this tracking number."))
    return render(request, "records/track.html", {"form": form})


@ratelimit(group="records:case", key="ip", rate=lookup_rate)
def track_detail(request, number: str):
    complaint = Complaint.objects.filter(tracking_number=number).first()
    if complaint is None:
        raise Http404
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_feedback(
                complaint=complaint,
                feedback=form.cleaned_data["feedback"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(request, _("Thank you for your feedback."))
            return redirect("records:track_detail", number=number)
        except services.ValidationError as error:
            form.add_error(None, error)
    return render(request, "records/track_detail.html", {"complaint": complaint, "form": form})
