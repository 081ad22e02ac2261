"""Set-wise inserts: many rows per statement, each value adapted once, no model instances.

Django's ``bulk_create`` builds a model instance per row and runs every value through
the SQL compiler's per-field machinery, and on SQLite it sends at most 999 parameters per
statement (about 30 rows of a wide table). For imports of 100,000 rows that overhead is
most of the time. ``insert_rows`` writes plain tuples instead:

* the values of text, boolean, integer and foreign-key columns go to the driver as they
  are (they already are what the driver takes); every other value goes through the
  field's own ``get_db_prep_save`` (dates, decimals, JSON), exactly as the ORM would;
* one multi-row ``INSERT … VALUES (…), (…) … [RETURNING pk]`` per batch, as large as the
  database's parameter limit allows (SQLite's real limit, read from the connection);
* the primary keys come back in row order (``RETURNING``, as ``bulk_create`` relies on).

On PostgreSQL a set of ``COPY_MIN`` rows or more goes through ``COPY … FROM STDIN``
instead (psycopg's C row writer; no SQL text to build or parse per row):

* keys wanted: they are drawn from the table's sequence first (one
  ``nextval … FROM generate_series``) and copied with the rows, so they come back in row
  order without ``RETURNING``;
* ``ignore_conflicts``: the rows are copied into a temporary table shaped like the target,
  then one ``INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING …`` moves them.

Callers are responsible for validation: nothing here calls ``full_clean``.
"""

from collections.abc import Iterable, Sequence
from functools import partial
from operator import itemgetter
from typing import Any

from django.db import connections, models

PLAIN = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
)
PLAIN_TYPES = (str, int, bool)
COPY_MIN = 200


def insert_fields(model) -> list[models.Field]:
    """The columns an insert writes: every concrete field but an auto primary key."""
    return [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]


def defaults(model, fields: Sequence[models.Field]) -> dict[str, Any]:
    """Each field's default (callables called once, ``auto_now``/``auto_now_add`` set to
    now): what a new instance would hold for a value the rows do not give. Fields without
    one (not null, no default, not text) are left out: the rows must give them."""
    from django.utils import timezone

    now = timezone.now()
    values = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values[field.attname] = now if isinstance(field, models.DateTimeField) else now.date()
        elif field.has_default() or field.null or field.empty_strings_allowed:
            values[field.attname] = field.get_default()  # the default, None or ""
    return values


def _plain(field: models.Field) -> bool:
    if isinstance(field, models.ForeignKey):
        return _plain(field.target_field) or isinstance(field.target_field, models.AutoField)
    return isinstance(field, PLAIN) and not isinstance(field, models.JSONField)


def _max_params(connection) -> int:
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        try:
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except AttributeError:  # Python < 3.11
            return 999
    if connection.vendor == "postgresql":
        return 65535
    return connection.features.max_query_params or 999


def insert_rows(
    model,
    fields: Sequence[models.Field],
    rows: Iterable[Sequence[Any]],
    *,
    returning: bool | Sequence[str] = False,
    ignore_conflicts: bool = False,
    batch_size: int = 2000,
    using: str = "default",
) -> list:
    """Insert ``rows`` (one value per field, in the order of ``fields``).

    ``returning=True`` returns the new primary keys in row order; a list of column names
    returns a tuple of those columns per inserted row. ``ignore_conflicts`` skips rows
    that would break a unique constraint (``ON CONFLICT DO NOTHING``): only the rows
    really inserted are returned, so with it ask for identifying columns, not keys."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        rows = rows if isinstance(rows, list) else list(rows)
        if len(rows) >= COPY_MIN:
            return copy_rows(
                model, fields, rows, returning=returning,
                ignore_conflicts=ignore_conflicts, using=using,
            )  # fmt: skip
    qn = connection.ops.quote_name
    plain = [_plain(f) for f in fields]
    prepare = [f.get_db_prep_save for f in fields]
    size = max(1, min(batch_size, _max_params(connection) // max(len(fields), 1)))
    columns = ", ".join(qn(f.column) for f in fields)
    # identifiers are quoted model metadata; every value is a parameter
    head = f"INSERT INTO {qn(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    mark = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    if returning is True:
        tail += f" RETURNING {qn(model._meta.pk.column)}"
    elif returning:
        tail += " RETURNING " + ", ".join(qn(model._meta.get_field(c).column) for c in returning)
    single = returning is True
    keys: list = []
    batch: list[Any] = []
    count = 0

    def flush() -> None:
        nonlocal batch, count
        if not count:
            return
        sql = head + ", ".join([mark] * count) + tail
        with connection.cursor() as cursor:
            cursor.execute(sql, batch)
            if single:
                keys.extend(row[0] for row in cursor.fetchall())
            elif returning:
                keys.extend(tuple(row) for row in cursor.fetchall())
        batch, count = [], 0

    # per column, the last value adapted and its result: a value shared by every row (a
    # default, a timestamp) is adapted once
    last: list[Any] = [object()] * len(fields)
    adapted: list[Any] = [None] * len(fields)
    for row in rows:
        for i, value in enumerate(row):
            if value is None or (plain[i] and type(value) in PLAIN_TYPES):
                batch.append(value)
            elif value is last[i]:
                batch.append(adapted[i])
            else:
                last[i], adapted[i] = value, prepare[i](value, connection)
                batch.append(adapted[i])
        count += 1
        if count == size:
            flush()
    flush()
    return keys


def _copy_converters(fields: Sequence[models.Field], connection) -> list:
    """Per column, how a value becomes what COPY takes: ``None`` when psycopg writes the
    Python value itself (text, numbers, booleans, keys, dates, datetimes, decimals), JSON
    as its text, anything else through the field's ``get_db_prep_save``."""
    import json

    native = (models.DateField, models.DecimalField, models.UUIDField)  # DateTimeField too
    converters: list = []
    for field in fields:
        if isinstance(field, models.JSONField):
            encoder = field.encoder

            def dump(value, encoder=encoder):
                return json.dumps(value, cls=encoder, ensure_ascii=False)

            converters.append(dump)
        elif _plain(field) or isinstance(field, native):
            converters.append(None)
        else:
            converters.append(partial(_prep, field.get_db_prep_save, connection))
    return converters


def _prep(prepare, connection, value):
    return prepare(value, connection)


def _adapted(converters: list, rows: Iterable[Sequence[Any]]) -> Iterable[Sequence[Any]]:
    """Each row's values as COPY takes them (see ``_copy_converters``)."""
    active = [(i, c) for i, c in enumerate(converters) if c is not None]
    if not active:
        yield from rows
        return
    for row in rows:
        out = list(row)
        for i, convert in active:
            if out[i] is not None:
                out[i] = convert(out[i])
        yield out


def copy_rows(
    model,
    fields: Sequence[models.Field],
    rows: list[Sequence[Any]],
    *,
    returning: bool | Sequence[str] = False,
    ignore_conflicts: bool = False,
    using: str = "default",
) -> list:
    """``insert_rows`` on PostgreSQL by ``COPY … FROM STDIN`` (same arguments, same result)."""
    connection = connections[using]
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    keys: list = []
    columns = [qn(f.column) for f in fields]
    values: Iterable[Sequence[Any]] = _adapted(_copy_converters(fields, connection), rows)
    with connection.cursor() as cursor:
        if returning is True:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [model._meta.db_table, model._meta.pk.column, len(rows)],
            )
            keys = sorted(row[0] for row in cursor.fetchall())
            columns = [pk, *columns]
            values = ([key, *row] for key, row in zip(keys, values, strict=True))
        target = table
        if ignore_conflicts:
            target = qn(f"tmp_copy_{model._meta.db_table}")
            cursor.execute(f"DROP TABLE IF EXISTS {target}")
            # same columns and types, no constraint: the conflicts are settled on the move
            cursor.execute(
                f"CREATE TEMPORARY TABLE {target} AS SELECT {', '.join(columns)} "  # noqa: S608
                f"FROM {table} WITH NO DATA"
            )
        with cursor.cursor.copy(f"COPY {target} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in values:
                copy.write_row(row)
        if not ignore_conflicts:
            return keys
        names = ", ".join(columns)
        sql = f"INSERT INTO {table} ({names}) SELECT {names} FROM {target} ON CONFLICT DO NOTHING"  # noqa: S608
        if returning is True:
            sql += f" RETURNING {pk}"
        elif returning:
            sql += " RETURNING " + ", ".join(qn(model._meta.get_field(c).column) for c in returning)
        cursor.execute(sql)
        found = cursor.fetchall() if returning else []
        cursor.execute(f"DROP TABLE {target}")
    if returning is True:
        return sorted(row[0] for row in found)
    return [tuple(row) for row in found]


def insert_dicts(
    model,
    rows: Sequence[dict],
    *,
    returning: bool | Sequence[str] = False,
    ignore_conflicts: bool = False,
    **common: Any,
) -> list:
    """Insert rows given as ``{attname: value}``; a column a row does not give takes the
    value in ``common``, else the field's default (see ``defaults``)."""
    fields = insert_fields(model)
    base = {**defaults(model, fields), **common}
    names = [f.attname for f in fields]
    missing = [n for n in names if n not in base and not all(n in row for row in rows)]
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    getter = itemgetter(*names)
    if len(names) == 1:  # itemgetter of one name gives the value, not a 1-tuple
        getter = lambda merged: (merged[names[0]],)  # noqa: E731
    return insert_rows(
        model,
        fields,
        (getter({**base, **row}) for row in rows),
        returning=returning,
        ignore_conflicts=ignore_conflicts,
    )


def csv_dataset(text: str):
    """A csv text as a ``tablib.Dataset`` (first line the headers), built from the csv
    module's rows directly: tablib's own loader validates and inserts row by row, which
    costs more than the rest of reading 100,000 rows. Short rows are padded with "", long
    ones refused, blank lines skipped, as tablib does."""
    import csv
    import io

    import tablib
    from tablib.core import Row

    reader = csv.reader(io.StringIO(text))
    headers = next(reader, None)
    dataset = tablib.Dataset()
    if headers is None:
        return dataset
    dataset.headers = headers
    width = len(headers)
    rows = []
    for line, row in enumerate(reader, start=2):
        if not row:  # a blank line, skipped as tablib does
            continue
        if len(row) != width:
            if len(row) > width:
                raise tablib.InvalidDimensions(f"line {line}: {len(row)} values, {width} columns")
            row += [""] * (width - len(row))
        rows.append(Row(row))
    dataset._data = rows
    return dataset
