"""Entry points: read bytes (plain or gzip), detect or accept the format, stream records."""

import hashlib
import os
from collections.abc import Callable, Iterator
from typing import BinaryIO

from .detect import decode_catalog_bytes, decode_text, detect_text_format, gunzip_if_needed
from .errors import CatalogFormatError
from .records import CatalogFormat, CatalogRecord, ParseResult, Rejection, fingerprint
from .tables import iter_keyed
from .tle import iter_tle

Source = bytes | bytearray | memoryview | str | os.PathLike | BinaryIO
ProgressCallback = Callable[[int], None]

DEFAULT_PROGRESS_EVERY = 1000


def read_source(source: Source) -> bytes:
    """Bytes from bytes, a path, or an open binary file (a Django UploadedFile works)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source)
    if isinstance(source, (str, os.PathLike)):
        with open(source, "rb") as handle:
            return handle.read()
    data = source.read()
    if not isinstance(data, bytes):
        raise CatalogFormatError("open the file in binary mode")
    return data


def detect_format(source: Source) -> CatalogFormat:
    return detect_text_format(decode_catalog_bytes(read_source(source)))


def iter_catalog(text: str, fmt: CatalogFormat) -> Iterator[CatalogRecord | Rejection]:
    """Stream records and rejections from decoded text (see ``_iter_checked`` for duplicates)."""
    return (item for item in _iter_checked(text, fmt) if item is not None)


def _iter_checked(text: str, fmt: CatalogFormat) -> Iterator[CatalogRecord | Rejection | None]:
    """Reject conflicting duplicate NORAD ids; yield None for an identical repeat.

    The first row of a NORAD id wins and later conflicting rows are rejected: a stream cannot take
    back what it already yielded, and the importer needs a deterministic rule.
    """
    is_tle = fmt in (CatalogFormat.TLE_2LINE, CatalogFormat.TLE_3LINE)
    rows = iter_tle(text) if is_tle else iter_keyed(text, fmt)
    seen: dict[int, tuple[int, tuple]] = {}
    for item in rows:
        if isinstance(item, Rejection):
            yield item
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
) -> ParseResult:
    """Parse one catalog file. Raises CatalogFormatError only for a file that is unusable as a whole.

    ``fmt`` overrides detection (a CatalogFormat or its string value). ``progress(n)`` is called
    after every ``progress_every`` rows (records + rejections + skipped duplicates) and once at the end.
    """
    raw = read_source(source)
    content = gunzip_if_needed(raw)
    text = decode_text(content)
    chosen = _coerce_format(fmt) if fmt is not None else detect_text_format(text)
    result = ParseResult(
        format=chosen,
        sha256=hashlib.sha256(raw).hexdigest(),
        content_sha256=hashlib.sha256(content).hexdigest(),
    )
    processed = 0
    for item in _iter_checked(text, chosen):
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
