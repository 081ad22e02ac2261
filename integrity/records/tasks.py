"""Periodic jobs of the records app: thin adapters over services."""

from celery import shared_task

from integrity.records import services


@shared_task
def expire_records_task() -> int:
    """Daily: end publication and sanctions of records at their maximum period."""
    return services.records_expire()


@shared_task
def escalate_explanations_task() -> int:
    """Daily: missed written explanations and overdue joint measures are reported."""
    from integrity.records import joint, unit

    return unit.explanations_escalate() + joint.dispatches_remind()
