"""Row locks for decisions: one person's decision wins, the second is refused.

Every service that moves a state machine on a person's decision calls :func:`lock` inside
its ``transaction.atomic`` block *before* checking the state. The row is re-read with
``SELECT … FOR UPDATE`` (PostgreSQL blocks a second decider until the first commits), so the
state check runs on the committed state and a repeated decision raises the service's usual
``ValidationError`` instead of being applied twice. That error carries ``code=CONFLICT``
so the API answers it with 409 Conflict rather than 400.
"""

from typing import TypeVar

from django.db import models, transaction

M = TypeVar("M", bound=models.Model)

CONFLICT = "conflict"
"""``ValidationError`` code of a decision refused because the row's state has moved on."""


def lock(obj: M) -> M:
    """Lock ``obj``'s row and reload its fields in place (unchanged relations stay cached)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("lock() must be called inside transaction.atomic")
    fresh = type(obj)._base_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    for field in obj._meta.concrete_fields:
        value = getattr(fresh, field.attname)
        changed = getattr(obj, field.attname) != value
        if field.is_relation and changed and field.is_cached(obj):
            field.delete_cached_value(obj)
        setattr(obj, field.attname, value)
    return obj


def share(obj: M) -> M:
    """Hold a shared row lock on ``obj`` (``FOR SHARE`` on PostgreSQL) and reload it.

    Many transactions may share the row at once; a :func:`lock` on it waits until they end.
    Used where many small writes (self-assessments, objections) must not interleave with a
    stage change of their parent. SQLite serialises writers on its own, so there it only
    reloads."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("share() must be called inside transaction.atomic")
    connection = transaction.get_connection()
    if connection.vendor == "postgresql":
        table, pk = obj._meta.db_table, obj._meta.pk.column
        with connection.cursor() as cursor:
            quote = connection.ops.quote_name
            cursor.execute(
                # identifiers come from the model's own meta, quoted; the value is a parameter
                f"SELECT 1 FROM {quote(table)} WHERE {quote(pk)} = %s FOR SHARE",  # noqa: S608
                [obj.pk],
            )
    obj.refresh_from_db()
    return obj
