"""The progress of a report job as JSON, polled by the campaign page while it runs."""

from django.http import Http404, HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse

from assessment.models import ReportJob
from integrity.core.permissions import scope_queryset


def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    """``status`` (running/done/failed), ``percent`` and, once done, the download link."""
    jobs = scope_queryset(request.user, ReportJob.objects.select_related("campaign"))
    job = get_object_or_404(jobs, pk=pk)
    if not request.user.has_perm("assessment.view_reportjob", job):
        raise Http404
    done = job.status == "done"
    return JsonResponse(
        {
            "status": job.status,
            "percent": job.progress,
            "download_url": reverse("assessment_admin:download", args=[job.pk]) if done else "",
        }
    )
