"""The event types the monitoring app records (labels registered in ``apps.py``)."""

from django.db import models
from django.utils.translation import pgettext_lazy


class EventType(models.TextChoices):
    REPORT_BUILT = ("monitoring.report_built", pgettext_lazy("event", "Monthly report built"))
