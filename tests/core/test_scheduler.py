"""The embedded scheduler (issue 17): the beat schedule's jobs run when due in-process,
a failing job does not stop the others, and every job has a management command."""

import datetime
from io import StringIO

import pytest
from celery.schedules import crontab

from django.core.management import call_command, get_commands
from django.utils import timezone

from integrity.celery import app
from integrity.core.models import Notice
from integrity.core.scheduler import COMMANDS, Scheduler, tasks

pytestmark = pytest.mark.django_db


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(2026, 6, day, hour, minute))


def test_every_scheduled_job_is_a_task_with_a_management_command():
    registered, commands = tasks(), get_commands()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in registered
        assert COMMANDS[entry["task"]] in commands
    for name in (
        "alarms_sweep",
        "reminders_send",
        "records_expire",
        "monthly_report",
        "money_alarms",
    ):
        assert name in commands


def test_due_jobs_run_once_at_their_time_and_a_failure_stops_nothing(township, monkeypatch):
    entries = {
        "alarms": {"task": "commitments.tasks.commitment_alarms_task",
                   "schedule": crontab(minute=30, hour=6)},
        "expiry": {"task": "integrity.records.tasks.expire_records_task",
                   "schedule": crontab(minute=10, hour=0)},
    }  # fmt: skip
    scheduler = Scheduler(entries=entries)
    for job in scheduler.jobs:
        job.last_run = at(1, 5)
    assert scheduler.tick(at(1, 6, 0)) == []
    from tests.commitments.factories import OverdueCommitmentFactory

    OverdueCommitmentFactory(organisation=township)
    assert scheduler.tick(at(1, 6, 31)) == ["alarms"]
    assert Notice.objects.filter(key__contains=":overdue:").exists()
    assert scheduler.tick(at(1, 6, 40)) == []  # once per due time

    def broken(*args, **kwargs):
        raise RuntimeError("down")

    monkeypatch.setattr(tasks()["commitments.tasks.commitment_alarms_task"], "run", broken)
    assert scheduler.tick(at(2, 6, 31)) == ["alarms", "expiry"]
    alarms = next(j for j in scheduler.jobs if j.name == "alarms")
    assert alarms.failures == 1 and alarms.runs == 1
    assert scheduler.tick(at(3, 6, 31)) == ["alarms", "expiry"]  # tried again next time


def test_a_job_runs_from_its_command(township):
    from tests.commitments.factories import OverdueCommitmentFactory

    OverdueCommitmentFactory(organisation=township)
    out = StringIO()
    call_command("alarms_sweep", stdout=out)
    assert int(out.getvalue()) >= 1 and Notice.objects.exists()
