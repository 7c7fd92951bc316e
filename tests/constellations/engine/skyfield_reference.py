"""Reference sunlit fractions from skyfield's own is_sunlit() on SGP4 satellites (tests only)."""

import math

import numpy as np
from sgp4.api import WGS72, Satrec
from skyfield.api import EarthSatellite

from constellations.engine import constants as c
from constellations.engine.geometry import Shell
from constellations.engine.sun import Window, load_ephemeris_and_timescale, times_for

# sgp4init counts its epoch in days from 1949 December 31 00:00 UT.
SGP4_EPOCH_JD = 2433281.5


def satellite(shell: Shell, raan_rad: float, mean_anomaly_rad: float, epoch_jd: float, number: int):
    """A circular SGP4 satellite of ``shell`` (no drag) as a skyfield EarthSatellite."""
    _, ts = load_ephemeris_and_timescale()
    a_km = c.EARTH_RADIUS_KM + shell.altitude_km
    n_rad_min = math.sqrt(c.MU_KM3_S2 / a_km**3) * 60.0
    sat = Satrec()
    sat.sgp4init(
        WGS72, "i", number, epoch_jd - SGP4_EPOCH_JD, 0.0, 0.0, 0.0, 1e-4, 0.0,
        math.radians(shell.inclination_deg), mean_anomaly_rad, n_rad_min, raan_rad % (2 * math.pi),
    )
    return EarthSatellite.from_satrec(sat, ts)


def sampled_satellites(shell: Shell, window: Window, plane_stride: int, per_plane: int):
    """Every ``plane_stride``-th plane, ``per_plane`` satellites spread in mean anomaly."""
    raans = shell.initial_raans_rad(window.start_jd_utc)
    sats = []
    for k in range(0, shell.planes, plane_stride):
        for j in range(per_plane):
            anomaly = 2 * math.pi * (j + 0.5 * k / shell.planes) / per_plane
            sats.append(satellite(shell, raans[k], anomaly, window.start_jd_utc, 10000 + len(sats)))
    return sats


def skyfield_sunlit_mean(satellites, window: Window) -> float:
    """Mean of skyfield's boolean is_sunlit() over the satellites and every step of the window."""
    eph, _ = load_ephemeris_and_timescale()
    t = times_for(window)
    return float(np.mean([sat.at(t).is_sunlit(eph).mean() for sat in satellites]))
