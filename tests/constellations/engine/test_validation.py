from datetime import date, datetime

import pytest

from constellations.engine import EngineInputError, ShellClaim, capacity_report, compute_yield, shell_metrics

START, END = date(2025, 1, 1), date(2025, 2, 1)
OK = dict(altitude_km=550, inclination_deg=53, planes=2, per_plane=2, start=START, end=END)


@pytest.mark.parametrize(
    "changes, parameter",
    [
        (dict(altitude_km=149.9), "altitude_km"),
        (dict(altitude_km=50_000.1), "altitude_km"),
        (dict(altitude_km="550"), "altitude_km"),
        (dict(inclination_deg=-0.1), "inclination_deg"),
        (dict(inclination_deg=180.1), "inclination_deg"),
        (dict(inclination_deg=None), "inclination_deg"),
        (dict(planes=0), "planes"),
        (dict(per_plane=0), "per_plane"),
        (dict(planes=2.5), "planes"),
        (dict(end=date(2024, 12, 31)), "end"),
        (dict(end=START), "end"),
        (dict(end=datetime(2035, 1, 1, 0, 0, 1)), "end"),  # 10 years and a second
        (dict(start="2025-01-01"), "start"),
        (dict(step_minutes=0), "step_minutes"),
        (dict(step_minutes=-5), "step_minutes"),
        (dict(end=date(2034, 12, 31), step_minutes=1), "step_minutes"),  # 5.3 M steps, over budget
        (dict(inclination_deg=None, sun_synchronous=True), "ltan_hours"),
        (dict(inclination_deg=53, sun_synchronous=True, ltan_hours=6), "inclination_deg"),
        (dict(inclination_deg=None, sun_synchronous=True, ltan_hours=25), "ltan_hours"),
        (dict(altitude_km=8000, inclination_deg=None, sun_synchronous=True, ltan_hours=6), "altitude_km"),
    ],
)
def test_bad_inputs_name_their_parameter(changes, parameter):
    with pytest.raises(EngineInputError) as err:
        shell_metrics(**{**OK, **changes})
    assert err.value.parameter == parameter
    assert parameter in str(err.value)


def test_limits_themselves_are_accepted():
    shell_metrics(**{**OK, "altitude_km": 150, "inclination_deg": 0})
    shell_metrics(**{**OK, "altitude_km": 50_000, "inclination_deg": 180})
    shell_metrics(**{**OK, "end": date(2035, 1, 1), "step_minutes": 60})  # exactly 10 years
    m = shell_metrics(**{**OK, "inclination_deg": 97.6, "altitude_km": 560, "sun_synchronous": True, "ltan_hours": 10})
    assert m.inclination_deg == pytest.approx(97.6, abs=0.1)


@pytest.mark.parametrize(
    "claim, parameter",
    [
        (ShellClaim("f", "USA", 600, 500, 53, False, 10), "altitude_max_km"),
        (ShellClaim("f", "USA", 100, 500, 53, False, 10), "altitude_min_km"),
        (ShellClaim("f", "USA", 500, 500, 190, False, 10), "inclination_deg"),
        (ShellClaim("f", "USA", 500, 500, 53, False, 0), "satellites"),
    ],
)
def test_bad_claims(claim, parameter):
    with pytest.raises(EngineInputError) as err:
        capacity_report([claim])
    assert err.value.parameter == parameter


def test_other_entry_points_validate():
    with pytest.raises(EngineInputError) as err:
        compute_yield(10, 1.2)
    assert err.value.parameter == "sunlit_fraction"
    with pytest.raises(EngineInputError) as err:
        compute_yield(10, 0.5, "mining")
    assert err.value.parameter == "profile"
    with pytest.raises(EngineInputError) as err:
        capacity_report([ShellClaim("f", "USA", 500, 500, 53, False, 1)], band_width_km=12)
    assert err.value.parameter == "band_width_km"
