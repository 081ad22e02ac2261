"""A real Celery worker for tests about tasks.

With ``CELERY_BROKER_URL`` set (CI's PostgreSQL run uses Redis) the worker consumes
from that broker; otherwise from Celery's in-memory transport. Either way the task
runs in the worker's own thread and database connection, not inline.
"""

import contextlib
import os
import re

from celery.contrib.testing.worker import start_worker

from integrity.celery import app


def _per_test_process(url: str) -> str:
    """Give each pytest-xdist process its own Redis database, so workers never steal tasks."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not url.startswith("redis://") or not worker.startswith("gw"):
        return url
    offset = int(worker[2:])
    return re.sub(r"/(\d+)$", lambda m: f"/{int(m.group(1)) - offset}", url)


def _forget_backend() -> None:
    # Celery caches the result backend per thread on first use; drop it so the
    # configuration above (or the restored one) takes effect.
    app._local.__dict__.pop("backend", None)


@contextlib.contextmanager
def real_worker():
    saved = {key: app.conf[key] for key in ("task_always_eager", "broker_url", "result_backend")}
    app.conf.task_always_eager = False
    app.conf.broker_url = _per_test_process(saved["broker_url"] or "memory://")
    app.conf.result_backend = _per_test_process(saved["result_backend"] or "cache+memory://")
    _forget_backend()
    try:
        with start_worker(app, perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        app.conf.update(saved)
        _forget_backend()
