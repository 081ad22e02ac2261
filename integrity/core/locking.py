"""Row locks for decisions: one person's decision wins, the second is refused.

Every service that moves a state machine on a person's decision calls :func:`lock` inside
its ``transaction.atomic`` block *before* checking the state. The row is re-read with
``SELECT … FOR UPDATE`` (PostgreSQL blocks a second decider until the first commits), so the
state check runs on the committed state and a repeated decision raises the service's usual
``ValidationError`` instead of being applied twice.
"""

from typing import TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)


def lock(obj: M) -> M:
    """Lock ``obj``'s row for the current transaction and reload it in place."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic")
    manager = type(obj)._default_manager
    obj.refresh_from_db(from_queryset=manager.select_for_update(of=("self",)))
    return obj
