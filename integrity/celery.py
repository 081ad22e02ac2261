"""Celery application. Periodic schedules are declared here, in code."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "integrity.settings.dev")

app = Celery("integrity")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# One entry per periodic job; each task is a thin adapter over a service.
app.conf.beat_schedule = {
    "calendar-seed-next-year": {
        "task": "integrity.core.tasks.seed_calendar_task",
        "schedule": crontab(minute=0, hour=3, day_of_month=1, month_of_year=12),
    },
    "records-expire-daily": {
        "task": "integrity.records.tasks.expire_records_task",
        "schedule": crontab(minute=10, hour=0),
    },
}
app.conf.beat_schedule["commitment-alarms-daily"] = {
    "task": "commitments.tasks.commitment_alarms_task",
    "schedule": crontab(minute=30, hour=6),
}
app.conf.beat_schedule["proposals-reminders"] = {
    "task": "commitments.proposals.tasks.send_reminders_task",
    "schedule": crontab(minute=30, hour=8),
}
app.conf.beat_schedule["monitoring-monthly-report"] = {
    "task": "portal.monitoring.tasks.build_monthly_report_task",
    "schedule": crontab(minute=0, hour=2, day_of_month=1),
}
app.conf.beat_schedule["events-seal"] = {
    "task": "integrity.core.tasks.events_seal_task",
    "schedule": crontab(),  # every minute: events the after-commit sealer missed
}
app.conf.beat_schedule["events-verify-daily"] = {
    "task": "integrity.core.tasks.events_verify_task",
    "schedule": crontab(minute=40, hour=3),
}
app.conf.beat_schedule["money-alarms-daily"] = {
    "task": "commitments.money.tasks.money_alarms_task",
    "schedule": crontab(minute=40, hour=6),
}
app.conf.beat_schedule["records-explanations-escalate"] = {
    "task": "integrity.records.tasks.escalate_explanations_task",
    "schedule": crontab(minute=20, hour=0),
}
app.conf.beat_schedule["portal-reporter-updates"] = {
    "task": "portal.tasks.reporter_updates_task",
    "schedule": crontab(minute="*/5"),
}
app.conf.beat_schedule["portal-subscriptions-daily"] = {
    "task": "portal.tasks.subscriptions_send_task",
    "schedule": crontab(minute=0, hour=7),
}
app.conf.beat_schedule["opendata-generate-daily"] = {
    "task": "portal.tasks.opendata_generate_task",
    "schedule": crontab(minute=50, hour=1),
}
