"""Public pages of the monthly monitoring reports (readable without JavaScript)."""

import datetime

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from integrity.core.downloads import serve_private

from . import selectors
from .models import MonitoringReport


def _report(month: str) -> MonitoringReport:
    try:
        first = datetime.date.fromisoformat(f"{month}-01")
    except ValueError as error:
        raise Http404 from error
    return get_object_or_404(MonitoringReport, month=first)


def index(request: HttpRequest) -> HttpResponse:
    reports = list(selectors.published_reports())
    latest = reports[0] if reports else None
    if latest is not None:
        latest = MonitoringReport.objects.get(pk=latest.pk)
    context = {"reports": reports, "report": latest, **_report_context(latest)}
    return render(request, "monitoring/index.html", context)


def _report_context(report: MonitoringReport | None) -> dict:
    if report is None:
        return {}
    return {
        "totals": selectors.metric_table(report),
        "charts": selectors.charts(report),
        "units": selectors.unit_rows(report),
        "worsened": [row for row in selectors.unit_rows(report) if row["worsened"]],
    }


def detail(request: HttpRequest, month: str) -> HttpResponse:
    report = _report(month)
    reports = list(selectors.published_reports())
    context = {"report": report, "reports": reports, **_report_context(report)}
    return render(request, "monitoring/detail.html", context)


def pdf(request: HttpRequest, month: str) -> FileResponse:
    report = _report(month)
    # Public on purpose: every monthly report is published on the portal.
    return serve_private(request, report.pdf, filename=f"monitoring-{report.slug}.pdf")
