"""Streamed CSV and XLSX exports of any list, with a fixed, documented column list per resource.

A view declares ``export_columns``: an ordered mapping of column name to either a ``values_list`` path
(``"administration__iso_code"``), ``Many("sources")`` for the keys of a many-to-many relation joined by ``; ``, or
``Computed(fetch)`` for a value worked out per batch of rows (a next deadline, a count in orbit). Paths and
``Many`` columns are the API's own fields (a row can be posted back); ``Named`` paths and ``Computed`` columns are
read-only extras for people (names next to codes), listed in ``DERIVED`` terms by ``derived_columns``.
Rows are read with ``iterator()`` in batches, never the whole table at once: CSV goes out batch by batch as it is
read; XLSX is written row by row with openpyxl's write-only mode into a temporary file that is then streamed.
Lists (JSON arrays, many-to-many keys) are written as ``a; b``, never as the text ``[]``.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from rest_framework.renderers import BaseRenderer

__all__ = (
    "EXPORT_FORMATS", "CSVRenderer", "Computed", "Many", "Named", "XLSXRenderer", "derived_columns",
    "export_response", "export_rows",
)

BATCH = 2000
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LIST_SEPARATOR = "; "
# Text that a spreadsheet would run as a formula when the file is opened (CSV injection). OWASP "CSV Injection"
# lists =, +, -, @, tab and carriage return as the leading characters to neutralise; Excel and LibreOffice also
# start a formula after a field separator, so a ";" or "," followed by one of them anywhere counts too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FORMULA_INSIDE = re.compile(r"[;,]\s*[=+\-@]")
# Characters XML 1.0 forbids (an xlsx is XML): C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF.
# openpyxl raises IllegalCharacterError on them; the export replaces each with U+FFFD instead of failing.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Column widths in characters: fitted to the header and the first rows, within these bounds.
MIN_WIDTH, MAX_WIDTH, WIDTH_SAMPLE = 8, 60, 200


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
        return {pk: LIST_SEPARATOR.join(keys) for pk, keys in found.items()}


class Named:
    """A read-only ``values_list`` path shown next to a code for people (``Named("operator__name")``)."""

    def __init__(self, path: str):
        self.path = path


class Computed:
    """A read-only column worked out per batch: ``fetch(pks)`` returns ``{pk: value}`` (missing pks: empty).

    Columns built on the same ``fetch`` with a different ``item`` share one call per batch: ``fetch`` returns
    ``{pk: (a, b, ...)}`` and each column takes its item of the tuple."""

    def __init__(self, fetch, item: int | None = None):
        self.fetch_values = fetch
        self.item = item

    def pick(self, found: dict, pk):
        value = found.get(pk)
        if value is None or self.item is None:
            return value
        return value[self.item]


def derived_columns(columns: dict) -> set[str]:
    """The columns that are not API fields (names, computed values): an import ignores them."""
    return {name for name, column in columns.items() if isinstance(column, (Named, Computed))}


def _path(column) -> str | None:
    if isinstance(column, str):
        return column
    return column.path if isinstance(column, Named) else None


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
    paths = [path for path in map(_path, columns.values()) if path is not None]
    # Columns read per batch by ``fetch(model, pks)`` (Many, CountDate, ...); Computed columns by ``fetch(pks)``.
    many = {name: column for name, column in columns.items() if hasattr(column, "fetch")}
    computed = {name: column for name, column in columns.items() if isinstance(column, Computed)}
    # values_list skips model instances; prefetches do not apply to it, so drop them.
    rows = queryset.prefetch_related(None).values_list("pk", *paths).iterator(chunk_size=BATCH)
    for batch in _batches(rows, BATCH):
        pks = [row[0] for row in batch]
        extra = {name: column.fetch(queryset.model, pks) for name, column in many.items()}
        fetched = {}  # one call per distinct fetch and batch
        for column in computed.values():
            if column.fetch_values not in fetched:
                fetched[column.fetch_values] = column.fetch_values(pks)
        for row in batch:
            values = iter(row[1:])
            yield [
                extra[name].get(row[0], "") if name in many
                else _plain(computed[name].pick(fetched[computed[name].fetch_values], row[0])) if name in computed
                else _plain(next(values))
                for name in columns
            ]


def _plain(value):
    if isinstance(value, list) and all(isinstance(item, (str, int, float)) for item in value):
        return LIST_SEPARATOR.join(str(item) for item in value)
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
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet program read this text as (part of) a formula?"""
    return text.startswith(FORMULA_START) or FORMULA_INSIDE.search(text) is not None


def xml_safe(text: str) -> str:
    """The text with every character XML 1.0 cannot hold replaced by U+FFFD (one bad byte never fails a file)."""
    return XML_ILLEGAL.sub("\ufffd", text)


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


def _xlsx_cell(sheet, value):
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)  # Excel has no time zones: UTC
    if isinstance(value, str):
        value = xml_safe(value)
        if value.startswith(("=", "{")) or value[:1] in "+-@" and is_formula_like(value):
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"  # text, not a formula
            return cell
    return value


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return max((len(line) for line in text.splitlines()), default=0)


def _xlsx_file(header: list[str], rows: Iterable[list], title: str):
    """The header frozen and filtered, columns fitted to the header and the first rows. In write-only mode the
    widths must be set before the first row is written, so the first rows are read ahead."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=xml_safe(title)[:31])
    rows = iter(rows)
    sample = [row for _, row in zip(range(WIDTH_SAMPLE), rows)]
    widths = [len(name) for name in header]
    for row in sample:
        widths = [max(width, _width(value)) for width, value in zip(widths, row)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    sheet.freeze_panes = "A2"
    count = 0
    sheet.append([xml_safe(name) for name in header])
    for row in itertools.chain(sample, rows):
        sheet.append([_xlsx_cell(sheet, value) for value in row])
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(header), 1))}{count + 1}"
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
