"""Public pages: register (曝光台), record detail, red list, exports, citizen reports."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from integrity.core.models import Organisation

from . import exchange, selectors, services
from .captcha import captcha_new, captcha_png
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


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


def _rate_limited(request) -> bool:
    """Counts submissions per address per minute in the cache."""
    limit = getattr(settings, "REPORT_RATE_LIMIT_PER_MINUTE", 5)
    key = f"records:report:{_client_ip(request)}:{timezone.now():%Y%m%d%H%M}"
    cache.add(key, 0, timeout=70)
    return cache.incr(key) > limit


def report(request):
    if request.method == "POST":
        if _rate_limited(request):
            return render(request, "records/rate_limited.html", status=429)
        form = ReportForm(request.POST, request.FILES, session=request.session)
        if form.is_valid():
            complaint = _submit(form.cleaned_data)
            return render(request, "records/report_done.html", {"complaint": complaint})
    else:
        form = ReportForm(session=request.session)
    return render(request, "records/report.html", {"form": form})


def _submit(data) -> Complaint:
    contact = (
        {}
        if data["anonymous"]
        else {
            name: data[name]
            for name in ("reporter_name", "reporter_phone", "reporter_email", "reporter_address")
        }
    )
    return services.complaint_submit(
        organisation=data["organisation"],
        commitment=data.get("commitment"),
        topic=data["topic"],
        title=data["title"],
        text=data["text"],
        anonymous=data["anonymous"],
        attachments=data["attachments"],
        **contact,
    )


def captcha_image(request):
    response = HttpResponse(captcha_png(captcha_new(request.session)), content_type="image/png")
    response["Cache-Control"] = "no-store"
    return response


def track(request):
    form = TrackForm(request.GET or None)
    if form.is_valid():
        number = form.cleaned_data["tracking_number"].strip().upper()
        if Complaint.objects.filter(tracking_number=number).exists():
            return redirect("records:track_detail", number=number)
        form.add_error("tracking_number", _("No report has this tracking number."))
    return render(request, "records/track.html", {"form": form})


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
