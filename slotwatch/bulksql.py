"""The project's one bulk writer: plain INSERT, UPDATE by primary key and INSERT ... ON CONFLICT, for any model.

Django's bulk_create and bulk_update prepare every value through the generic field machinery and, on SQLite,
split into statements of at most 999 parameters; for the 800,000 values of a catalog import or the 130,000
milestone rows of a large registry that cost most of the run. Here each column gets one adapter (from the
connection's own operations, so dates, UTC datetimes and JSON are stored exactly as the ORM stores them) and
the driver runs one parameterised statement for every row. Only plain columns are written: no signals, no
auto fields other than the id, no ``save()``.

On PostgreSQL an insert is a COPY and an upsert reads one array parameter per column (``unnest``): psycopg
formats those rows in C instead of parsing every placeholder in Python.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.conf import settings
from django.db import connection, models

BATCH = 2000


def _adapter(field):
    ops = connection.ops
    if isinstance(field, models.JSONField):
        return lambda value: ops.adapt_json_value(value, field.encoder)
    if isinstance(field, models.DateTimeField):
        if connection.vendor == "sqlite":
            return _sqlite_datetime(ops.adapt_datetimefield_value)
        return ops.adapt_datetimefield_value
    if isinstance(field, models.DateField):
        return ops.adapt_datefield_value
    return None


def _sqlite_datetime(general):
    """SQLite's datetime adapter with its common case inline: an aware datetime becomes the connection's naive
    local time as text, exactly what Django's ``adapt_datetimefield_value`` returns (``make_naive`` then ``str``)
    without its per-value setting look-ups, which took a third of a 100,000-object import's store step."""
    zone = connection.timezone if settings.USE_TZ else None
    last = [None, None]  # the last value and its text: a column such as updated_at repeats one moment per row

    def adapt(value):
        if value is None:
            return None
        if value is last[0]:
            return last[1]
        if zone is not None and type(value) is datetime.datetime and value.tzinfo is not None:
            text = str((value if value.tzinfo is zone else value.astimezone(zone)).replace(tzinfo=None))
            last[0], last[1] = value, text
            return text
        return general(value)

    return adapt


def _fields(model, columns: Sequence[str]) -> list:
    return [model._meta.get_field(name) for name in columns]


def _prepare(fields, rows: Iterable[Sequence]) -> list:
    """Rows (sequences in ``fields`` order) with every value adapted for the database."""
    adapters = [_adapter(f) for f in fields]
    if not any(adapters):
        return [tuple(row) for row in rows]
    return [[v if adapt is None else adapt(v) for v, adapt in zip(row, adapters)] for row in rows]


def _quoted_columns(fields) -> str:
    quote = connection.ops.quote_name
    return ", ".join(quote(f.column) for f in fields)


def insert(model, rows: Iterable[Mapping]) -> None:
    """INSERT new rows: mappings of attribute names (``filing_id``) to values; a field left out gets its default."""
    rows = list(rows)
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    defaults = [(f.attname, f.get_default()) for f in fields]
    values = _prepare(fields, ([row.get(name, default) for name, default in defaults] for row in rows))
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # COPY: psycopg formats the rows in C, one round trip
            with cursor.cursor.copy(f"COPY {table} ({_quoted_columns(fields)}) FROM STDIN") as copy:
                for row in values:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({_quoted_columns(fields)}) VALUES ({placeholders})", values)


def insert_rows(model, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """INSERT rows given as tuples of ``columns`` values (the primary key may be one); columns left out are NULL.

    For new rows whose key is known not to exist: COPY on PostgreSQL, one prepared statement on SQLite.
    """
    fields = _fields(model, columns)
    prepared = _prepare(fields, rows)
    if not prepared:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({_quoted_columns(fields)}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({_quoted_columns(fields)}) VALUES ({placeholders})", prepared)


def update(model, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """UPDATE each row by primary key: rows are tuples of ``columns`` values followed by the pk."""
    quote = connection.ops.quote_name
    fields = _fields(model, columns)
    sets = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {sets} WHERE {quote(model._meta.pk.column)} = %s"
    if connection.vendor == "postgresql" and not any(isinstance(f, models.JSONField) for f in fields):
        _update_unnest(model, [*fields, model._meta.pk], rows)
        return
    prepared = _prepare([*fields, model._meta.pk], rows)
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), BATCH):
            cursor.executemany(sql, prepared[start:start + BATCH])


def upsert(model, columns: Sequence[str], rows, conflict: Sequence[str], update: Sequence[str]) -> None:
    """INSERT rows (tuples in ``columns`` order); on a conflict of ``conflict`` set the ``update`` columns.

    ``INSERT ... ON CONFLICT (...) DO UPDATE`` is the same SQL on SQLite (3.24+) and PostgreSQL."""
    quote = connection.ops.quote_name
    fields = _fields(model, columns)
    head = f"INSERT INTO {quote(model._meta.db_table)} ({_quoted_columns(fields)}) VALUES "
    tail = (
        f" ON CONFLICT ({_quoted_columns(_fields(model, conflict))}) DO UPDATE SET "
        + ", ".join(f"{quote(f.column)} = excluded.{quote(f.column)}" for f in _fields(model, update))
    )
    if connection.vendor == "postgresql":
        _upsert_unnest(fields, rows, head, tail)
        return
    one = f"({', '.join(['%s'] * len(fields))})"
    prepared = _prepare(fields, rows)
    # SQLite runs in-process, so there is no round trip to save: one single-row statement, prepared once and run
    # for every row (executemany), beats multi-row VALUES, whose placeholders Django rewrites with a regex on
    # every call.
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), 10 * BATCH):
            cursor.executemany(head + one + tail, prepared[start:start + 10 * BATCH])


def _upsert_unnest(fields, rows, head: str, tail: str) -> None:
    """PostgreSQL: one array parameter per column (``unnest``), so the statement stays short whatever the batch.

    psycopg's client-side binding parses every placeholder of a statement in Python; a 1,000-row VALUES list
    of 27 columns made that the slowest step of an import.
    """
    sql = head.replace(" VALUES ", " ") + f"SELECT * FROM unnest({', '.join(_array_casts(fields))})" + tail
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5 * BATCH):
            part = rows[start:start + 5 * BATCH]
            cursor.execute(sql, [list(column) for column in zip(*part)])


def _array_casts(fields) -> list[str]:
    return [f"%s::{f.rel_db_type(connection) if f.is_relation else f.db_type(connection)}[]" for f in fields]


def _update_unnest(model, fields, rows) -> None:
    """PostgreSQL: UPDATE ... FROM unnest(one array per column), the last column the primary key.

    One statement per 10,000 rows instead of one per row: executemany of 100,000 single-row UPDATEs was the
    slowest step of a full GP sync on PostgreSQL. JSON columns keep the row-by-row path (no jsonb[] arrays).
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = [f"c{i}" for i in range(len(fields))]
    sets = ", ".join(f"{quote(f.column)} = v.{n}" for f, n in zip(fields[:-1], names))
    sql = (f"UPDATE {table} SET {sets} FROM unnest({', '.join(_array_casts(fields))}) AS v({', '.join(names)}) "
           f"WHERE {table}.{quote(fields[-1].column)} = v.{names[-1]}")
    prepared = _prepare(fields, rows)
    with connection.cursor() as cursor:
        for start in range(0, len(prepared), 5 * BATCH):
            part = prepared[start:start + 5 * BATCH]
            cursor.execute(sql, [list(column) for column in zip(*part)])
