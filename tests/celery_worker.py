"""A real Celery worker for tests about tasks.

With ``CELERY_BROKER_URL`` set (CI's PostgreSQL run uses Redis) the worker consumes
from that broker; otherwise from Celery's in-memory transport. Either way the task
runs in the worker's own thread and database connection, not inline.
"""

import contextlib

from celery.contrib.testing.worker import start_worker

from integrity.celery import app


@contextlib.contextmanager
def real_worker():
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.task_always_eager = False
    app.conf.broker_url = saved["broker_url"] or "memory://"
    app.conf.result_backend = saved["result_backend"] or "cache+memory://"
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        app.conf.update(saved)
