"""Periodic jobs of the records app: thin adapters over services."""

from celery import shared_task

from integrity.records import services


@shared_task
def expire_records_task() -> int:
    """Daily: end publication and sanctions of records at their maximum period."""
    return services.records_expire()


@shared_task
def escalate_explanations_task() -> int:
    """Daily: report missed written explanations to the unit's supervisor."""
    from integrity.records import unit

    return unit.explanations_escalate()
