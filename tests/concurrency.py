"""Shared harness for the PostgreSQL race tests: run decisions at the same moment.

Each callable runs in its own thread (hence its own database connection); a barrier releases
them together. Returns one outcome per callable: "ok" or "refused" (ValidationError).
Any other exception is re-raised in the test thread so a crash is never counted as a refusal.
"""

import threading
from collections.abc import Callable

import pytest

from django.core.exceptions import ValidationError
from django.db import connection, connections

postgres_only = [
    pytest.mark.postgres,
    pytest.mark.race,  # `make test` runs these in a process of their own: they flush
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL row locks (SELECT FOR UPDATE)"
    ),
]


def postgres_race(test):
    """Decorator: a test that needs PostgreSQL row locks and committed data across threads."""
    for mark in reversed(postgres_only):
        test = mark(test)
    return test


def race(*calls: Callable[[], object], timeout: float = 10) -> list[str]:
    barrier = threading.Barrier(len(calls))
    outcomes: list[str | None] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(index: int, call: Callable[[], object]) -> None:
        try:
            barrier.wait(timeout)
            call()
            outcomes[index] = "ok"
        except ValidationError:
            outcomes[index] = "refused"
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    if errors:
        raise errors[0]
    return [o or "hung" for o in outcomes]


def fresh(obj):
    """The row as another request would read it now (not the caller's possibly stale copy)."""
    return type(obj).objects.get(pk=obj.pk)


def count(obj, type_: str) -> int:
    """Events of ``type_`` recorded for ``obj``: exactly one per applied decision."""
    from integrity.core.models import Event

    return Event.objects.for_object(obj).filter(type=type_).count()
