"""Bounded reading: a catalog file, a download or its gzip content never grows past a size limit.

A 1 MB gzip file can inflate to gigabytes, and a file (or a single line) of a gigabyte would be held
whole in memory by the parsers. Everything the catalog layer reads passes through these functions,
which read and inflate in chunks and stop one byte past the limit, so memory stays bounded by the
limit whatever the input (issue 18).
"""

import zlib
from collections.abc import Callable, Iterable
from typing import BinaryIO

from .errors import CatalogFormatError

# 256 MiB: CelesTrak's whole GP catalog as OMM JSON (about 100,000 objects in 2026) is about 60 MB,
# GCAT's satcat.tsv about 18 MB; a limit well above them, far below a machine's memory.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024
CHUNK_BYTES = 1024 * 1024
_GZIP_MAGIC = b"\x1f\x8b"


class SizeLimitExceeded(CatalogFormatError):
    """Input larger than the configured limit; nothing of it was used."""


def _limit_message(what: str, limit: int) -> str:
    return f"{what} is larger than the limit of {limit:,} bytes (SLOTWATCH_CATALOG_MAX_BYTES); nothing read"


def read_limited(chunks: Iterable[bytes], limit: int, *, what: str = "the file",
                 progress: Callable[[int], None] | None = None) -> bytes:
    """Join chunks, refusing as soon as the total passes ``limit``."""
    parts, total = [], 0
    for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise SizeLimitExceeded(_limit_message(what, limit))
        parts.append(chunk)
        if progress is not None:
            progress(total)
    return b"".join(parts)


def iter_file(handle: BinaryIO, chunk_bytes: int = CHUNK_BYTES) -> Iterable[bytes]:
    while True:
        chunk = handle.read(chunk_bytes)
        if not chunk:
            return
        if not isinstance(chunk, bytes):
            raise CatalogFormatError("open the file in binary mode")
        yield chunk


def gunzip_limited(raw: bytes, limit: int) -> bytes:
    """Inflate gzip data (all members) in chunks; plain data is returned as it is."""
    if raw[:2] != _GZIP_MAGIC:
        return raw
    out, total, data = [], 0, raw
    try:
        while data:
            inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
            pending = data
            while pending:
                piece = inflater.decompress(pending, CHUNK_BYTES)
                total += len(piece)
                if total > limit:
                    raise SizeLimitExceeded(_limit_message("the gzip content, inflated,", limit))
                out.append(piece)
                pending = inflater.unconsumed_tail
                if inflater.eof:
                    break
            if not inflater.eof:
                raise CatalogFormatError("corrupt gzip data: the stream is truncated")
            data = inflater.unused_data
            if data and data[:2] != _GZIP_MAGIC:
                break  # trailing garbage after the last member, as gzip(1) tolerates it with a warning
    except zlib.error as exc:
        raise CatalogFormatError(f"corrupt gzip data: {exc}") from exc
    return b"".join(out)
