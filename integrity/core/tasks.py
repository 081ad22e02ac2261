from celery import shared_task

from integrity.core.chain import events_seal, events_verify, remember
from integrity.core.services import calendar_seed


@shared_task
def seed_calendar_task(first_year: int = 2004, last_year: int = 2026) -> int:
    """Reload the statutory calendar; returns the number of days loaded."""
    return calendar_seed(years=range(first_year, last_year + 1))


@shared_task
def events_seal_task() -> int:
    """Chain every committed, unsealed event; returns how many were sealed."""
    return events_seal()


@shared_task
def events_verify_task() -> bool:
    """Verify the event chain and keep the outcome for the dashboard; True when intact."""
    report = events_verify()
    remember(report)
    return report.ok
