"""Shell geometry: Walker shells and sun-synchronous shells, with the J2 drift of their nodes."""

import math
from dataclasses import dataclass
from typing import Optional

import numpy as np

from . import constants as c
from .errors import EngineInputError


def semi_major_axis_km(altitude_km: float) -> float:
    """Circular orbit: a = R_E + h."""
    return c.EARTH_RADIUS_KM + altitude_km


def mean_motion_rad_s(altitude_km: float) -> float:
    """Keplerian mean motion n = sqrt(mu / a^3)."""
    return math.sqrt(c.MU_KM3_S2 / semi_major_axis_km(altitude_km) ** 3)


def raan_rate_rad_s(altitude_km: float, inclination_deg: float) -> float:
    """Secular J2 nodal drift of a circular orbit: -1.5 n J2 (R_E/a)^2 cos i (engine.md B.2)."""
    ratio = c.EARTH_RADIUS_KM / semi_major_axis_km(altitude_km)
    n = mean_motion_rad_s(altitude_km)
    return -1.5 * n * c.J2 * ratio**2 * math.cos(math.radians(inclination_deg))


def sso_inclination_deg(altitude_km: float) -> float:
    """Inclination at which the J2 drift equals the mean sun's rate (one turn per tropical year)."""
    ratio = c.EARTH_RADIUS_KM / semi_major_axis_km(altitude_km)
    cos_i = -c.MEAN_SUN_RATE_RAD_S / (1.5 * mean_motion_rad_s(altitude_km) * c.J2 * ratio**2)
    if cos_i < -1.0:
        raise EngineInputError("altitude_km", f"no sun-synchronous orbit exists at {altitude_km} km")
    return math.degrees(math.acos(cos_i))


def mean_sun_ra_deg(julian_date_ut: float) -> float:
    """Right ascension of the fictitious mean sun (= its mean longitude), degrees in [0, 360)."""
    days = julian_date_ut - c.JD_J2000
    return (c.MEAN_SUN_L0_DEG + c.MEAN_SUN_RATE_DEG_PER_DAY * days) % 360.0


@dataclass(frozen=True)
class Shell:
    """One orbital shell: circular orbits at one altitude, ``planes`` planes of ``per_plane`` satellites.

    Walker shells spread their planes' nodes evenly over 360 deg from ``raan0_deg``. Sun-synchronous
    shells place plane k at local time ltan_hours + k * ltan_spread_hours / planes (24 h spread = a
    Walker shell of SSO planes; 0 h = every plane at the same LTAN, e.g. a dawn-dusk data-centre shell).
    """

    altitude_km: float
    inclination_deg: float
    planes: int
    per_plane: int
    sun_synchronous: bool = False
    ltan_hours: Optional[float] = None
    ltan_spread_hours: float = 24.0
    raan0_deg: float = 0.0

    @property
    def satellites(self) -> int:
        return self.planes * self.per_plane

    def raan_rate(self) -> float:
        return raan_rate_rad_s(self.altitude_km, self.inclination_deg)

    def initial_raans_rad(self, start_jd_ut: float) -> np.ndarray:
        """Node right ascension of every plane at the window start, radians, shape (planes,)."""
        k = np.arange(self.planes, dtype=float)
        if not self.sun_synchronous:
            return np.radians(self.raan0_deg + 360.0 * k / self.planes)
        # LTAN is the mean solar time at the node: hour angle from the mean sun = (LTAN - 12 h) * 15 deg.
        ltan = self.ltan_hours + k * self.ltan_spread_hours / self.planes
        return np.radians(mean_sun_ra_deg(start_jd_ut) + (ltan - 12.0) * 15.0)


def _check_range(parameter: str, value, low: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise EngineInputError(parameter, f"expected a finite number, got {value!r}")
    if not low <= value <= high:
        raise EngineInputError(parameter, f"{value} is outside {low}..{high}")
    return float(value)


def _check_count(parameter: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise EngineInputError(parameter, f"must be a whole number >= 1, got {value!r}")
    return int(value)


# An SSO filing usually states its inclination rounded (e.g. 97.6 deg); a value further than this
# from the J2-derived one is a different orbit, so it is refused rather than overridden.
SSO_INCLINATION_TOLERANCE_DEG = 1.0


def make_shell(
    altitude_km,
    inclination_deg=None,
    planes=1,
    per_plane=1,
    *,
    sun_synchronous=False,
    ltan_hours=None,
    ltan_spread_hours=24.0,
    raan0_deg=0.0,
) -> Shell:
    """Validate inputs and build a Shell (inclination derived from altitude for SSO shells)."""
    altitude = _check_range("altitude_km", altitude_km, c.MIN_ALTITUDE_KM, c.MAX_ALTITUDE_KM)
    planes, per_plane = _check_count("planes", planes), _check_count("per_plane", per_plane)
    raan0 = _check_range("raan0_deg", raan0_deg, -360.0, 360.0)
    if not sun_synchronous:
        if inclination_deg is None:
            raise EngineInputError("inclination_deg", "required unless the shell is sun-synchronous")
        inclination = _check_range("inclination_deg", inclination_deg, 0.0, 180.0)
        return Shell(altitude, inclination, planes, per_plane, raan0_deg=raan0)
    if ltan_hours is None:
        raise EngineInputError("ltan_hours", "a sun-synchronous shell needs its local time of ascending node")
    ltan = _check_range("ltan_hours", ltan_hours, 0.0, 24.0)
    spread = _check_range("ltan_spread_hours", ltan_spread_hours, 0.0, 24.0)
    derived = sso_inclination_deg(altitude)
    if inclination_deg is not None:
        given = _check_range("inclination_deg", inclination_deg, 0.0, 180.0)
        if abs(given - derived) > SSO_INCLINATION_TOLERANCE_DEG:
            raise EngineInputError(
                "inclination_deg", f"{given} deg is not sun-synchronous at {altitude} km (SSO: {derived:.2f} deg)"
            )
    return Shell(altitude, derived, planes, per_plane, True, ltan, spread, raan0)
