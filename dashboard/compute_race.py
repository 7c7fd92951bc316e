"""The compute race, as pure functions (no Django): which engine profile fits a filing, compute in SI units,
the ranking on what is deployed, and the space-versus-ground cost comparison with its break-even launch price.

The profiles and their sourced parameters are data in constellations/engine/compute.py; the launch prices and the
ground data centre in constellations/engine/cost.py. This module only chooses and arranges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from constellations.engine import compute_yield, cost
from constellations.engine.compute import PROFILES

BROADBAND = "broadband"
ORBITAL_DATA_CENTRE = "orbital_data_centre"

# A filing is an orbital data centre when its own name or its services say so ("SpaceX Orbital Data Center
# system", FCC SAT-LOA-20260108-00016). Notes are not read: they mention other systems in passing.
_DATA_CENTRE = re.compile(r"\bdata[\s-]?cent(?:er|re)s?\b|\bcompute\b", re.IGNORECASE)


def profile_for(name: str, services: str = "") -> str:
    """The engine profile that fits a filing: the orbital-data-centre profile only for a filing that calls itself
    one, the broadband profile (a Starlink-V2-mini-class bus) for every other system."""
    text = f"{name or ''} {services or ''}"
    return ORBITAL_DATA_CENTRE if _DATA_CENTRE.search(text) else BROADBAND


# SI prefixes for FLOP/s (BIPM, The International System of Units, 9th ed. 2019, table 7), from tera up.
_PREFIXES = (("T", 1e12), ("P", 1e15), ("E", 1e18), ("Z", 1e21), ("Y", 1e24), ("R", 1e27), ("Q", 1e30))


def si_flops(pflops: float | None, digits: int = 3) -> str:
    """PFLOP/s as a reader wants them: 155,026,841.7 PFLOP/s is "155 ZFLOP/s", 0.5 PFLOP/s "500 TFLOP/s";
    ``digits`` significant figures, a dash for no value."""
    if pflops is None:
        return "—"
    flops = float(pflops) * 1e15
    if flops <= 0:
        return "0 FLOP/s"
    index = max((i for i, (_, size) in enumerate(_PREFIXES) if flops >= size), default=0)

    def shown(i):
        value = flops / _PREFIXES[i][1]
        return value, max(0, digits - len(str(int(value))))

    value, decimals = shown(index)
    if round(value, decimals) >= 1000 and index < len(_PREFIXES) - 1:  # 999.96 PFLOP/s reads 1.00 EFLOP/s
        index += 1
        value, decimals = shown(index)
    return f"{value:,.{decimals}f} {_PREFIXES[index][0]}FLOP/s"


@dataclass
class RaceRow:
    """One filing in the race: its potential (every filed satellite) and what is deployed, under its profile."""

    key: str
    name: str
    profile: str
    satellites: int
    in_orbit: int | None
    sunlit: float
    potential_pflops: float
    deployed_pflops: float
    extra: dict

    @property
    def on_paper(self) -> bool:
        """Nothing of it in orbit (or no count at all): a filing, not a system."""
        return not self.in_orbit


def race_row(key: str, name: str, profile: str, satellites: int, in_orbit: int | None, sunlit: float,
             **extra) -> RaceRow:
    """The yields of one filing under ``profile`` (capped at a sunlit fraction of 1 as the score caps it); the
    deployed satellites never count for more than the filing's own."""
    sunlit = min(1.0, sunlit)
    potential = compute_yield(satellites, sunlit, profile).sustained_pflops if satellites else 0.0
    deployed_count = min(in_orbit or 0, satellites)
    deployed = compute_yield(deployed_count, sunlit, profile).sustained_pflops if deployed_count else 0.0
    return RaceRow(key, name, profile, satellites, in_orbit, sunlit, potential, deployed, extra)


def rank(rows) -> tuple[list[RaceRow], list[RaceRow]]:
    """(deployed, on paper): systems with satellites in orbit ranked by the compute deployed, then filings on
    paper by their potential, each group largest first; a paper filing is never ranked among deployed ones."""
    deployed = sorted((r for r in rows if not r.on_paper), key=lambda r: (-r.deployed_pflops, -r.potential_pflops, r.name))
    paper = sorted((r for r in rows if r.on_paper), key=lambda r: (-r.potential_pflops, r.name))
    return deployed, paper


# -- space against ground ---------------------------------------------------------------------------------


LAUNCH_PRICES = (cost.FALCON_9_USD_PER_KG, cost.SUNCATCHER_2035_USD_PER_KG)


@dataclass(frozen=True)
class CostCase:
    profile: str
    sunlit: float
    launch_usd_per_kg: float
    launch_source: str
    orbit_usd_per_pflop_year: float
    ground_usd_per_pflop_year: float
    break_even_usd_per_kg: float

    @property
    def orbit_cheaper(self) -> bool:
        return self.orbit_usd_per_pflop_year < self.ground_usd_per_pflop_year

    @property
    def ratio(self) -> float:
        """Orbit's cost over the ground's: above 1, orbit costs more."""
        return self.orbit_usd_per_pflop_year / self.ground_usd_per_pflop_year


def cost_cases(profile: str, sunlit: float, prices=LAUNCH_PRICES) -> list[CostCase]:
    """Cost per delivered PFLOP-year in orbit and on the ground at each launch price, with the launch price at
    which orbit breaks even (the same for every row: it does not depend on the launch price assumed)."""
    cases = []
    for price in prices:
        result = cost.compare_costs(sunlit, profile, price.value)
        cases.append(CostCase(profile, sunlit, price.value, price.source, result.orbit_usd_per_pflop_year,
                              result.terrestrial_usd_per_pflop_year, result.break_even_launch_usd_per_kg))
    return cases


def cost_assumptions(profile: str) -> list[dict]:
    """Every number the cost comparison rests on, with its unit and source."""
    p = PROFILES[profile]
    ground = cost.Terrestrial()
    rows = [
        ("Satellite mass", p.satellite_mass_kg), ("Lifetime in orbit", p.lifetime_years),
        ("Accelerators and hosts", p.compute_hardware_usd_per_w), ("Rest of the satellite (bus)", p.bus_usd_per_kg),
        ("Ground electricity", ground.power_usd_per_kwh), ("Ground PUE", ground.pue),
        ("Ground hardware life", ground.hardware_lifetime_years),
        *((f"Launch price ({'today' if i == 0 else 'mid-2030s'})", price) for i, price in enumerate(LAUNCH_PRICES)),
    ]
    return [{"label": label, "value": param.value, "unit": param.unit, "source": param.source}
            for label, param in rows if param is not None]
