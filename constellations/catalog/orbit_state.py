"""Where each satellite is relative to the shells its constellation targets (vectorised).

States:
  on_station  mean altitude within [altitude_min - tol, altitude_max + tol] of a shell whose
              inclination matches within the inclination tolerance; counts toward that shell.
  raising     below the nearest inclination-matching shell and not flagged as decaying.
  decaying    below that shell and flagged as decaying by the caller.
  lowering    above the nearest inclination-matching shell.
  unmatched   no shell has a matching inclination (e.g. a polar satellite vs. 53-degree shells).
  unknown     altitude or inclination missing.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .constants import EARTH_EQUATORIAL_RADIUS_KM, J2, MU_EARTH_KM3_S2, SECONDS_PER_DAY, TROPICAL_YEAR_DAYS

# ASSUMPTION: no source gives a tolerance. Resolution 8 (WRC-23) sets notified-vs-deployed
# tolerances but its numbers were not retrieved (shared/reference/rules.md 2.3, res35.md), so these
# defaults are placeholders to be replaced once the Annex is read; both are parameters.
DEFAULT_ALTITUDE_TOLERANCE_KM = 10.0
DEFAULT_INCLINATION_TOLERANCE_DEG = 0.5

ON_STATION, RAISING, DECAYING, LOWERING, UNMATCHED, UNKNOWN = (
    "on_station", "raising", "decaying", "lowering", "unmatched", "unknown",
)


@dataclass(frozen=True, slots=True)
class TargetShell:
    shell_id: str
    altitude_min_km: float
    altitude_max_km: float
    inclination_deg: float | None = None  # None: any inclination matches
    sun_synchronous: bool = False  # the target inclination is the SSO one for the altitude
    inclination_max_deg: float | None = None  # a filed range [inclination_deg, inclination_max_deg]


@dataclass(frozen=True, slots=True)
class OrbitStates:
    state: np.ndarray  # object array of the state names above
    shell_id: np.ndarray  # shell counted toward (on_station only), else None
    nearest_shell_id: np.ndarray  # nearest inclination-matching shell, for raising/lowering context


def sun_synchronous_inclination_deg(altitude_km) -> np.ndarray:
    """Circular-orbit SSO inclination: J2 nodal drift equal to the mean sun's 360 deg/tropical year."""
    a = EARTH_EQUATORIAL_RADIUS_KM + np.asarray(altitude_km, dtype=float)
    n = np.sqrt(MU_EARTH_KM3_S2 / a**3)
    node_rate = 2.0 * np.pi / (TROPICAL_YEAR_DAYS * SECONDS_PER_DAY)
    cos_i = -node_rate / (1.5 * J2 * n * (EARTH_EQUATORIAL_RADIUS_KM / a) ** 2)
    return np.degrees(np.arccos(np.clip(cos_i, -1.0, 1.0)))


def orbit_states(
    altitude_km,
    inclination_deg,
    shells: Sequence[TargetShell],
    *,
    decaying=None,
    altitude_tolerance_km: float = DEFAULT_ALTITUDE_TOLERANCE_KM,
    inclination_tolerance_deg: float = DEFAULT_INCLINATION_TOLERANCE_DEG,
) -> OrbitStates:
    """Classify N objects against S shells with one N x S broadcast."""
    alt = np.asarray(altitude_km, dtype=float)
    inc = np.asarray(inclination_deg, dtype=float)
    flag = np.zeros(alt.shape, dtype=bool) if decaying is None else np.asarray(decaying, dtype=bool)
    state = np.full(alt.shape, UNKNOWN, dtype=object)
    shell_id = np.full(alt.shape, None, dtype=object)
    nearest_id = np.full(alt.shape, None, dtype=object)
    if not shells:
        state[np.isfinite(alt) & np.isfinite(inc)] = UNMATCHED
        return OrbitStates(state, shell_id, nearest_id)
    low, high, matches = _shell_geometry(alt, inc, shells, altitude_tolerance_km, inclination_tolerance_deg)
    # Signed distance outside the tolerant band: <0 below, >0 above, 0 inside.
    below, above = low - alt[:, None], alt[:, None] - high
    gap = np.where(below > 0, -below, np.where(above > 0, above, 0.0))
    gap = np.where(matches, gap, np.nan)
    ids = np.array([s.shell_id for s in shells], dtype=object)
    known = np.isfinite(alt) & np.isfinite(inc)
    has_match = known & matches.any(axis=1)
    # Nearest shell: smallest gap; among shells whose tolerant bands overlap and both contain the orbit,
    # the one whose filed values are closest (normalised by the tolerances), not merely the first listed.
    closeness = _closeness(alt, inc, shells, altitude_tolerance_km, inclination_tolerance_deg)
    score = np.where(np.abs(gap) == 0, closeness - 1e9, np.abs(gap))
    best = np.nanargmin(np.where(has_match[:, None], score, 0.0), axis=1)
    best_gap = gap[np.arange(alt.size), best]
    nearest_id[has_match] = ids[best[has_match]]
    state[known & ~has_match] = UNMATCHED
    state[has_match & (best_gap == 0)] = ON_STATION
    state[has_match & (best_gap < 0)] = np.where(flag[has_match & (best_gap < 0)], DECAYING, RAISING)
    state[has_match & (best_gap > 0)] = LOWERING
    on = state == ON_STATION
    shell_id[on] = nearest_id[on]
    return OrbitStates(state, shell_id, nearest_id)


def shell_match(altitude_km, inclination_deg, shells: Sequence[TargetShell], *,
                altitude_tolerance_km: float = DEFAULT_ALTITUDE_TOLERANCE_KM,
                inclination_tolerance_deg: float = DEFAULT_INCLINATION_TOLERANCE_DEG) -> tuple[np.ndarray, np.ndarray]:
    """(inside, below), each N x S: whether each orbit lies within each shell's tolerant band (the test
    ``orbit_states`` calls on station, for every shell at once rather than the nearest), and whether it lies
    below the band of a shell of matching inclination (a satellite there may still be raising toward it)."""
    alt = np.asarray(altitude_km, dtype=float)
    inc = np.asarray(inclination_deg, dtype=float)
    if not shells:
        empty = np.zeros((alt.size, 0), dtype=bool)
        return empty, empty.copy()
    low, high, matches = _shell_geometry(alt, inc, shells, altitude_tolerance_km, inclination_tolerance_deg)
    matches = matches & (np.isfinite(alt) & np.isfinite(inc))[:, None]
    inside = (alt[:, None] >= low) & (alt[:, None] <= high) & matches
    below = (alt[:, None] < low) & matches
    return inside, below


def _closeness(alt, inc, shells, alt_tol, inc_tol) -> np.ndarray:
    """N x S distance from each orbit to each shell's filed values, in units of the tolerances.

    A shell without a filed inclination (any inclination matches) counts as one tolerance away, so a shell
    that names the orbit's inclination wins a tie over a catch-all one.
    """
    lo = np.array([s.altitude_min_km for s in shells], dtype=float)
    hi = np.array([s.altitude_max_km for s in shells], dtype=float)
    d_alt = np.maximum(0.0, np.maximum(lo - alt[:, None], alt[:, None] - hi)) / max(alt_tol, 1e-9)
    d_inc = np.ones((alt.size, len(shells)))
    for j, shell in enumerate(shells):
        if shell.sun_synchronous:
            target = sun_synchronous_inclination_deg(np.where(np.isfinite(alt), alt, 0.0))
            d_inc[:, j] = np.abs(inc - target)
        elif shell.inclination_deg is not None:
            top = shell.inclination_max_deg if shell.inclination_max_deg is not None else shell.inclination_deg
            lo_i, hi_i = min(shell.inclination_deg, top), max(shell.inclination_deg, top)
            d_inc[:, j] = np.maximum(0.0, np.maximum(lo_i - inc, inc - hi_i))
        else:
            continue
        d_inc[:, j] /= max(inc_tol, 1e-9)
    return np.nan_to_num(d_alt + d_inc, nan=0.0)


def _shell_geometry(alt, inc, shells, alt_tol, inc_tol):
    """Tolerant altitude bands (S,) and an N x S inclination-match matrix."""
    low = np.array([s.altitude_min_km for s in shells], dtype=float) - alt_tol
    high = np.array([s.altitude_max_km for s in shells], dtype=float) + alt_tol
    matches = np.ones((alt.size, len(shells)), dtype=bool)
    for j, shell in enumerate(shells):
        if shell.sun_synchronous:
            target = sun_synchronous_inclination_deg(np.where(np.isfinite(alt), alt, 0.0))
            matches[:, j] = np.abs(inc - target) <= inc_tol
        elif shell.inclination_deg is not None and shell.inclination_max_deg is not None:
            lo, hi = sorted((shell.inclination_deg, shell.inclination_max_deg))
            matches[:, j] = (inc >= lo - inc_tol) & (inc <= hi + inc_tol)
        elif shell.inclination_deg is not None:
            matches[:, j] = np.abs(inc - shell.inclination_deg) <= inc_tol
    return low, high, matches
