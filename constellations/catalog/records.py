"""Plain data classes the parsers produce, plus the orbit quantities derived from mean elements."""

import math
from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from enum import Enum
from operator import attrgetter

from .constants import (
    EARTH_EQUATORIAL_RADIUS_KM,
    MINUTES_PER_DAY,
    MU_EARTH_KM3_S2,
    SECONDS_PER_DAY,
)


class CatalogFormat(str, Enum):
    """Formats the reader understands; the values are stable strings a Django model can store."""

    TLE_2LINE = "tle2"
    TLE_3LINE = "tle3"
    OMM_JSON = "omm_json"
    OMM_CSV = "omm_csv"
    SATCAT_CSV = "satcat_csv"  # CelesTrak SATCAT columns
    SATCAT_JSON = "satcat_json"  # CelesTrak SATCAT columns as JSON (its query default)
    SPACETRACK_SATCAT_JSON = "spacetrack_satcat_json"
    SPACETRACK_SATCAT_CSV = "spacetrack_satcat_csv"
    GCAT_TSV = "gcat_tsv"  # Jonathan McDowell's GCAT satcat.tsv


@dataclass(frozen=True, slots=True)
class CatalogRecord:
    """One catalog object as read from one file; fields a source lacks are None.

    ``line`` is the 1-based line of the record's first line for text formats (TLE, CSV) and the
    1-based position in the array for JSON (Space-Track sends the whole array on one line).
    Angles are degrees, mean motion rev/day (Kozai, as TLE/OMM carry it), altitudes km above the
    equatorial radius. ``mean_altitude_km`` = semi-major axis - R_E; for SATCAT rows it comes from
    APOGEE/PERIGEE, for element sets from the mean motion (``orbit_from_mean_motion``).
    """

    norad_id: int
    line: int
    name: str | None = None
    cospar_id: str | None = None
    object_type: str | None = None
    owner: str | None = None
    launch_date: date | None = None
    decay_date: date | None = None
    ops_status: str | None = None
    epoch: datetime | None = None
    mean_motion: float | None = None
    eccentricity: float | None = None
    inclination_deg: float | None = None
    raan_deg: float | None = None
    arg_perigee_deg: float | None = None
    mean_anomaly_deg: float | None = None
    bstar: float | None = None
    mean_altitude_km: float | None = None
    perigee_km: float | None = None
    apogee_km: float | None = None


RECORD_FIELDS = tuple(f.name for f in fields(CatalogRecord))
# Everything but the line number: two rows with equal fingerprints carry the same data.
_FINGERPRINT_FIELDS = tuple(name for name in RECORD_FIELDS if name != "line")


_fingerprint = attrgetter(*_FINGERPRINT_FIELDS)  # one C call per record: a parse of 100,000 rows calls it for each


def fingerprint(record: CatalogRecord) -> tuple:
    return _fingerprint(record)


@dataclass(frozen=True, slots=True)
class Rejection:
    """A row the parser refused, with the reason; ``norad_id`` is None when it was unreadable."""

    line: int
    norad_id: int | None
    reason: str


@dataclass(slots=True)
class ParseResult:
    """Everything one call of ``parse_catalog`` learned about one file."""

    format: CatalogFormat
    sha256: str  # of the bytes as given (gzip included): identifies the upload
    content_sha256: str  # of the decompressed bytes: matches the SHA-256 values in SOURCES.md
    records: list[CatalogRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    duplicates_skipped: int = 0  # repeated NORAD ids whose data was identical to the first row

    @property
    def counts(self) -> dict[str, int]:
        return {
            "records": len(self.records),
            "rejections": len(self.rejections),
            "duplicates_skipped": self.duplicates_skipped,
        }


def orbit_from_mean_motion(mean_motion: float, eccentricity: float) -> tuple[float, float, float]:
    """(mean altitude, perigee, apogee) in km from rev/day and eccentricity via Kepler's third law.

    Uses the Kozai mean motion as published; SGP4's own (Brouwer) semi-major axis is about 3 km
    lower at 1,000 km, well inside the on-station tolerance.
    """
    n_rad_s = mean_motion * 2.0 * math.pi / SECONDS_PER_DAY
    # a = (mu / n^2)^(1/3), written so a vanishingly small mean motion cannot underflow n^2 to zero.
    a_km = MU_EARTH_KM3_S2 ** (1.0 / 3.0) * n_rad_s ** (-2.0 / 3.0)
    return (
        a_km - EARTH_EQUATORIAL_RADIUS_KM,
        a_km * (1.0 - eccentricity) - EARTH_EQUATORIAL_RADIUS_KM,
        a_km * (1.0 + eccentricity) - EARTH_EQUATORIAL_RADIUS_KM,
    )


def eccentricity_from_apsides(perigee_km: float, apogee_km: float) -> float:
    r_p = perigee_km + EARTH_EQUATORIAL_RADIUS_KM
    r_a = apogee_km + EARTH_EQUATORIAL_RADIUS_KM
    return (r_a - r_p) / (r_a + r_p)


def mean_motion_from_period(period_min: float) -> float:
    return MINUTES_PER_DAY / period_min


# An element set dated later than its file (or than today) cannot be real: one OMM row dated 2200 made every
# other satellite of its constellation look stale (issue 18). A day of grace covers a file written just
# before midnight UTC and the clock of the machine reading it.
EPOCH_GRACE = timedelta(days=1)


def physical_problem(record: CatalogRecord, not_after: datetime | None) -> str | None:
    """Why a record cannot describe a real object, or None.

    ``not_after`` is the latest believable epoch (the file's date or today, plus ``EPOCH_GRACE``).
    A perigee below the surface is possible (an object re-entering, a lunar probe's escape orbit in GCAT);
    a mean altitude below it is not an orbit at all.
    """
    if record.epoch is not None and not_after is not None and record.epoch > not_after:
        return f"epoch {record.epoch:%Y-%m-%d %H:%M:%S} UTC is after the file's date ({not_after:%Y-%m-%d %H:%M} UTC)"
    if record.mean_altitude_km is not None and record.mean_altitude_km < 0.0:
        source = f"mean motion {record.mean_motion:g} rev/day" if record.mean_motion is not None else "the orbit"
        return f"{source} puts the orbit below the Earth's surface (mean altitude {record.mean_altitude_km:,.0f} km)"
    if record.decay_date is not None and record.launch_date is not None and record.decay_date < record.launch_date:
        return f"decay date {record.decay_date} is before the launch date {record.launch_date}"
    return None
