"""Demo: the monitoring reports of the last three months, built from the demo data."""

from django.utils import timezone

from .figures import previous_month
from .services import monitoring_build


def load(context: dict) -> None:
    month = previous_month(timezone.localdate())
    months = [month]
    for _ in range(2):
        months.insert(0, previous_month(months[0]))
    for first in months:
        monitoring_build(month=first)
