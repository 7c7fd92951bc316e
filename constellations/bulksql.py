"""Fast bulk writes for the catalog import: one parameterised statement run with executemany.

The ORM's bulk_create/bulk_update spend most of an import preparing 800,000 values one field at a time;
here each column gets one adapter (from the connection's own operations, so dates and UTC datetimes are
stored exactly as the ORM stores them) and the driver runs the statement for every row. ``INSERT ... ON
CONFLICT (...) DO UPDATE`` is the same SQL on SQLite (3.24+) and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models

BATCH = 2000


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _prepare(model, columns: Sequence[str], rows):
    fields = [model._meta.get_field(name) for name in columns]
    adapters = [(i, a) for i, a in enumerate(_adapter(f) for f in fields) if a is not None]
    if not adapters:
        return [tuple(row) for row in rows]
    out = []
    for row in rows:
        row = list(row)
        for i, adapt in adapters:
            if row[i] is not None:
                row[i] = adapt(row[i])
        out.append(tuple(row))
    return out


def upsert(model, columns: Sequence[str], rows, conflict: Sequence[str], update: Sequence[str]) -> None:
    """INSERT rows (tuples in ``columns`` order); on a conflict of ``conflict`` set the ``update`` columns."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [model._meta.get_field(c).column for c in columns]
    head = f"INSERT INTO {table} ({', '.join(quote(n) for n in names)}) VALUES "
    tail = (
        f" ON CONFLICT ({', '.join(quote(model._meta.get_field(c).column) for c in conflict)}) DO UPDATE SET "
        + ", ".join(f"{quote(model._meta.get_field(c).column)} = excluded.{quote(model._meta.get_field(c).column)}"
                    for c in update)
    )
    if connection.vendor == "postgresql":
        _upsert_unnest(model, columns, rows, head, tail)
        return
    one = f"({', '.join(['%s'] * len(names))})"
    prepared = _prepare(model, columns, rows)
    # Multi-row VALUES: one round trip per batch, within the backend's parameter limit.
    limit = connection.features.max_query_params or 30000
    batch = max(1, min(1000, limit // len(names)))
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), batch):
            part = prepared[start:start + batch]
            cursor.execute(head + ", ".join([one] * len(part)) + tail, [v for row in part for v in row])


def update_many(model, columns: Sequence[str], rows) -> None:
    """UPDATE each row by primary key: rows are tuples of ``columns`` values followed by the pk."""
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(model._meta.get_field(c).column)} = %s" for c in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"
    prepared = _prepare(model, [*columns, model._meta.pk.name], rows)
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start:start + BATCH])


def _upsert_unnest(model, columns, rows, head: str, tail: str) -> None:
    """PostgreSQL: one array parameter per column (``unnest``), so the statement stays short whatever the batch.

    psycopg's client-side binding parses every placeholder of a statement in Python; a 1,000-row VALUES list
    of 27 columns made that the slowest step of an import.
    """
    fields = [model._meta.get_field(c) for c in columns]
    casts = [f"%s::{f.rel_db_type(connection) if f.is_relation else f.db_type(connection)}[]" for f in fields]
    sql = head.replace(" VALUES ", " ") + f"SELECT * FROM unnest({', '.join(casts)})" + tail
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5 * BATCH):
            part = rows[start:start + 5 * BATCH]
            cursor.execute(sql, [list(column) for column in zip(*part)])
