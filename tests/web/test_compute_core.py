"""The compute race's pure functions (dashboard/compute_race.py), as tables of cases; no database."""

import pytest

from constellations.engine import compute_yield
from dashboard import compute_race as race


@pytest.mark.parametrize(("name", "services", "profile"), [
    ("SpaceX Orbital Data Center system", "", "orbital_data_centre"),
    ("Some orbital data centre", "", "orbital_data_centre"),
    ("Acme datacenters in space", "", "orbital_data_centre"),
    ("Project X", "in-orbit compute", "orbital_data_centre"),
    ("Starlink Gen2 - application as amended Aug 2021 (29,988)", "", "broadband"),
    ("CINNAMON-937", "", "broadband"),
    ("Kuiper Gen1", "FSS, MSS", "broadband"),
    ("Computer-free name", "", "broadband"),  # "compute" only as a word
    ("", "", "broadband"),
])
def test_profile_for(name, services, profile):
    assert race.profile_for(name, services) == profile


@pytest.mark.parametrize(("pflops", "shown"), [
    (155_026_841.7, "155 ZFLOP/s"),  # the "155,026,841.7 PFLOP/s"
    (999.96, "1.00 EFLOP/s"),  # rounds up into the next prefix
    (999.4, "999 PFLOP/s"),
    (1.0, "1.00 PFLOP/s"),
    (12.345, "12.3 PFLOP/s"),
    (1234.5, "1.23 EFLOP/s"),
    (92_140.15, "92.1 EFLOP/s"),
    (0.5, "500 TFLOP/s"),
    (0.0, "0 FLOP/s"),
    (None, "—"),
])
def test_si_flops(pflops, shown):
    assert race.si_flops(pflops) == shown


def row(key, in_orbit, satellites=1000, profile="broadband"):
    return race.race_row(key, key.title(), profile, satellites, in_orbit, 0.8)


def test_rank_puts_paper_filings_apart_whatever_their_size():
    rows = [row("starlink", 3000, 4408), row("cinnamon", None, 337_320), row("kuiper", 300, 3236),
            row("guowang", 2, 6080), row("odc", 0, 1_000_000, "orbital_data_centre")]
    deployed, paper = race.rank(rows)
    assert [r.key for r in deployed] == ["starlink", "kuiper", "guowang"]
    assert [r.key for r in paper] == ["odc", "cinnamon"]
    assert all(r.on_paper for r in paper) and not any(r.on_paper for r in deployed)


@pytest.mark.parametrize(("in_orbit", "satellites", "counted"), [(331, 3236, 331), (9400, 4408, 4408), (None, 10, 0), (0, 10, 0)])
def test_deployed_compute_counts_the_filings_own_satellites_in_orbit(in_orbit, satellites, counted):
    r = race.race_row("x", "X", "broadband", satellites, in_orbit, 0.7)
    expected = compute_yield(counted, 0.7, "broadband").sustained_pflops if counted else 0.0
    assert r.deployed_pflops == pytest.approx(expected)
    assert r.potential_pflops == pytest.approx(compute_yield(satellites, 0.7, "broadband").sustained_pflops)


@pytest.mark.parametrize("profile", ["broadband", "orbital_data_centre"])
@pytest.mark.parametrize("sunlit", [0.6, 0.99])
def test_cost_cases_break_even_is_where_orbit_costs_what_the_ground_costs(profile, sunlit):
    cases = race.cost_cases(profile, sunlit)
    assert [c.launch_usd_per_kg for c in cases] == [2720.0, 200.0]  # Falcon 9 today, Suncatcher's mid-2030s
    assert all(c.launch_source for c in cases) and "Suncatcher" in cases[1].launch_source
    # Cheaper launch, cheaper orbit; the ground does not move.
    assert cases[1].orbit_usd_per_pflop_year < cases[0].orbit_usd_per_pflop_year
    assert cases[0].ground_usd_per_pflop_year == cases[1].ground_usd_per_pflop_year
    break_even = cases[0].break_even_usd_per_kg
    assert cases[1].break_even_usd_per_kg == pytest.approx(break_even)
    if break_even > 0:
        at_break_even = race.cost_cases(profile, sunlit, prices=[race.cost.Param(break_even, "USD/kg", "test")])[0]
        assert at_break_even.ratio == pytest.approx(1.0)
    else:  # orbit loses even with free launch: at $0/kg it still costs more than the ground
        free = race.cost_cases(profile, sunlit, prices=[race.cost.Param(0.0, "USD/kg", "test")])[0]
        assert free.ratio > 1


def test_cost_assumptions_each_name_a_source():
    for profile in ("broadband", "orbital_data_centre"):
        rows = race.cost_assumptions(profile)
        assert {"Satellite mass", "Ground electricity", "Ground PUE"} <= {r["label"] for r in rows}
        assert all(r["source"] for r in rows)
        assert any("2511.19468" in r["source"] for r in rows)
