"""Periodic jobs of the records app: thin adapters over services."""

from celery import shared_task

from integrity.records import services


@shared_task
def expire_records_task() -> int:
    """Daily: end publication and sanctions of records at their maximum period."""
    return services.records_expire()
