"""Set-wise reads and writes: many rows in one statement, without per-row ORM work.

``read_frame`` runs a queryset's SQL on a cursor and builds a DataFrame from the raw
tuples (Django's per-row converters, e.g. a ``Decimal`` for every SQLite number, cost
more than the query at 150,000 rows). ``update_rows`` loads the new values into a
temporary table (``COPY`` on PostgreSQL, one ``executemany`` on SQLite) and updates
the target with one ``UPDATE … FROM`` join (SQLite ≥ 3.33 and PostgreSQL), instead of
one UPDATE per row or Django's ``bulk_update`` CASE expressions. Only rows whose values
differ are written (``IS DISTINCT FROM``): a recomputation on unchanged data writes
nothing, and on PostgreSQL an unchanged row gets no new version to index and vacuum.
"""

import pandas as pd

from django.db import connection


def read_frame(queryset, columns: list[str], floats: tuple[str, ...] = ()) -> pd.DataFrame:
    """``queryset.values_list(*columns)`` as a DataFrame, read straight from the cursor.

    Values come as the database driver returns them (on SQLite, dates are ISO strings);
    ``floats`` are converted to float (Decimals on PostgreSQL, ints or floats on SQLite)."""
    sql, params = queryset.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
    for column in floats:
        frame[column] = pd.to_numeric(frame[column].astype(object), errors="coerce").astype(float)
    return frame


def _values(series: pd.Series) -> list:
    return series.astype(object).where(series.notna(), None).tolist()


def update_rows(model, frame: pd.DataFrame, columns: list[str], key: str = "id") -> int:
    """Set ``columns`` of the rows of ``model`` whose primary key is ``frame[key]``;
    returns how many rows changed (rows already holding these values are left alone)."""
    if frame.empty:
        return 0
    qn = connection.ops.quote_name
    table, pk = qn(model._meta.db_table), qn(model._meta.pk.column)
    fields = [model._meta.get_field(c) for c in columns]
    temp = qn(f"tmp_write_{model._meta.db_table}")
    definitions = ", ".join(f"{qn(f.column)} {f.db_type(connection)}" for f in fields)
    marks = ", ".join(["%s"] * (len(fields) + 1))
    sets = ", ".join(f"{qn(f.column)} = {temp}.{qn(f.column)}" for f in fields)
    # a row whose values are already these is not rewritten (no new row version);
    # null-safe inequality: IS DISTINCT FROM (PostgreSQL), IS NOT (SQLite before 3.39)
    differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
    changed = " OR ".join(f"{table}.{qn(f.column)} {differs} {temp}.{qn(f.column)}" for f in fields)
    rows = list(
        zip(_values(frame[key].astype(int)), *(_values(frame[c]) for c in columns), strict=True)
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {temp}")
        cursor.execute(f"CREATE TEMPORARY TABLE {temp} (k bigint PRIMARY KEY, {definitions})")
        if connection.vendor == "postgresql":  # COPY: psycopg's row writer, no SQL per row
            with cursor.cursor.copy(f"COPY {temp} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:  # identifiers are quoted model names; values are parameters
            cursor.executemany(f"INSERT INTO {temp} VALUES ({marks})", rows)  # noqa: S608
        cursor.execute(
            f"UPDATE {table} SET {sets} FROM {temp} "  # noqa: S608
            f"WHERE {table}.{pk} = {temp}.k AND ({changed})"
        )
        written = cursor.rowcount
        cursor.execute(f"DROP TABLE {temp}")
    return written
