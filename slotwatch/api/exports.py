"""Streamed CSV and XLSX exports of any list, with a fixed, documented column list per resource.

A view declares ``export_columns``: an ordered mapping of column name to either a ``values_list`` path
(``"administration__iso_code"``) or ``Many("sources")`` for the keys of a many-to-many relation joined by ``;``.
Rows are read with ``iterator()`` in batches, never the whole table at once: CSV goes out batch by batch as it is
read; XLSX is written row by row with openpyxl's write-only mode into a temporary file that is then streamed.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from rest_framework.renderers import BaseRenderer

__all__ = ("EXPORT_FORMATS", "CSVRenderer", "Many", "XLSXRenderer", "export_response", "export_rows")

BATCH = 2000
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Text that a spreadsheet would run as a formula when the file is opened (CSV injection).
FORMULA_START = ("=", "+", "@", "\t", "\r")


class Many:
    """A column holding the keys of a many-to-many relation, joined by ``;`` (``Many("sources")``)."""

    def __init__(self, relation: str, key: str = "key"):
        self.relation = relation
        self.key = key

    def fetch(self, model, pks: list) -> dict:
        """``{pk: "key1;key2"}`` for a batch of rows, in one query."""
        field = model._meta.get_field(self.relation)
        through = field.remote_field.through
        own, other = field.m2m_field_name(), field.m2m_reverse_field_name()
        found = defaultdict(list)
        pairs = through._default_manager.filter(**{f"{own}_id__in": pks}).values_list(
            f"{own}_id", f"{other}__{self.key}"
        )
        for pk, key in pairs.order_by(f"{other}__{self.key}"):
            found[pk].append(key)
        return {pk: ";".join(keys) for pk, keys in found.items()}


def _batches(rows: Iterable, size: int) -> Iterator[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def export_rows(queryset, columns: dict) -> Iterator[list]:
    """The rows of ``queryset`` as lists of plain values in the order of ``columns``."""
    paths = [path for path in columns.values() if isinstance(path, str)]
    # Columns read per batch (Many, or any column with the same ``fetch(model, pks)``): the rest are field paths.
    many = {name: column for name, column in columns.items() if not isinstance(column, str)}
    # values_list skips model instances; prefetches do not apply to it, so drop them.
    rows = queryset.prefetch_related(None).values_list("pk", *paths).iterator(chunk_size=BATCH)
    for batch in _batches(rows, BATCH):
        extra = {name: column.fetch(queryset.model, [row[0] for row in batch]) for name, column in many.items()}
        for row in batch:
            values = iter(row[1:])
            yield [extra[name].get(row[0], "") if name in many else _plain(next(values)) for name in columns]


def _plain(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Lines:
    """A file-like sink that keeps what csv.writer writes until it is taken."""

    def __init__(self):
        self.parts = []
        self.size = 0

    def write(self, text):
        self.parts.append(text)
        self.size += len(text)

    def take(self) -> bytes:
        data = "".join(self.parts).encode("utf-8")
        self.parts, self.size = [], 0
        return data


def _csv_stream(header: list[str], rows: Iterable[list]) -> Iterator[bytes]:
    sink = _Lines()
    writer = csv.writer(sink)
    sink.write("\ufeff")  # a byte-order mark, so spreadsheet programs read the file as UTF-8
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
        if sink.size >= 64 * 1024:
            yield sink.take()
    yield sink.take()


def _xlsx_file(header: list[str], rows: Iterable[list], title: str):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, dt.datetime) and value.tzinfo is not None:
                value = value.astimezone(dt.UTC).replace(tzinfo=None)  # Excel has no time zones: UTC
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # text, not a formula
                value = cell
            cells.append(value)
        sheet.append(cells)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle


def export_response(queryset, columns: dict, fmt: str, name: str):
    header = list(columns)
    rows = export_rows(queryset, columns)
    stamp = dt.date.today().isoformat()
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_stream(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="slotwatch-{name}-{stamp}.csv"'
        return response
    return FileResponse(
        _xlsx_file(header, rows, name), as_attachment=True, filename=f"slotwatch-{name}-{stamp}.xlsx",
        content_type=XLSX_MEDIA_TYPE,
    )


class CSVRenderer(BaseRenderer):
    """Selects the CSV export (``?format=csv``); the rows never pass through a renderer, they are streamed."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):  # pragma: no cover - never reached
        raise NotImplementedError("exports are streamed by RegistryViewSet.list()")


class XLSXRenderer(CSVRenderer):
    media_type = XLSX_MEDIA_TYPE
    format = "xlsx"
    charset = None


EXPORT_FORMATS = {CSVRenderer.format, XLSXRenderer.format}
