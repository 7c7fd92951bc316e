"""Jonathan McDowell's GCAT standard catalog, ``satcat.tsv``: one row per object of the S catalog.

Format (planet4589.org/space/gcat/web/cat/cols.html and .../intro/phases.html; ecosystem.md 1.3):
tab-separated, the first line is the header (starting ``#JCAT``), further lines starting with ``#`` are
comments (``# Updated 2026 Jan  4 0710:39``). Values are padded with spaces; ``-`` means empty. Dates are
"vague dates": ``1957 Oct  4``, ``1958 Jan  4?``, ``1957 Dec  1 1000?``, or only a year and month.
``Satcat`` is the US catalog number (5 digits, 9 above 99,999); ``Type`` is the 12-byte SatType string
whose first byte is the coarse type; ``Status`` says how the object's phase ended (``O`` still in orbit,
``R`` re-entered, ...); ``Owner`` is GCAT's organisation code, ``State`` the responsible country.
"""

import math
import re
from collections.abc import Iterator
from datetime import date

from .ids import normalise_cospar
from .records import CatalogRecord, Rejection, eccentricity_from_apsides

HEADER_PREFIX = "#JCAT\t"
REQUIRED_COLUMNS = ("JCAT", "Satcat", "Piece", "Type", "Name", "LDate", "DDate", "Status", "Owner",
                    "Perigee", "Apogee", "Inc")

# SatType byte 1, the coarse type (planet4589.org/space/gcat/web/intro/type.html). Components
# (fairings, covers) are counted as debris, as the US catalog does.
COARSE_TYPES = {"P": "PAYLOAD", "R": "ROCKET BODY", "D": "DEBRIS", "C": "DEBRIS"}
# Deleted (X) or spurious (Z) entries describe no real object; suborbital payloads (S) never orbited.
NOT_OBJECTS = {"X": "a deleted catalog entry", "Z": "a spurious catalog entry", "S": "a suborbital object"}

# Phase status codes (planet4589.org/space/gcat/web/intro/phases.html). The phase ended with the object
# back on Earth: re-entered, deorbited, landed, or attached to something that did so. DDate is then the
# decay date.
ENDED_ON_EARTH = {"R", "D", "L", "AR", "AL", "ADR"}
# Still in Earth orbit, free or attached (AO), or in orbit but lost to tracking (OX).
IN_ORBIT = {"O", "OX", "AO"}

_MONTHS = {name: number for number, name in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), start=1)}
_VAGUE_DATE = re.compile(r"^(\d{4})\s+([A-Z][a-z]{2})\s+(\d{1,2})\b")
_YEAR_MONTH = re.compile(r"^(\d{4})(\s+[A-Z][a-z]{2})?\??$")


class GcatRowError(ValueError):
    pass


def vague_date(value: str, column: str) -> date | None:
    """'1957 Oct  4', '1958 Jan  4?', '1957 Dec  1 1000?' -> a date; '-' -> None; '2025 Dec' -> None.

    A date known only to the month or year says nothing the day-based milestone rules could use, so it is
    left empty rather than guessed. The '?' of an uncertain date is dropped: the day is still the best known.
    """
    text = value.strip()
    if text in ("", "-"):
        return None
    match = _VAGUE_DATE.match(text)
    if match:
        year, month, day = match.groups()
        if month not in _MONTHS:
            raise GcatRowError(f"{column} has an unknown month: {value!r}")
        try:
            return date(int(year), _MONTHS[month], int(day))
        except ValueError:
            raise GcatRowError(f"{column} is not a calendar date: {value!r}") from None
    if _YEAR_MONTH.match(text):
        return None
    raise GcatRowError(f"{column} is not a GCAT date: {value!r}")


def _number(value: str, column: str) -> float | None:
    text = value.strip().rstrip("?")
    if text in ("", "-"):
        return None
    try:
        number = float(text)
    except ValueError:
        raise GcatRowError(f"{column} is not numeric: {value!r}") from None
    if not math.isfinite(number):
        raise GcatRowError(f"{column} is not a finite number: {value!r}")
    return number


def _text(value: str) -> str | None:
    text = value.strip()
    return None if text in ("", "-") else text


def iter_gcat(text: str) -> Iterator[CatalogRecord | Rejection]:
    lines = iter(enumerate(text.splitlines(), start=1))
    columns: dict[str, int] | None = None
    for number, line in lines:
        if line.startswith(HEADER_PREFIX):
            names = line[1:].split("\t")
            columns = {name.strip(): index for index, name in enumerate(names)}
            break
        if line.strip():
            yield Rejection(number, None, "GCAT data before the #JCAT header line")
            return
    if columns is None:
        return
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        yield Rejection(1, None, f"GCAT header lacks column(s) {', '.join(missing)}")
        return
    width = len(columns)
    for number, line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        values = line.split("\t")
        if len(values) != width:
            yield Rejection(number, None, f"row has {len(values)} fields, header has {width} (truncated?)")
            continue
        yield _row(values, columns, number)


def _row(values: list[str], columns: dict[str, int], line: int) -> CatalogRecord | Rejection:
    def get(name: str) -> str:
        return values[columns[name]]

    satcat = get("Satcat").strip()
    if not (satcat.isascii() and satcat.isdigit()) or int(satcat) <= 0:
        return Rejection(line, None, f"no US catalog number ({get('JCAT').strip()}: Satcat {satcat!r})")
    norad_id = int(satcat)
    if norad_id > 999_999_999:  # nine digits at most (cats.html); the database column holds no more
        return Rejection(line, None, f"Satcat has more than nine digits: {satcat!r}")
    coarse = get("Type").strip()[:1]
    if coarse in NOT_OBJECTS:
        return Rejection(line, norad_id, f"{get('JCAT').strip()} is {NOT_OBJECTS[coarse]} (Type {coarse})")
    status = get("Status").strip()
    try:
        launch = vague_date(get("LDate"), "LDate")
        end = vague_date(get("DDate"), "DDate")
        perigee, apogee = _number(get("Perigee"), "Perigee"), _number(get("Apogee"), "Apogee")
        inclination = _number(get("Inc"), "Inc")
    except GcatRowError as exc:
        return Rejection(line, norad_id, str(exc))
    if not status:
        return Rejection(line, norad_id, "no phase status")
    if inclination is not None and not 0.0 <= inclination <= 180.0:
        return Rejection(line, norad_id, f"Inc out of range: {inclination}")
    # GCAT writes 0 / 0 / 0.00 for an object it has no orbit for yet (ODate '-'), e.g. S67248 Aist-2T No. 1.
    if perigee == 0.0 and apogee == 0.0 and not inclination:
        perigee = apogee = inclination = None
    altitude = eccentricity = None
    if perigee is not None and apogee is not None and apogee >= perigee:
        altitude = (perigee + apogee) / 2.0  # semi-major axis minus R_E
        eccentricity = eccentricity_from_apsides(perigee, apogee)
        if not 0.0 <= eccentricity < 1.0:
            altitude = eccentricity = None  # a hyperbolic escape (apogee written negative) has no mean altitude
    elif perigee is not None and apogee is not None:
        perigee = apogee = None  # escape trajectories (e.g. S00027 Pioneer V): not an Earth orbit
    return CatalogRecord(
        norad_id=norad_id, line=line,
        name=_text(get("Name")), cospar_id=normalise_cospar(get("Piece")),
        object_type=COARSE_TYPES.get(coarse, "UNKNOWN"), owner=_text(get("Owner")),
        launch_date=launch, decay_date=end if status in ENDED_ON_EARTH else None,
        ops_status=status, inclination_deg=inclination,
        mean_altitude_km=altitude, eccentricity=eccentricity, perigee_km=perigee, apogee_km=apogee,
    )
