import numpy as np
import pytest

from constellations.catalog import TargetShell, orbit_states, sun_synchronous_inclination_deg

SHELLS = [
    TargetShell("s53", 540.0, 560.0, 53.0),
    TargetShell("s43", 555.0, 565.0, 43.0),
    TargetShell("polar", 560.0, 570.0, None, sun_synchronous=True),
]


def test_states_and_shells():
    result = orbit_states(
        [550, 300, 300, 700, 550, np.nan, 565, 531, 529],
        [53.05, 53.0, 53.0, 53.0, 70.0, 53.0, 97.64, 53.0, 53.0],
        SHELLS,
        decaying=[0, 0, 1, 0, 0, 0, 0, 0, 0],
    )
    assert list(result.state) == ["on_station", "raising", "decaying", "lowering", "unmatched", "unknown",
                                  "on_station", "on_station", "raising"]
    assert list(result.shell_id) == ["s53", None, None, None, None, None, "polar", "s53", None]
    assert list(result.nearest_shell_id) == ["s53", "s53", "s53", "s53", None, None, "polar", "s53", "s53"]


def test_tolerances_are_parameters():
    tight = orbit_states([535.0], [53.3], SHELLS, altitude_tolerance_km=1.0, inclination_tolerance_deg=0.5)
    loose = orbit_states([535.0], [53.3], SHELLS, altitude_tolerance_km=10.0, inclination_tolerance_deg=0.2)
    assert tight.state[0] == "raising" and loose.state[0] == "unmatched"


def test_nearest_matching_shell_wins():
    shells = [TargetShell("low", 340, 360, 53.0), TargetShell("high", 540, 560, 53.0)]
    result = orbit_states([300, 450, 500, 600], [53, 53, 53, 53], shells)
    assert list(result.state) == ["raising", "lowering", "raising", "lowering"]
    assert list(result.nearest_shell_id) == ["low", "low", "high", "high"]


def test_sun_synchronous_inclination():
    # About 97.4 deg at 500 km and 98.6 deg at 800 km for circular SSO (Vallado, table of SSO inclinations).
    assert sun_synchronous_inclination_deg([500.0, 800.0]) == pytest.approx([97.40, 98.60], abs=0.05)


def test_no_shells():
    assert list(orbit_states([550.0, np.nan], [53.0, 53.0], []).state) == ["unmatched", "unknown"]


def test_inclination_range():
    """A shell filed with an inclination range (FilingShell.inclination_max_deg) matches anywhere in it."""
    shell = TargetShell("range", 340.0, 485.0, 28.0, inclination_max_deg=43.0)
    result = orbit_states([400, 400, 400, 400], [27.6, 35.0, 43.4, 43.6], [shell])
    assert list(result.state) == ["on_station", "on_station", "on_station", "unmatched"]


def test_overlapping_bands_pick_the_closest_shell():
    """Tolerant bands of neighbouring shells overlap; an orbit inside both counts toward the closer one."""
    shells = [TargetShell("s525", 525.0, 525.0, 53.0), TargetShell("s540", 540.0, 540.0, 53.0),
              TargetShell("any", 540.0, 540.0, None)]
    result = orbit_states([533.0, 539.0, 527.0, 540.0], [53.0, 53.0, 53.0, 70.0], shells,
                          altitude_tolerance_km=25.0)
    assert list(result.shell_id) == ["s540", "s540", "s525", "any"]
    assert list(result.state) == ["on_station"] * 4
