"""The progress of a report job as JSON, polled by the campaign page while it runs."""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse

from assessment.admin_views import visible_report


def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    """``status`` (running/done/failed), ``percent`` and, once done, the download link."""
    job = visible_report(request, pk)
    done = job.status == "done"
    return JsonResponse(
        {
            "status": job.status,
            "percent": job.progress,
            "download_url": reverse("assessment_admin:download", args=[job.pk]) if done else "",
        }
    )
