"""Celery tasks of the monthly monitoring (thin adapters over the services)."""

import datetime

from celery import shared_task

from django.utils import timezone

from .figures import previous_month
from .services import monitoring_build


@shared_task
def build_monthly_report_task(month: str | None = None) -> int:
    """Build the report of ``month`` (YYYY-MM), by default the month before today."""
    if month:
        first = datetime.date.fromisoformat(f"{month}-01")
    else:
        first = previous_month(timezone.localdate())
    return monitoring_build(month=first).pk
