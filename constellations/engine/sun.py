"""Sun directions over an analysis window, from skyfield and the JPL DE421 ephemeris.

The directions are unit vectors in the true equator and equinox of date, the frame that SGP4's
TEME elements use for right ascension to within the equation of the equinoxes (about 1 arcsec), so
a node from a TLE/OMM can be used directly. They are computed once per (window, step) and cached.
"""

import functools
import math
import warnings
from dataclasses import dataclass
from datetime import date, datetime, timezone

import numpy as np

from .errors import EngineInputError

# Longest window the engine accepts (the limit), calendar years.
MAX_WINDOW_YEARS = 10

# The span DE421 covers (skyfield: "ephemeris segment only covers dates 1899-07-29 through 2053-10-09"), a day
# inside each end; a window outside it is refused by name rather than left to skyfield's EphemerisRangeError.
EPHEMERIS_START = datetime(1899, 7, 30, tzinfo=timezone.utc)
EPHEMERIS_END = datetime(2053, 10, 8, tzinfo=timezone.utc)

# The coarsest step: one day. The metrics are orbit averages per step and the Sun moves about 1 deg a day along
# the ecliptic, so a day resolves the beta-angle cycle (weeks to months); a longer step would sample it too
# sparsely to mean anything (and 1e308 minutes put the rotation grid past the ephemeris). Stated, not sourced.
MAX_STEP_MINUTES = 1440.0
# Bytes the engine may spend per time step across the Sun table, skyfield's temporaries and the
# per-step work arrays (measured peak ~0.4 KiB per step while skyfield evaluates DE421), and the
# budget for them. A one-year window at 1-minute steps fits; 10 years at 1 minute does not.
BYTES_PER_STEP = 400
MEMORY_BUDGET_BYTES = 512 * 1024 * 1024

# The precession-nutation matrix changes by < 1 arcsec in this interval (precession 50"/yr, the
# fortnightly nutation terms < 1"), so it is evaluated on this coarser grid rather than every step:
# the full IAU 2000A series at every step would cost more than the whole shell computation.
ROTATION_GRID_DAYS = 5.0


@dataclass(frozen=True)
class Window:
    """Analysis window [start, end] sampled every ``step_minutes`` (hashable, so it is a cache key)."""

    start: datetime
    end: datetime
    step_minutes: float

    @property
    def n_steps(self) -> int:
        """Steps cover [start, end): a one-year window at 60 minutes has 8,760 of them."""
        return max(1, int(math.ceil(self.duration_s / (self.step_minutes * 60.0) - 1e-9)))

    @property
    def n_days(self) -> int:
        return max(1, int(math.ceil(self.duration_s / 86400.0 - 1e-9)))

    @property
    def start_jd_utc(self) -> float:
        """Julian date of the start (UTC; the second-level UT1 difference is irrelevant here)."""
        j2000 = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
        return 2451545.0 + (self.start - j2000).total_seconds() / 86400.0

    @property
    def duration_s(self) -> float:
        return (self.end - self.start).total_seconds()

    def offsets_s(self) -> np.ndarray:
        """Seconds from ``start`` of every step."""
        return np.arange(self.n_steps, dtype=float) * (self.step_minutes * 60.0)


def _as_utc(value, parameter: str) -> datetime:
    if isinstance(value, datetime):
        # A naive datetime is read as UTC: the filings and catalogues the app loads are all UTC.
        try:
            return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)
        except OverflowError:  # 0001-01-01 00:00+14:00 is before the first instant in UTC
            raise EngineInputError(parameter, f"{value.isoformat()} is outside the calendar in UTC") from None
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)
    raise EngineInputError(parameter, f"expected a date or datetime, got {type(value).__name__}")


def _add_years(moment: datetime, years: int) -> datetime:
    """Same calendar date ``years`` later; 29 February becomes 28 February; past year 9999, the last instant."""
    if moment.year + years > datetime.max.year:
        return datetime.max.replace(tzinfo=moment.tzinfo)
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:
        return moment.replace(year=moment.year + years, day=28)


def make_window(start, end, step_minutes: float) -> Window:
    """Validate and build a window; every failure names its parameter."""
    start_utc, end_utc = _as_utc(start, "start"), _as_utc(end, "end")
    if end_utc <= start_utc:
        raise EngineInputError("end", f"window ends ({end_utc.isoformat()}) before or at its start")
    if end_utc > _add_years(start_utc, MAX_WINDOW_YEARS):
        raise EngineInputError("end", f"window longer than {MAX_WINDOW_YEARS} years")
    if start_utc < EPHEMERIS_START:
        raise EngineInputError("start", f"{start_utc.date()} is before the ephemeris (DE421) starts, "
                                        f"{EPHEMERIS_START.date()}")
    if end_utc > EPHEMERIS_END:
        raise EngineInputError("end", f"{end_utc.date()} is after the ephemeris (DE421) ends, {EPHEMERIS_END.date()}")
    if not isinstance(step_minutes, (int, float)) or not math.isfinite(step_minutes) or step_minutes <= 0:
        raise EngineInputError("step_minutes", f"must be a positive number of minutes, got {step_minutes!r}")
    if step_minutes > MAX_STEP_MINUTES:
        raise EngineInputError("step_minutes", f"{step_minutes:g} minutes is longer than a day ({MAX_STEP_MINUTES:g})")
    window = Window(start_utc, end_utc, float(step_minutes))
    needed = window.n_steps * BYTES_PER_STEP
    if needed > MEMORY_BUDGET_BYTES:
        raise EngineInputError(
            "step_minutes",
            f"{window.n_steps:,} steps need ~{needed / 2**20:,.0f} MiB, over the "
            f"{MEMORY_BUDGET_BYTES / 2**20:,.0f} MiB budget; use a longer step",
        )
    return window


@functools.lru_cache(maxsize=1)
def load_ephemeris_and_timescale():
    """DE421 from the skyfield-data package and the built-in timescale: nothing touches the network."""
    import skyfield_data
    from skyfield.api import Loader

    with warnings.catch_warnings():
        # skyfield-data warns that its finals2000A.all is stale; the engine never reads that file
        # (the built-in timescale carries its own Earth-orientation table).
        warnings.filterwarnings("ignore", message=".*has expired.*", category=RuntimeWarning)
        path = skyfield_data.get_skyfield_data_path()
    load = Loader(path, expire=False, verbose=False)
    return load("de421.bsp"), load.timescale(builtin=True)


def times_for(window: Window):
    """skyfield Time array for every step of the window (UTC, leap seconds handled by skyfield)."""
    _, ts = load_ephemeris_and_timescale()
    s = window.start
    seconds = s.second + s.microsecond * 1e-6 + window.offsets_s()
    return ts.utc(s.year, s.month, s.day, s.hour, s.minute, seconds)


def _rotation_to_true_of_date(window: Window, offsets_s: np.ndarray) -> np.ndarray:
    """ICRS -> true equator and equinox of date, one matrix per step from a coarse grid, (n, 3, 3)."""
    _, ts = load_ephemeris_and_timescale()
    grid_s = ROTATION_GRID_DAYS * 86400.0
    n_grid = int(math.ceil(window.duration_s / grid_s)) + 1
    s = window.start
    grid = ts.utc(s.year, s.month, s.day, s.hour, s.minute, s.second + np.arange(n_grid) * grid_s)
    matrices = np.moveaxis(grid.M, -1, 0)  # skyfield puts the time axis last
    nearest = np.clip(np.rint(offsets_s / grid_s).astype(int), 0, n_grid - 1)
    return matrices[nearest]


@dataclass(frozen=True)
class SunTable:
    """Sun unit vectors (n_steps, 3) and the seconds from the window start of each step."""

    window: Window
    offsets_s: np.ndarray
    unit: np.ndarray


@functools.lru_cache(maxsize=8)
def sun_directions(window: Window) -> SunTable:
    """Geocentric Sun unit vectors for every step (geometric, no light time, as skyfield's is_sunlit)."""
    eph, _ = load_ephemeris_and_timescale()
    t = times_for(window)
    xyz = (eph["sun"] - eph["earth"]).at(t).position.au.T  # ICRS axes, (n, 3)
    offsets = window.offsets_s()
    rotated = np.einsum("nij,nj->ni", _rotation_to_true_of_date(window, offsets), xyz)
    unit = rotated / np.linalg.norm(rotated, axis=1, keepdims=True)
    # The table is shared through the cache: freeze it so no caller can alter another's result.
    unit.flags.writeable = False
    offsets.flags.writeable = False
    return SunTable(window, offsets, unit)
