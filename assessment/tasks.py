from celery import shared_task

from assessment.models import ReportJob


@shared_task
def generate_report(job_id: int) -> int:
    """Generate one report job (thin adapter over ``services.report_generate``)."""
    from assessment.services import report_generate

    job = ReportJob.objects.select_related("campaign__scheme").get(pk=job_id)
    try:
        report_generate(job=job)
    except Exception as error:
        ReportJob.objects.filter(pk=job_id).update(error=str(error)[:1000])
        raise
    return job_id
