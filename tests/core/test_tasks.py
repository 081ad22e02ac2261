import threading

import pytest
from celery import shared_task

from integrity.core.models import CalendarDay, CalendarYear
from integrity.core.tasks import seed_calendar_task
from tests.celery_worker import real_worker


@shared_task
def which_thread() -> str:
    return threading.current_thread().name


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_calendar_task_runs_on_a_real_worker():
    from integrity.celery import app as celery_app

    celery_app.backend  # noqa: B018  (as a progress page would: caches the eager-mode backend)
    with real_worker() as app:
        ran_in = which_thread.delay().get(timeout=60)
        count = seed_calendar_task.delay(2025, 2025).get(timeout=60)
        broker = app.conf.broker_url
    assert ran_in != threading.current_thread().name
    assert broker.startswith(("redis://", "memory://"))
    assert count == CalendarDay.objects.filter(date__year=2025).count() > 0
    assert CalendarYear.objects.filter(year=2025).exists()
