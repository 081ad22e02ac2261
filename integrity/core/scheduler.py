"""The periodic jobs without Celery beat: the embedded default of ``make run``.

Production runs Celery beat (``integrity/celery.py``: ``app.conf.beat_schedule``) and
workers. A single-machine or development install has neither, so nothing periodic would
ever run: the alarm sweep, the reminders, the expiry of records, the monthly report, the
open-data files. ``Scheduler`` reads the same ``beat_schedule`` (one definition of what
runs when) and runs each due job in the process that serves the site, in a background
thread, one job at a time (``manage.py runserver_scheduled``, which ``make run`` uses;
``manage.py run_schedule`` runs it in a process of its own). Each job also has its own
management command (``COMMANDS``), for cron or a manual run.

A job that fails is logged and tried again at its next due time; the scheduler never
stops. Jobs are not run at start-up for the time before (no catch-up storm): each
entry's clock starts when the scheduler starts.
"""

import datetime
import logging
import threading
from dataclasses import dataclass, field

from django.db import close_old_connections
from django.utils import timezone

log = logging.getLogger(__name__)

# every beat entry's task → the management command that runs the same job once
COMMANDS = {
    "integrity.core.tasks.seed_calendar_task": "seed_calendar",
    "integrity.records.tasks.expire_records_task": "records_expire",
    "commitments.tasks.commitment_alarms_task": "alarms_sweep",
    "commitments.proposals.tasks.send_reminders_task": "reminders_send",
    "portal.monitoring.tasks.build_monthly_report_task": "monthly_report",
    "integrity.core.tasks.events_seal_task": "events_seal",
    "integrity.core.tasks.events_verify_task": "events_verify",
    "portal.tasks.opendata_generate_task": "opendata_generate",
    "commitments.money.tasks.money_alarms_task": "money_alarms",
    "integrity.records.tasks.escalate_explanations_task": "records_escalate",
    "portal.tasks.reporter_updates_task": "reporter_updates",
    "portal.tasks.subscriptions_send_task": "subscriptions_send",
}


@dataclass
class Job:
    name: str
    task: str
    schedule: object  # a celery schedule (crontab)
    last_run: datetime.datetime
    runs: int = 0
    failures: int = 0

    def due(self, now: datetime.datetime) -> bool:
        """Whether a due time of the schedule passed since the last run."""
        self.schedule.nowfun = lambda: now
        return bool(self.schedule.is_due(self.last_run).is_due)


@dataclass
class Scheduler:
    """Runs the beat schedule's jobs when due (``tick``), or forever in a thread."""

    entries: dict | None = None
    interval: float = 20.0
    jobs: list[Job] = field(default_factory=list)
    stop_event: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        if self.entries is None:
            from integrity.celery import app

            self.entries = dict(app.conf.beat_schedule)
        start = timezone.now()
        self.jobs = [
            Job(name, entry["task"], entry["schedule"], start)
            for name, entry in sorted(self.entries.items())
        ]

    def tick(self, now: datetime.datetime | None = None) -> list[str]:
        """Run every job due at ``now`` (one after the other); returns their names."""
        now = now or timezone.now()
        ran = []
        for job in self.jobs:
            if job.due(now):
                job.last_run = now
                self.run(job)
                ran.append(job.name)
        return ran

    def run(self, job: Job) -> None:
        try:
            tasks()[job.task].apply(throw=True)
            job.runs += 1
            log.info("scheduled job %s done", job.name)
        except Exception:  # a failing job must not stop the others
            job.failures += 1
            log.exception("scheduled job %s failed", job.name)

    def loop(self) -> None:
        while not self.stop_event.wait(self.interval):
            close_old_connections()  # this thread's own connection, as a request would
            try:
                self.tick()
            finally:
                close_old_connections()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.loop, name="integrity-scheduler", daemon=True)
        thread.start()
        log.info("embedded scheduler started: %s", ", ".join(j.name for j in self.jobs))
        return thread

    def stop(self) -> None:
        self.stop_event.set()


def tasks() -> dict:
    """Celery's task registry with every app's tasks module imported (autodiscovery)."""
    from integrity.celery import app

    app.loader.import_default_modules()
    return app.tasks


def run_task_now(task: str, **kwargs):
    """Run one task's job in this process (what the per-job commands do)."""
    return tasks()[task].apply(kwargs=kwargs, throw=True).get()
