"""Read a column as the database stores it, bypassing field conversion (encrypted fields)."""

from django.db import connection, models


def raw_value(obj: models.Model, field_name: str) -> str:
    """The stored value of ``field_name`` of ``obj``'s row, read with plain SQL."""
    meta = obj._meta
    column = meta.get_field(field_name).column
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {qn(column)} FROM {qn(meta.db_table)} WHERE {qn(meta.pk.column)} = %s",
            [obj.pk],
        )
        return cursor.fetchone()[0]
