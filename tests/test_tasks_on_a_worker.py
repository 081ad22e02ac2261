"""The periodic jobs run on a real Celery worker (memory transport, or Redis in CI)."""

import datetime

import pytest

from django.utils import timezone

from commitments.tasks import commitment_alarms_task
from integrity.core.models import Notice
from portal.monitoring.models import MonitoringReport
from portal.monitoring.tasks import build_monthly_report_task
from tests.celery_worker import real_worker
from tests.commitments.factories import PublishedCommitmentFactory

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_alarm_sweep_and_the_monthly_report_run_on_a_worker_idempotently(township, county):
    today = timezone.localdate()
    overdue = PublishedCommitmentFactory(
        organisation=township,
        deadline=today - datetime.timedelta(days=10),
        last_progress_on=today - datetime.timedelta(days=10),
    )
    with real_worker():
        first = commitment_alarms_task.delay().get(timeout=120)
        second = commitment_alarms_task.delay().get(timeout=120)
        build_monthly_report_task.delay().get(timeout=120)
        build_monthly_report_task.delay().get(timeout=120)
    assert first >= 2 and second == 0
    assert (
        Notice.objects.filter(organisation=township, key__contains=f"{overdue.pk}:overdue").count()
        == 1
    )
    assert (
        Notice.objects.filter(organisation=county, key__contains="overdue-escalated").count() == 1
    )
    assert MonitoringReport.objects.count() == 1
