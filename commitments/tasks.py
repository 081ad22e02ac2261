from celery import shared_task

from .alarms import alarms_sweep


@shared_task
def commitment_alarms_task() -> int:
    """Daily sweep of commitment alarms; returns the number of new notices."""
    return alarms_sweep()


@shared_task
def commitment_import_task(job_id: int) -> int:
    """Run one large commitment import; returns the number of rows created."""
    from .importing import import_job_run
    from .models import ImportJob

    return import_job_run(job=ImportJob.objects.get(pk=job_id)).created_rows
