import math
from datetime import datetime

import pytest
from hypothesis import given, strategies as st

from constellations.engine import beta_angle_deg, beta_star_deg, eclipse_fraction, shell_metrics
from constellations.engine.geometry import make_shell, raan_rate_rad_s, sso_inclination_deg
from constellations.engine.sun import make_window

from .skyfield_reference import sampled_satellites, skyfield_sunlit_mean

YEAR = (datetime(2025, 1, 1), datetime(2026, 1, 1))


@pytest.mark.parametrize(
    "inc, raan, ra, dec, expected",
    [
        (0.0, 0.0, 0.0, 0.0, 0.0),  # equatorial orbit, Sun at the equinox: in the plane
        (0.0, 0.0, 0.0, 23.44, 23.44),  # equatorial orbit: beta = solar declination
        (90.0, 90.0, 0.0, 0.0, 90.0),  # polar orbit whose normal points at the Sun
        (90.0, 0.0, 0.0, 0.0, 0.0),  # polar orbit containing the Sun line
        (97.8, 90.0, 0.0, 0.0, 82.2),  # dawn-dusk SSO at the equinox: beta = 180 - i
        (53.0, 180.0, 90.0, 23.44, 76.44),  # sin(RAAN - RA) = 1: sin(beta) = sin(i + dec)
        (53.0, 0.0, 90.0, 23.44, -29.56),  # sin(RAAN - RA) = -1: sin(beta) = -sin(i - dec)
    ],
)
def test_beta_angle_formula(inc, raan, ra, dec, expected):
    assert beta_angle_deg(inc, raan, ra, dec) == pytest.approx(expected, abs=1e-3)


@pytest.mark.parametrize(
    "altitude, beta, sunlit",
    [  # engine.md B.2 table (R_E = 6378.137 km there; 6378.1366 here shifts the 4th decimal at most)
        (550, 0, 0.6277), (550, 45, 0.6862), (550, 65, 0.8751), (550, 70, 1.0),
        (400, 0, 0.6099), (650, 60, 0.8175), (800, 30, 0.6777), (1200, 45, 0.7766),
    ],
)
def test_eclipse_fraction_fixtures(altitude, beta, sunlit):
    assert 1.0 - eclipse_fraction(altitude, beta) == pytest.approx(sunlit, abs=2e-4)


def test_beta_star_650_km():
    assert beta_star_deg(650) == pytest.approx(65.16, abs=0.01)


def test_eclipse_fraction_is_zero_beyond_beta_star_and_symmetric():
    assert eclipse_fraction(650, 65.2) == 0.0
    assert eclipse_fraction(650, -30.0) == pytest.approx(eclipse_fraction(650, 30.0))


def test_raan_rate_and_sso_inclination():
    # Starlink 550/53 drifts about -4.5 deg/day; SSO at 650 km is ~98.0 deg (engine.md B.2 table).
    assert math.degrees(raan_rate_rad_s(550, 53)) * 86400 == pytest.approx(-4.49, abs=0.01)
    assert sso_inclination_deg(650) == pytest.approx(97.99, abs=0.02)
    assert math.degrees(raan_rate_rad_s(650, sso_inclination_deg(650))) * 86400 * 365.2422 == pytest.approx(360.0)


def test_dawn_dusk_650_km_matches_reference_table():
    # engine.md B.2: 650 km dawn-dusk annual 0.9604 (idealised), 0.9606 (SGP4); ~89 eclipse days,
    # worst day 0.7981; beta never below ~58.6 deg.
    m = shell_metrics(650, None, 1, 1, *YEAR, sun_synchronous=True, ltan_hours=18.0)
    assert m.sunlit.mean == pytest.approx(0.9605, abs=0.002)
    assert 85 <= m.sunlit.eclipse_days <= 93
    assert m.sunlit.minimum == pytest.approx(0.7981, abs=0.003)
    assert m.sunlit.beta_min_deg == pytest.approx(58.57, abs=0.2)


def test_starlink_shell_annual_range_matches_reference():
    # engine.md B.2: 550 km / 53 deg, 2025: 0.681-0.693 per RAAN, mean 0.687.
    m = shell_metrics(550, 53, 72, 22, *YEAR)
    assert m.sunlit.mean == pytest.approx(0.687, abs=0.001)
    assert m.sunlit.plane_mean_min == pytest.approx(0.681, abs=0.0015)
    assert m.sunlit.plane_mean_max == pytest.approx(0.693, abs=0.0015)
    assert m.sunlit.eclipse_days == 365


def test_cost_independent_of_satellites_per_plane():
    small = shell_metrics(550, 53, 10, 1, *YEAR)
    huge = shell_metrics(550, 53, 10, 100_000, *YEAR)  # a million satellites
    assert huge.satellites == 1_000_000
    assert huge.sunlit == small.sunlit


def test_to_dict_is_plain():
    d = shell_metrics(550, 53, 2, 2, *YEAR).to_dict()
    assert d["sunlit"]["mean"] == pytest.approx(0.687, abs=0.01)
    assert d["satellites"] == 4


SKYFIELD_CASES = {
    # name: shell kwargs, plane stride, satellites sampled per plane
    "low_30": (dict(altitude_km=1145, inclination_deg=30, planes=27, per_plane=64), 3, 2),
    "mid_53": (dict(altitude_km=550, inclination_deg=53, planes=72, per_plane=22), 6, 2),
    "polar_87_9": (dict(altitude_km=1200, inclination_deg=87.9, planes=36, per_plane=49), 3, 2),
    "sso_dawn_dusk": (dict(altitude_km=650, sun_synchronous=True, ltan_hours=6.0), 1, 6),
}


@pytest.mark.parametrize("name", sorted(SKYFIELD_CASES))
def test_yearly_mean_matches_skyfield_is_sunlit(name):
    """The analytic shell mean stays within 0.5 pp of skyfield's is_sunlit on SGP4 samples.

    23-minute steps are incommensurate with the ~95-120 minute periods, so the samples sweep all
    orbital phases; a year of them gives the boolean mean to ~0.1 pp per satellite.
    """
    kwargs, stride, per_plane = SKYFIELD_CASES[name]
    window = make_window(*YEAR, 23)
    shell = make_shell(**kwargs)
    reference = skyfield_sunlit_mean(sampled_satellites(shell, window, stride, per_plane), window)
    analytic = shell_metrics(start=YEAR[0], end=YEAR[1], **kwargs).sunlit.mean
    assert abs(analytic - reference) * 100 < 0.5, (analytic, reference)


@given(st.floats(150, 50_000), st.floats(0, 89.9), st.floats(0, 89.9))
def test_eclipse_fraction_bounded_and_falls_with_beta(altitude, beta_a, beta_b):
    low, high = sorted((beta_a, beta_b))
    f_low, f_high = eclipse_fraction(altitude, low), eclipse_fraction(altitude, high)
    assert 0.0 <= f_high <= f_low <= 0.5
