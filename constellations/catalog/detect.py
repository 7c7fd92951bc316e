"""Turn raw bytes into text and decide the catalog format from the content, never the file name."""

import json

from .errors import CatalogFormatError
from .limits import DEFAULT_MAX_BYTES, gunzip_limited
from .records import CatalogFormat
from .text import lines as text_lines

# Control bytes that never occur in a text catalog (everything below 0x20 except TAB, LF, CR, FF).
_BINARY_BYTES = bytes(set(range(32)) - {9, 10, 12, 13})
_SNIFF_BYTES = 64 * 1024
_SNIFF_LINES = 20

_OMM_KEYS = {"NORAD_CAT_ID", "EPOCH", "MEAN_MOTION"}
_CELESTRAK_SATCAT_KEYS = {"OBJECT_NAME", "OBJECT_ID", "NORAD_CAT_ID", "LAUNCH_DATE"}
_SPACETRACK_SATCAT_KEYS = {"INTLDES", "NORAD_CAT_ID", "SATNAME"}


def decode_catalog_bytes(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Gunzip if needed, refuse empty or binary input, and decode as UTF-8 (BOM tolerated)."""
    return decode_text(gunzip_if_needed(raw, max_bytes))


def gunzip_if_needed(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Inflate gzip input in bounded memory (``limits.gunzip_limited``); plain input unchanged."""
    return gunzip_limited(raw, max_bytes)


def decode_text(content: bytes) -> str:
    if not content.strip():
        raise CatalogFormatError("the file is empty")
    if any(byte in _BINARY_BYTES for byte in content[:_SNIFF_BYTES]):
        raise CatalogFormatError("the file is binary, not a text catalog")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CatalogFormatError(f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc


def detect_text_format(text: str) -> CatalogFormat:
    body = text.lstrip()
    if body[:1] in ("[", "{"):
        return _detect_json(body)
    if body.startswith("#JCAT\t"):  # GCAT satcat.tsv (gcat.py)
        return CatalogFormat.GCAT_TSV
    header = {col.strip().strip('"').upper() for col in body.split("\n", 1)[0].split(",")}
    if _OMM_KEYS <= header:
        return CatalogFormat.OMM_CSV
    if _CELESTRAK_SATCAT_KEYS <= header:
        return CatalogFormat.SATCAT_CSV
    if _SPACETRACK_SATCAT_KEYS <= header:
        return CatalogFormat.SPACETRACK_SATCAT_CSV
    tle = _detect_tle(body)
    if tle is None:
        raise CatalogFormatError(
            "unknown catalog format: not TLE, OMM JSON/CSV, CelesTrak SATCAT CSV/JSON, "
            "Space-Track SATCAT JSON or GCAT TSV"
        )
    return tle


def first_json_object(body: str):
    """Decode only the first element of a JSON array (or the lone object) to look at its keys."""
    decoder = json.JSONDecoder()
    start = 1 if body.startswith("[") else 0
    while start < len(body) and body[start].isspace():
        start += 1
    if body[start:start + 1] == "]":
        raise CatalogFormatError("the JSON array is empty")
    try:
        first, _ = decoder.raw_decode(body, start)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CatalogFormatError(f"invalid JSON: {exc}") from exc
    return first


def _detect_json(body: str) -> CatalogFormat:
    first = first_json_object(body)
    keys = set(first) if isinstance(first, dict) else set()
    if _OMM_KEYS <= keys:
        return CatalogFormat.OMM_JSON
    if _SPACETRACK_SATCAT_KEYS <= keys:
        return CatalogFormat.SPACETRACK_SATCAT_JSON
    if _CELESTRAK_SATCAT_KEYS <= keys:
        return CatalogFormat.SATCAT_JSON
    raise CatalogFormatError("unknown JSON catalog: the first object has no OMM or SATCAT keys")


def _detect_tle(body: str) -> CatalogFormat | None:
    """TLE if a '1 ' line is directly followed by a '2 ' line among the first lines."""
    lines = [line for line in text_lines(body[:_SNIFF_BYTES]) if line.strip()][:_SNIFF_LINES]
    for i in range(len(lines) - 1):
        if lines[i].startswith("1 ") and lines[i + 1].startswith("2 "):
            return CatalogFormat.TLE_2LINE if i == 0 else CatalogFormat.TLE_3LINE
    return None
