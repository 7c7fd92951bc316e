"""Entry points: read bytes (plain or gzip), detect or accept the format, stream records."""

import hashlib
import os
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import BinaryIO

from .detect import decode_catalog_bytes, decode_text, detect_text_format, gunzip_if_needed
from .errors import CatalogFormatError
from .gcat import iter_gcat
from .limits import DEFAULT_MAX_BYTES, iter_file, read_limited
from .records import EPOCH_GRACE, CatalogFormat, CatalogRecord, ParseResult, Rejection, fingerprint, physical_problem
from .tables import iter_keyed
from .tle import iter_tle

Source = bytes | bytearray | memoryview | str | os.PathLike | BinaryIO
ProgressCallback = Callable[[int], None]

DEFAULT_PROGRESS_EVERY = 1000


def read_source(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Bytes from bytes, a path, or an open binary file (a Django UploadedFile works), at most ``max_bytes``.

    Files are read in chunks and refused as soon as they pass the limit, so a huge file never sits in memory.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        return read_limited([data], max_bytes)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return read_limited(iter_file(handle), max_bytes)
    return read_limited(iter_file(source), max_bytes)


def detect_format(source: Source, max_bytes: int = DEFAULT_MAX_BYTES) -> CatalogFormat:
    return detect_text_format(decode_catalog_bytes(read_source(source, max_bytes), max_bytes))


def default_not_after(now: datetime | None = None) -> datetime:
    """The latest believable element-set epoch when the file's own date is unknown: now plus the grace."""
    return (now or datetime.now(timezone.utc)) + EPOCH_GRACE


def iter_catalog(text: str, fmt: CatalogFormat, not_after: datetime | None = None) -> Iterator[CatalogRecord | Rejection]:
    """Stream records and rejections from decoded text (see ``_iter_checked`` for duplicates)."""
    return (item for item in _iter_checked(text, fmt, not_after) if item is not None)


def _rows(text: str, fmt: CatalogFormat) -> Iterator[CatalogRecord | Rejection]:
    if fmt in (CatalogFormat.TLE_2LINE, CatalogFormat.TLE_3LINE):
        return iter_tle(text)
    if fmt is CatalogFormat.GCAT_TSV:
        return iter_gcat(text)
    return iter_keyed(text, fmt)


def _iter_checked(text: str, fmt: CatalogFormat, not_after: datetime | None = None,
                  ) -> Iterator[CatalogRecord | Rejection | None]:
    """Reject physically impossible rows and conflicting duplicate NORAD ids; yield None for an identical repeat.

    The first row of a NORAD id wins and later conflicting rows are rejected: a stream cannot take
    back what it already yielded, and the importer needs a deterministic rule. ``not_after`` is the
    latest believable epoch (``default_not_after()`` when None).
    """
    limit = not_after if not_after is not None else default_not_after()
    seen: dict[int, tuple[int, tuple]] = {}
    for item in _rows(text, fmt):
        if isinstance(item, Rejection):
            yield item
            continue
        problem = physical_problem(item, limit)
        if problem is not None:
            yield Rejection(item.line, item.norad_id, problem)
            continue
        first = seen.get(item.norad_id)
        if first is None:
            seen[item.norad_id] = (item.line, fingerprint(item))
            yield item
        elif first[1] == fingerprint(item):
            yield None
        else:
            yield Rejection(
                item.line, item.norad_id,
                f"duplicate NORAD id {item.norad_id} with different data (first at line {first[0]})",
            )


def parse_catalog(
    source: Source,
    *,
    fmt: CatalogFormat | str | None = None,
    progress: ProgressCallback | None = None,
    progress_every: int = DEFAULT_PROGRESS_EVERY,
    max_bytes: int = DEFAULT_MAX_BYTES,
    not_after: datetime | None = None,
) -> ParseResult:
    """Parse one catalog file. Raises CatalogFormatError only for a file that is unusable as a whole.

    ``fmt`` overrides detection (a CatalogFormat or its string value). ``progress(n)`` is called
    after every ``progress_every`` rows (records + rejections + skipped duplicates) and once at the end.
    ``max_bytes`` bounds both the file and its inflated content (``SizeLimitExceeded`` past it);
    ``not_after`` is the latest believable epoch (the file's date plus a day; default now plus a day).
    """
    raw = read_source(source, max_bytes)
    content = gunzip_if_needed(raw, max_bytes)
    text = decode_text(content)
    chosen = _coerce_format(fmt) if fmt is not None else detect_text_format(text)
    result = ParseResult(
        format=chosen,
        sha256=hashlib.sha256(raw).hexdigest(),
        content_sha256=hashlib.sha256(content).hexdigest(),
    )
    processed = 0
    for item in _iter_checked(text, chosen, not_after):
        if item is None:
            result.duplicates_skipped += 1
        elif isinstance(item, Rejection):
            result.rejections.append(item)
        else:
            result.records.append(item)
        processed += 1
        if progress is not None and processed % progress_every == 0:
            progress(processed)
    if progress is not None and processed % progress_every:
        progress(processed)
    return result


def _coerce_format(fmt: CatalogFormat | str) -> CatalogFormat:
    try:
        return CatalogFormat(fmt)
    except ValueError:
        known = ", ".join(f.value for f in CatalogFormat)
        raise CatalogFormatError(f"unknown format override {fmt!r}; use one of {known}") from None
