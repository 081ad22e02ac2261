from celery import shared_task

from integrity.core.services import calendar_seed


@shared_task
def seed_calendar_task(first_year: int = 2004, last_year: int = 2026) -> int:
    """Reload the statutory calendar; returns the number of days loaded."""
    return calendar_seed(years=range(first_year, last_year + 1))
