import pytest

from constellations.engine import (
    BROADBAND, FALCON_9_USD_PER_KG, ORBITAL_DATA_CENTRE, PROFILES, SUNCATCHER_2035_USD_PER_KG, Terrestrial,
    compare_costs, compute_yield,
)


def test_every_profile_parameter_names_a_source():
    for profile in PROFILES.values():
        for name in ("sunlit_power_w", "share_to_compute", "flops_per_watt", "derating", "satellite_mass_kg",
                     "lifetime_years", "compute_hardware_usd_per_w", "bus_usd_per_kg"):
            assert getattr(profile, name).source, (profile.name, name)


def test_broadband_array_power_matches_engine_md_check():
    # 105 m^2 x 1361 W/m^2 x 20 % = 28.6 kW (engine.md B.1).
    assert BROADBAND.sunlit_power_w.value == pytest.approx(28_581, rel=1e-3)


def test_yield_formula():
    y = compute_yield(1000, 0.96, "orbital_data_centre")
    power = 100_000 * 0.96 * 1.0
    assert y.average_compute_power_w == pytest.approx(power)
    assert y.sustained_pflops == pytest.approx(1000 * power * 2.25e12 * 0.9 / 1e15)
    assert y.energy_mwh_per_year == pytest.approx(1000 * power * 8766 / 1e6)
    assert y.launched_tonnes == pytest.approx(1000)
    assert y.pflops_per_tonne == pytest.approx(y.sustained_pflops / 1000)


def test_yield_scales_with_sunlight_and_overrides():
    dark, bright = compute_yield(10, 0.6), compute_yield(10, 0.9)
    assert bright.sustained_pflops / dark.sustained_pflops == pytest.approx(1.5)
    no_mass = ORBITAL_DATA_CENTRE.__class__(**{**ORBITAL_DATA_CENTRE.__dict__, "satellite_mass_kg": None})
    assert compute_yield(10, 0.9, no_mass).pflops_per_tonne is None
    assert compute_yield(10, 0.9, BROADBAND.with_values(derating=0.5)).sustained_pflops == pytest.approx(
        bright.sustained_pflops * 0.5 / 0.9)


def test_cost_formulas_and_break_even():
    p = ORBITAL_DATA_CENTRE.with_values(compute_hardware_usd_per_w=10.0, bus_usd_per_kg=500.0, derating=1.0)
    ground = Terrestrial()
    result = compare_costs(0.96, p, launch_usd_per_kg=FALCON_9_USD_PER_KG.value, ground=ground)
    delivered = 100_000 * 0.96 * 2.25e12 / 1e15 * 5.0  # PFLOP-years per satellite
    orbit_cost = 1000 * (2720 + 500) + 100_000 * 10.0
    assert result.orbit_usd_per_pflop_year == pytest.approx(orbit_cost / delivered)
    watts = 1e15 / 2.25e12
    assert result.terrestrial_usd_per_pflop_year == pytest.approx(watts * 10.0 / 5 + watts / 1000 * 1.2 * 8766 * 0.08)
    at_break_even = compare_costs(0.96, p, launch_usd_per_kg=max(0.0, result.break_even_launch_usd_per_kg), ground=ground)
    if result.break_even_launch_usd_per_kg >= 0:
        assert at_break_even.orbit_usd_per_pflop_year == pytest.approx(at_break_even.terrestrial_usd_per_pflop_year)


def test_cheaper_launch_is_cheaper_in_orbit():
    f9 = compare_costs(0.96, launch_usd_per_kg=FALCON_9_USD_PER_KG.value)
    sc = compare_costs(0.96, launch_usd_per_kg=SUNCATCHER_2035_USD_PER_KG.value)
    assert sc.orbit_usd_per_pflop_year < f9.orbit_usd_per_pflop_year
    assert sc.break_even_launch_usd_per_kg == pytest.approx(f9.break_even_launch_usd_per_kg)
