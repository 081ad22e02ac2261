"""Periodic jobs for suggestions and proposals (thin adapters over services)."""

from celery import shared_task

from commitments.proposals import services


@shared_task
def send_reminders_task() -> int:
    """Daily 催办 sweep: notices for due-soon and overdue work (idempotent)."""
    return services.reminders_send()
