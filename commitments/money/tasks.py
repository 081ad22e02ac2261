from celery import shared_task

from .alarms import money_alarms_sweep


@shared_task
def money_alarms_task() -> int:
    """Daily sweep of the alarms about money owed; returns the number of new notices."""
    return money_alarms_sweep()
