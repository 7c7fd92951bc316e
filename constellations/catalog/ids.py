"""Identifiers: NORAD catalog numbers (incl. Alpha-5) and international (COSPAR) designators."""

import re

# Alpha-5 replaces the first of five digits with a letter for 100000-339999; I and O are skipped
# so they cannot be mistaken for 1 and 0 (python-sgp4 README: 'E8493' = 148493; ecosystem.md 2.1).
_ALPHA5_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_ALPHA5_VALUE = {letter: 10 + i for i, letter in enumerate(_ALPHA5_LETTERS)}

_COSPAR_FULL = re.compile(r"^(\d{4})-(\d{3})([A-Z]{1,3})$")
_COSPAR_TLE = re.compile(r"^(\d{2})(\d{3})([A-Z]{1,3})$")


def parse_tle_catalog_number(field: str) -> int:
    """Return the catalog number of a TLE's 5-character field ('00900', ' 900', 'A0001').

    Raises ValueError for anything else. Read from the text on purpose: sgp4's ``satnum`` cannot
    hold numbers above 339999 (python-sgp4 #169), so this layer never depends on it.
    """
    text = field.strip()
    if text.isdigit() and text.isascii():
        return int(text)
    if len(text) == 5 and text[0] in _ALPHA5_VALUE and text[1:].isdigit() and text.isascii():
        return _ALPHA5_VALUE[text[0]] * 10000 + int(text[1:])
    raise ValueError(f"bad catalog number {field!r}")


def normalise_cospar(value) -> str | None:
    """'26143F' or '2026-143F' -> '2026-143F'; blank -> None; anything else -> None.

    Two-digit years follow the TLE convention: 57-99 are 1957-1999, 00-56 are 2000-2056.
    A malformed designator is dropped rather than rejecting the row: analyst objects legitimately
    carry none, and the row's orbit data is still good.
    """
    if not isinstance(value, str):
        return None
    text = value.strip().upper()
    match = _COSPAR_FULL.match(text)
    if match:
        return text
    match = _COSPAR_TLE.match(text)
    if not match:
        return None
    yy, number, piece = match.groups()
    year = 1900 + int(yy) if int(yy) >= 57 else 2000 + int(yy)
    return f"{year}-{number}{piece}"


def launch_key(cospar_id: str | None) -> str | None:
    """'2025-030A' -> '2025-030', the designator of the launch the piece came from."""
    return cospar_id[:8] if cospar_id and len(cospar_id) >= 8 else None
