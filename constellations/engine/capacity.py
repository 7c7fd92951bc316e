"""Orbital capacity per altitude band, the claims on it, over-subscription and contention.

Model: the geometric minimum-separation ("intrinsic") capacity of pySSEM's indicator
(engine.md A.4, Model 3). For a 5-km shell at altitude h and inclination i, the minimum angular
separation of N slotted satellites follows theta_min = c N^b, so

    N_shell = (d_sep / ((R_E + h) * pi/180 * c)) ** (1/b)        (km units throughout)

with the fit coefficients (c, b) per inclination from pySSEM's
`LawDF_min_500_fit_range_max_10000_sols_1.csv` (MIT; the rows quoted in engine.md A.4).
"""

import functools
import itertools
import math
from dataclasses import dataclass, field
from typing import Optional, Sequence

import numpy as np

from .errors import EngineInputError
from .geometry import _check_count, _check_range, sso_inclination_deg
from . import constants as c

# Earth radius the indicator uses, km (pySSEM R_E = 6378.1366; engine.md A.2/A.4).
INDICATOR_EARTH_RADIUS_KM = 6378.1366

# Power-law rows (inclination deg -> c, b) quoted in engine.md A.4 from pySSEM's coefficient CSV.
POWER_LAW_ROWS = (
    (40.0, 497.786, -0.8366),
    (45.0, 478.827, -0.8327),
    (53.0, 449.588, -0.8289),
    (70.0, 349.505, -0.8180),
    (90.0, 361.836, -1.0007),
)

# Defaults of the pySSEM scenario's "orbital_volume" indicator: 60 km separation, 5 km shells
# (scen_properties.py ~line 398, engine.md A.4). Inclination 45 deg is the indicator's default.
DEFAULT_SEPARATION_KM = 60.0
SHELL_SEPARATION_KM = 5.0
REFERENCE_INCLINATION_DEG = 45.0

# Width of the reporting bands, km. Assumption: SpaceX's data-centre filing describes shells
# "spanning up to 50 km each" (FCC PN DA 26-113 as quoted, engine.md A.4), so 50 km is used as the
# coarsest shell a filing claims.
DEFAULT_BAND_WIDTH_KM = 50.0

# Two claims contend when their inclinations differ by at most this. Assumption (no source in
# engine.md): wide enough to join Starlink 53.0/53.2 deg and Kuiper 51.9 deg.
DEFAULT_INCLINATION_TOLERANCE_DEG = 2.0

# Headline published numbers, quoted only with their labels (engine.md A.6).
PUBLISHED_HEADLINES = (
    {
        "value": 12_600_000,
        "label": "maximum orbital capacity of LEO, 200-900 km, 7 % failure rate, MOCAT-3 source-sink model",
        "source": "D'Ambrosio, Lifson, Linares, arXiv 2206.05345 (2022), abstract",
        "status": "confirmed (abstract)",
    },
    {
        "value": "4,000-5,000 per shell; ~240,000 total",
        "label": "satellites in one orbital shell (data-centre article)",
        "source": "MIT Technology Review 2026-04-03, via an AI summary",
        "status": "secondary, unverified basis",
    },
)


@functools.lru_cache(maxsize=4096)  # pure; a registry's shells repeat a few inclinations
def _coefficients(inclination_deg: float) -> tuple[float, float, str]:
    """(c, b) for an inclination, linearly interpolated between the quoted rows, and a note."""
    incs = np.array([row[0] for row in POWER_LAW_ROWS])
    note = ""
    inc = inclination_deg
    if inc > 90.0:
        # The fit has no retrograde rows (engine.md A.4 caveat ii). A shell at 180 - i is its mirror
        # image, with the same crossing geometry, so that row is used. Assumption, flagged.
        inc = 180.0 - inc
        note = f"retrograde {inclination_deg:.1f} deg mirrored to {inc:.1f} deg (assumption)"
    if inc < incs[0]:
        note = f"inclination {inc:.1f} deg below the quoted rows; {incs[0]:.0f} deg row used (extrapolation)"
        inc = incs[0]
    coef_c = float(np.interp(inc, incs, [row[1] for row in POWER_LAW_ROWS]))
    coef_b = float(np.interp(inc, incs, [row[2] for row in POWER_LAW_ROWS]))
    return coef_c, coef_b, note


def satellites_per_shell(altitude_km: float, inclination_deg: float, separation_km: float = DEFAULT_SEPARATION_KM) -> float:
    """Model 3: slotted satellites that fit in one 5-km shell at this altitude and inclination."""
    coef_c, coef_b, _ = _coefficients(inclination_deg)
    km_per_degree = (INDICATOR_EARTH_RADIUS_KM + altitude_km) * math.pi / 180.0
    return (separation_km / (km_per_degree * coef_c)) ** (1.0 / coef_b)


@functools.lru_cache(maxsize=16384)  # pure; one call per (band, inclination) pair of a report
def band_capacity(altitude_min_km, altitude_max_km, inclination_deg, separation_km=DEFAULT_SEPARATION_KM) -> float:
    """Sum of Model 3 over the 5-km shells of a band, each evaluated at its upper edge (engine.md A.4)."""
    n_shells = int(round((altitude_max_km - altitude_min_km) / SHELL_SEPARATION_KM))
    edges = altitude_min_km + SHELL_SEPARATION_KM * np.arange(1, n_shells + 1)
    return float(sum(satellites_per_shell(h, inclination_deg, separation_km) for h in edges))


@dataclass(frozen=True)
class ShellClaim:
    """Satellites one filing claims in an altitude range (a single altitude when min == max)."""

    filing_id: str
    administration: str
    altitude_min_km: float
    altitude_max_km: float
    inclination_deg: Optional[float]
    sun_synchronous: bool
    satellites: int

    def validated(self) -> "ShellClaim":
        low = _check_range("altitude_min_km", self.altitude_min_km, c.MIN_ALTITUDE_KM, c.MAX_ALTITUDE_KM)
        high = _check_range("altitude_max_km", self.altitude_max_km, c.MIN_ALTITUDE_KM, c.MAX_ALTITUDE_KM)
        if high < low:
            raise EngineInputError("altitude_max_km", f"{high} is below altitude_min_km {low}")
        if self.inclination_deg is not None:
            _check_range("inclination_deg", self.inclination_deg, 0.0, 180.0)
        _check_count("satellites", self.satellites)
        return self

    def effective_inclination(self) -> Optional[float]:
        """The stated inclination, or for an SSO claim without one, the J2 value at its mid altitude."""
        if self.inclination_deg is None and self.sun_synchronous:
            return sso_inclination_deg(0.5 * (self.altitude_min_km + self.altitude_max_km))
        return self.inclination_deg


@dataclass(frozen=True)
class BandShare:
    filing_id: str
    administration: str
    satellites: float
    inclination_deg: Optional[float]
    capacity_at_inclination: float
    note: str


@dataclass(frozen=True)
class BandCapacity:
    altitude_min_km: float
    altitude_max_km: float
    capacity_reference: float  # Model 3 at the reference inclination
    satellites_claimed: float
    oversubscription: float  # sum over claims of satellites / capacity at the claim's inclination
    shares: tuple[BandShare, ...]


@dataclass(frozen=True)
class Contention:
    altitude_min_km: float
    altitude_max_km: float
    filing_a: str
    administration_a: str
    filing_b: str
    administration_b: str
    inclination_a: Optional[float]
    inclination_b: Optional[float]
    cross_administration: bool
    note: str


@dataclass(frozen=True)
class CapacityReport:
    bands: tuple[BandCapacity, ...]
    contentions: tuple[Contention, ...]
    parameters: dict = field(default_factory=dict)

    def contending_filings(self) -> dict[tuple[float, float], frozenset[str]]:
        """For each band with contention, the filings that contend there; without listing every pair,
        so it stays cheap when thousands of filings share a band."""
        tolerance = self.parameters["inclination_tolerance_deg"]
        found = {}
        for band in self.bands:
            filings = _contending_in_band(band.shares, tolerance)
            if filings:
                found[(band.altitude_min_km, band.altitude_max_km)] = filings
        return found

    def filing_fit(self, filing_id: str) -> float:
        """Share of a filing's satellites that fit if every band it uses were shared pro rata.

        1.0 means every band it claims is within capacity; 0.25 means its bands are on average
        four times over-subscribed, weighted by where its satellites are.
        """
        total = fitted = 0.0
        for band in self.bands:
            for share in band.shares:
                if share.filing_id == filing_id:
                    total += share.satellites
                    fitted += share.satellites * min(1.0, 1.0 / band.oversubscription)
        if total == 0.0:
            raise EngineInputError("filing_id", f"{filing_id!r} has no claims in this report")
        return fitted / total


def _band_edges(claims: Sequence[ShellClaim], width: float) -> np.ndarray:
    low = math.floor(min(cl.altitude_min_km for cl in claims) / width) * width
    high = math.floor(max(cl.altitude_max_km for cl in claims) / width) * width + width
    return np.arange(low, high + 0.5 * width, width)


class _ClaimArrays:
    """The claims' altitude ranges and counts as arrays, so each band finds its claims in one numpy step
    instead of a Python loop over every claim (a registry of thousands of shells has ~100 bands)."""

    def __init__(self, claims: Sequence[ShellClaim]):
        self.claims = claims
        self.low = np.array([cl.altitude_min_km for cl in claims], dtype=float)
        self.high = np.array([cl.altitude_max_km for cl in claims], dtype=float)
        self.satellites = np.array([cl.satellites for cl in claims], dtype=float)
        self.point = self.low == self.high
        self.span = np.where(self.point, 1.0, self.high - self.low)

    def in_band(self, low: float, high: float) -> np.ndarray:
        """Satellites each claim puts in [low, high): a range claim is spread evenly in altitude; a
        single-altitude claim sits in its one band."""
        overlap = np.maximum(0.0, np.minimum(high, self.high) - np.maximum(low, self.low))
        spread = self.satellites * overlap / self.span
        at_point = np.where((low <= self.low) & (self.low < high), self.satellites, 0.0)
        return np.where(self.point, at_point, spread)


def _band(arrays: _ClaimArrays, low, high, separation_km) -> Optional[BandCapacity]:
    shares = []
    counts = arrays.in_band(low, high)
    for index in np.flatnonzero(counts > 0.0):
        claim, n = arrays.claims[index], float(counts[index])
        inc = claim.effective_inclination()
        inc_used = REFERENCE_INCLINATION_DEG if inc is None else inc
        note = "inclination unknown; reference inclination used" if inc is None else _coefficients(inc_used)[2]
        cap = band_capacity(low, high, inc_used, separation_km)
        shares.append(BandShare(claim.filing_id, claim.administration, n, inc, cap, note))
    if not shares:
        return None
    return BandCapacity(
        altitude_min_km=float(low),
        altitude_max_km=float(high),
        capacity_reference=band_capacity(low, high, REFERENCE_INCLINATION_DEG, separation_km),
        satellites_claimed=sum(s.satellites for s in shares),
        oversubscription=sum(s.satellites / s.capacity_at_inclination for s in shares),
        shares=tuple(shares),
    )


def _contend(a: BandShare, b: BandShare, tolerance: float) -> Optional[str]:
    """Why two shares of a band contend (None when they do not)."""
    if a.inclination_deg is None or b.inclination_deg is None:
        return "inclination unknown for one side"
    if abs(a.inclination_deg - b.inclination_deg) <= tolerance:
        return f"inclinations within {tolerance:g} deg"
    return None


def _contentions(band: BandCapacity, tolerance: float) -> list[Contention]:
    found = {}
    for a, b in itertools.combinations(band.shares, 2):
        if a.filing_id == b.filing_id:
            continue
        a, b = sorted((a, b), key=lambda s: s.filing_id)
        note = _contend(a, b, tolerance)
        if note is not None and (a.filing_id, b.filing_id) not in found:
            found[(a.filing_id, b.filing_id)] = Contention(
                band.altitude_min_km, band.altitude_max_km, a.filing_id, a.administration,
                b.filing_id, b.administration, a.inclination_deg, b.inclination_deg,
                a.administration != b.administration, note,
            )
    return list(found.values())


def _contending_in_band(shares, tolerance: float) -> frozenset[str]:
    """Filings with at least one share that contends (see _contend) with another filing's share, in
    O(n log n): shares sorted by inclination, each compared with its neighbours within the tolerance."""
    filings = {share.filing_id for share in shares}
    if len(filings) < 2:
        return frozenset()
    unknown = {share.filing_id for share in shares if share.inclination_deg is None}
    if unknown:  # an unknown inclination contends with every other filing in the band, so all of them contend
        return frozenset(filings)
    ordered = sorted(shares, key=lambda share: share.inclination_deg)
    found = set()
    for i, share in enumerate(ordered):
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(ordered) and abs(ordered[j].inclination_deg - share.inclination_deg) <= tolerance:
                if ordered[j].filing_id != share.filing_id:
                    found.add(share.filing_id)
                    break
                j += step
    return frozenset(found)


def capacity_report(
    claims: Sequence[ShellClaim],
    band_width_km: float = DEFAULT_BAND_WIDTH_KM,
    separation_km: float = DEFAULT_SEPARATION_KM,
    inclination_tolerance_deg: float = DEFAULT_INCLINATION_TOLERANCE_DEG,
    *,
    list_pairs: bool = True,
) -> CapacityReport:
    """Claims per band against Model 3, over-subscription, and who contends with whom.

    list_pairs=False leaves ``contentions`` empty: the pairs grow with the square of the filings in a band,
    and a page that only needs who contends where can ask ``contending_filings()`` instead.
    """
    if not claims:
        raise EngineInputError("claims", "at least one claim is needed")
    claims = [claim.validated() for claim in claims]
    width = _check_range("band_width_km", band_width_km, SHELL_SEPARATION_KM, 10000.0)
    if abs(width / SHELL_SEPARATION_KM - round(width / SHELL_SEPARATION_KM)) > 1e-9:
        raise EngineInputError("band_width_km", f"must be a multiple of the {SHELL_SEPARATION_KM:g} km shell spacing")
    _check_range("separation_km", separation_km, 0.1, 10000.0)
    _check_range("inclination_tolerance_deg", inclination_tolerance_deg, 0.0, 180.0)
    edges = _band_edges(claims, width)
    arrays = _ClaimArrays(claims)
    bands = [b for low, high in zip(edges[:-1].tolist(), edges[1:].tolist())
             if (b := _band(arrays, low, high, separation_km))]
    contentions = [x for band in bands for x in _contentions(band, inclination_tolerance_deg)] if list_pairs else []
    parameters = {
        "model": "geometric minimum-separation capacity (pySSEM intrinsic-capacity indicator, engine.md A.4)",
        "separation_km": separation_km,
        "shell_separation_km": SHELL_SEPARATION_KM,
        "band_width_km": width,
        "reference_inclination_deg": REFERENCE_INCLINATION_DEG,
        "inclination_tolerance_deg": inclination_tolerance_deg,
        "caveat": "fit made for 500-10,000 satellites per shell; larger counts are extrapolations",
    }
    return CapacityReport(tuple(bands), tuple(contentions), parameters)
