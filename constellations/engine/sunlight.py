"""Beta angles and the orbit-average sunlit fraction of circular orbits (cylindrical shadow).

Per plane and time step, the beta angle (Sun elevation above the orbit plane) fixes the share of
one revolution spent in the Earth's shadow; averaging that over planes and steps gives the shell's
sunlit fraction. The work is planes x steps, independent of the number of satellites per plane.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import constants as c
from .geometry import Shell
from .sun import SunTable

# Elements (planes x steps) handled per chunk: 2M float64 = 16 MiB per work array, a handful alive
# at once, so a 3,660-plane shell over a year at 1-minute steps never holds more than ~100 MiB.
CHUNK_ELEMENTS = 2_000_000


def beta_star_deg(altitude_km: float) -> float:
    """Beta angle above which a circular orbit sees no eclipse: asin(R / (R + h)) (engine.md B.2)."""
    return math.degrees(math.asin(c.SHADOW_RADIUS_KM / (c.SHADOW_RADIUS_KM + altitude_km)))


def beta_angle_deg(inclination_deg, raan_deg, sun_ra_deg, sun_dec_deg):
    """sin(beta) = cos(dec) sin(i) sin(RAAN - RA) + sin(dec) cos(i) (Vallado; engine.md B.2)."""
    i, raan = np.radians(inclination_deg), np.radians(raan_deg)
    ra, dec = np.radians(sun_ra_deg), np.radians(sun_dec_deg)
    s = np.cos(dec) * np.sin(i) * np.sin(raan - ra) + np.sin(dec) * np.cos(i)
    return np.degrees(np.arcsin(np.clip(s, -1.0, 1.0)))


def eclipse_fraction(altitude_km, beta_deg):
    """Share of a circular orbit in the cylindrical shadow (Sumanth 2019; engine.md B.2).

    f = acos( sqrt(h^2 + 2 R h) / ((R + h) cos beta) ) / pi  for |beta| < beta*, else 0.
    """
    h = np.asarray(altitude_km, dtype=float)
    r = c.SHADOW_RADIUS_KM
    cos_beta_star = np.sqrt(h * h + 2.0 * r * h) / (r + h)
    ratio = cos_beta_star / np.maximum(np.cos(np.radians(beta_deg)), 1e-300)
    # arccos(1) = 0, so capping the ratio at 1 gives exactly 0 outside the eclipse season.
    return np.arccos(np.minimum(ratio, 1.0)) / math.pi


def _eclipse_from_sin_beta(sin_beta: np.ndarray, cos_beta_star: float) -> np.ndarray:
    """Same formula as eclipse_fraction(), in place on an array of sin(beta) (the hot loop)."""
    work = np.square(sin_beta)
    np.subtract(1.0, work, out=work)  # cos^2 beta
    np.maximum(work, 1e-300, out=work)
    np.sqrt(work, out=work)
    np.divide(cos_beta_star, work, out=work)
    np.minimum(work, 1.0, out=work)
    np.arccos(work, out=work)
    work *= 1.0 / math.pi
    return work


def _sun_terms(shell: Shell, sun: SunTable):
    """Per-step coefficients A, B, C with sin(beta[k, t]) = cos(W0_k) A_t + sin(W0_k) B_t + C_t.

    The node of plane k drifts as W0_k + W' t; expanding sin/cos of that sum separates planes from
    steps, so the plane x step array is two outer products instead of trigonometry per element.
    """
    theta = shell.raan_rate() * sun.offsets_s
    sx, sy, sz = sun.unit[:, 0], sun.unit[:, 1], sun.unit[:, 2]
    sin_i, cos_i = math.sin(math.radians(shell.inclination_deg)), math.cos(math.radians(shell.inclination_deg))
    cos_t, sin_t = np.cos(theta), np.sin(theta)
    a = sin_i * (sx * sin_t - sy * cos_t)
    b = sin_i * (sx * cos_t + sy * sin_t)
    return a, b, cos_i * sz


@dataclass(frozen=True)
class SunlitStats:
    """Sunlit fraction of a shell over a window (orbit averages; 1 = never eclipsed)."""

    mean: float
    minimum: float  # worst single orbit of any plane
    maximum: float
    plane_mean_min: float  # window mean of the least / most sunlit plane
    plane_mean_max: float
    eclipse_days: int  # days (24 h from the window start) on which some plane sees an eclipse
    window_days: int
    beta_min_deg: float
    beta_max_deg: float
    beta_star_deg: float


class _Accumulator:
    def __init__(self, planes: int, n_steps: int):
        self.total = 0.0
        self.low, self.high = math.inf, -math.inf
        self.beta_low, self.beta_high = math.inf, -math.inf
        self.plane_sums = np.empty(planes)
        self.step_eclipsed = np.zeros(n_steps, dtype=bool)

    def add(self, rows: slice, sin_beta: np.ndarray, eclipse: np.ndarray) -> None:
        self.beta_low = min(self.beta_low, float(sin_beta.min()))
        self.beta_high = max(self.beta_high, float(sin_beta.max()))
        self.plane_sums[rows] = eclipse.sum(axis=1)
        self.total += float(self.plane_sums[rows].sum())
        self.low = min(self.low, 1.0 - float(eclipse.max()))
        self.high = max(self.high, 1.0 - float(eclipse.min()))
        self.step_eclipsed |= (eclipse > 0.0).any(axis=0)


def sunlit_statistics(shell: Shell, sun: SunTable, start_jd_ut: float) -> SunlitStats:
    """Sunlit statistics of every plane of ``shell`` at every step of ``sun``, chunked over planes."""
    raan0 = shell.initial_raans_rad(start_jd_ut)
    cos_w, sin_w = np.cos(raan0), np.sin(raan0)
    a, b, c_term = _sun_terms(shell, sun)
    n_steps = a.size
    acc = _Accumulator(shell.planes, n_steps)
    cos_beta_star = math.cos(math.radians(beta_star_deg(shell.altitude_km)))
    rows_per_chunk = max(1, CHUNK_ELEMENTS // n_steps)
    for first in range(0, shell.planes, rows_per_chunk):
        rows = slice(first, min(first + rows_per_chunk, shell.planes))
        sin_beta = np.multiply.outer(cos_w[rows], a)
        sin_beta += np.multiply.outer(sin_w[rows], b)
        sin_beta += c_term
        acc.add(rows, sin_beta, _eclipse_from_sin_beta(sin_beta, cos_beta_star))
    return _finish(shell, sun, acc, n_steps)


def _finish(shell: Shell, sun: SunTable, acc: _Accumulator, n_steps: int) -> SunlitStats:
    day_index = (sun.offsets_s // 86400.0).astype(int)
    plane_means = 1.0 - acc.plane_sums / n_steps
    return SunlitStats(
        mean=1.0 - acc.total / (shell.planes * n_steps),
        minimum=acc.low,
        maximum=acc.high,
        plane_mean_min=float(plane_means.min()),
        plane_mean_max=float(plane_means.max()),
        eclipse_days=int(np.unique(day_index[acc.step_eclipsed]).size),
        window_days=sun.window.n_days,
        beta_min_deg=math.degrees(math.asin(max(-1.0, acc.beta_low))),
        beta_max_deg=math.degrees(math.asin(min(1.0, acc.beta_high))),
        beta_star_deg=beta_star_deg(shell.altitude_km),
    )
