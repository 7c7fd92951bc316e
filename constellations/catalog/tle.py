"""TLE reader (2-line and 3-line, with or without a '0 ' name prefix, CRLF or LF).

Column positions follow the fixed TLE layout (CelesTrak "FAQ: Two-Line Element Set Format").
Field syntax is checked here because ``Satrec.twoline2rv`` silently reads garbage as numbers.
"""

import math
import re
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

from sgp4.api import Satrec

from .ids import normalise_cospar, parse_tle_catalog_number
from .records import CatalogRecord, Rejection, orbit_from_mean_motion
from .text import control_character, lines

TLE_LINE_LENGTH = 69
_J2000 = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
_JD_J2000 = 2451545.0

_DECIMAL = r"\s*[+-]?\d*\.\d+"
_IMPLIED_EXP = r"\s*[+-]?\d{5}[+-]\d"  # ' 46238-3' = 0.46238e-3
_FIELDS = {
    1: (
        ("epoch", slice(18, 32), r"\d{2}[\d ]{2}\d\.\d+"),
        ("mean motion dot", slice(33, 43), _DECIMAL),
        ("mean motion ddot", slice(44, 52), _IMPLIED_EXP),
        ("bstar", slice(53, 61), _IMPLIED_EXP),
        ("element set number", slice(64, 68), r"[\d ]*\d"),
    ),
    2: (
        ("inclination", slice(8, 16), _DECIMAL),
        ("raan", slice(17, 25), _DECIMAL),
        ("eccentricity", slice(26, 33), r"\d{7}"),
        ("argument of perigee", slice(34, 42), _DECIMAL),
        ("mean anomaly", slice(43, 51), _DECIMAL),
        ("mean motion", slice(52, 63), _DECIMAL),
        ("revolution number", slice(63, 68), r"[\d ]*\d"),
    ),
}
_FIELD_PATTERNS = {n: [(name, cols, re.compile(pat + r"\Z")) for name, cols, pat in spec] for n, spec in _FIELDS.items()}


def checksum(line: str) -> int:
    """TLE checksum: digits summed, each '-' counts 1, modulo 10, over columns 1-68."""
    return sum(int(c) if c.isdigit() else c == "-" for c in line[:68]) % 10


def iter_tle(text: str) -> Iterator[CatalogRecord | Rejection]:
    """Pair name/line-1/line-2 lines; every stray or malformed line becomes a Rejection."""
    name = None  # (text, line number) of a name line waiting for its element lines; (None, number, why) if bad
    line1 = None
    for number, raw in enumerate(lines(text), start=1):
        line = raw.rstrip(" \t")
        if not line:
            continue
        bad = control_character(line)
        if bad and line.startswith(("1 ", "2 ")):  # an element line: blame it, not its neighbours
            yield _reject(number, line, f"element line has a {bad}")
            name = line1 = None
            continue
        if bad:  # a name line: it and the element lines it names are refused together, blaming the name
            if line1 is not None:
                yield _reject(line1[1], line1[0], "line 1 without a following line 2")
                line1 = None
            if name is not None:
                yield Rejection(name[1], None, "name line without element lines")
            name = (None, number, f"name line has a {bad}")
            continue
        if line.startswith("1 "):
            if line1 is not None:
                yield _reject(line1[1], line1[0], "line 1 without a following line 2")
            line1 = (line, number)
        elif line.startswith("2 "):
            if line1 is None:
                yield _reject(number, line, "line 2 without a preceding line 1")
            else:
                start = name[1] if name else line1[1]  # a record starts at its name line
                if name and len(name) == 3:
                    yield _reject(start, line1[0], name[2])
                else:
                    yield parse_tle_lines(name[0] if name else None, line1[0], line, start)
            name = line1 = None
        else:
            if line1 is not None:
                yield _reject(line1[1], line1[0], "line 1 without a following line 2")
                line1 = None
            if name is not None:
                yield Rejection(name[1], None, "name line without element lines")
            name = (_clean_name(line), number)
    if line1 is not None:
        yield _reject(line1[1], line1[0], "line 1 without a following line 2")
    if name is not None:
        yield Rejection(name[1], None, "name line without element lines")


def parse_tle_lines(name: str | None, line1: str, line2: str, line_number: int = 1) -> CatalogRecord | Rejection:
    problem = _check_lines(line1, line2)
    if problem:
        return _reject(line_number, line1, problem)
    try:
        norad_id = parse_tle_catalog_number(line1[2:7])
    except ValueError as exc:
        return Rejection(line_number, None, str(exc))
    sat = Satrec.twoline2rv(line1, line2)
    mean_motion = sat.no_kozai * 1440.0 / (2.0 * math.pi)  # rad/min -> rev/day
    if not mean_motion > 0.0:
        return Rejection(line_number, norad_id, "mean motion must be positive")
    altitude, perigee, apogee = orbit_from_mean_motion(mean_motion, sat.ecco)
    return CatalogRecord(
        norad_id=norad_id,
        line=line_number,
        name=name,
        cospar_id=normalise_cospar(line1[9:17]),
        epoch=_J2000 + timedelta(days=(sat.jdsatepoch - _JD_J2000) + sat.jdsatepochF),
        mean_motion=mean_motion,
        eccentricity=sat.ecco,
        inclination_deg=math.degrees(sat.inclo),
        raan_deg=math.degrees(sat.nodeo),
        arg_perigee_deg=math.degrees(sat.argpo),
        mean_anomaly_deg=math.degrees(sat.mo),
        bstar=sat.bstar,
        mean_altitude_km=altitude,
        perigee_km=perigee,
        apogee_km=apogee,
    )


def _check_lines(line1: str, line2: str) -> str | None:
    """The first thing wrong with a line pair, or None."""
    for number, line in ((1, line1), (2, line2)):
        if len(line) < TLE_LINE_LENGTH:
            return f"line {number} truncated: {len(line)} of {TLE_LINE_LENGTH} characters"
        if len(line) > TLE_LINE_LENGTH:
            return f"line {number} too long: {len(line)} characters"
        if not line.isascii():
            return f"line {number} has non-ASCII characters"
        if not line[68].isdigit() or checksum(line) != int(line[68]):
            return f"line {number} checksum mismatch (expected {checksum(line)}, found {line[68]!r})"
        for name, cols, pattern in _FIELD_PATTERNS[number]:
            if not pattern.match(line[cols]):
                return f"line {number} field {name} is not numeric: {line[cols]!r}"
    if line1[2:7] != line2[2:7]:
        return f"catalog numbers differ between lines: {line1[2:7]!r} vs {line2[2:7]!r}"
    day = float(line1[20:32])
    if not 1.0 <= day < 367.0:
        return f"epoch day of year out of range: {day}"
    return None


def _reject(line_number: int, line1: str, reason: str) -> Rejection:
    try:
        norad_id = parse_tle_catalog_number(line1[2:7])
    except ValueError:
        norad_id = None
    return Rejection(line_number, norad_id, reason)


def _clean_name(line: str) -> str:
    """3LE name lines may start with '0 ' (Space-Track 3le); CelesTrak pads them to 24 chars."""
    name = line[2:] if line.startswith("0 ") else line
    return name.strip()
