from celery import shared_task

from .alarms import alarms_sweep


@shared_task
def commitment_alarms_task() -> int:
    """Daily sweep of commitment alarms; returns the number of new notices."""
    return alarms_sweep()
