"""Cost per delivered PFLOP-year in orbit against a terrestrial data centre, and the break-even launch price."""

from dataclasses import dataclass

from . import constants as c
from .compute import Param, Profile, get_profile
from .errors import EngineInputError
from .geometry import _check_range

# Launch prices, USD/kg (engine.md B.6).
FALCON_9_USD_PER_KG = Param(2720.0, "USD/kg", "Falcon 9: $62M for 22,800 kg to LEO (Jones, NASA Ames ICES-2018-81)")
SUNCATCHER_2035_USD_PER_KG = Param(200.0, "USD/kg", "Suncatcher, arXiv 2511.19468: <~$200/kg by the mid-2030s")


@dataclass(frozen=True)
class Terrestrial:
    """A ground data centre running the same accelerators."""

    power_usd_per_kwh: Param = Param(0.08, "USD/kWh", "assumption (engine.md has no power price)")
    pue: Param = Param(1.2, "1", "assumption (engine.md has no PUE figure)")
    hardware_lifetime_years: Param = Param(5.0, "years", "assumption: same as the orbital lifetime")


@dataclass(frozen=True)
class CostComparison:
    launch_usd_per_kg: float
    orbit_usd_per_pflop_year: float
    terrestrial_usd_per_pflop_year: float
    break_even_launch_usd_per_kg: float  # negative: orbit loses even with free launch
    orbit_cheaper: bool
    parameters: dict


def _orbit_satellite_cost(profile: Profile, launch_usd_per_kg: float) -> float:
    mass = profile.satellite_mass_kg.value
    peak_compute_w = profile.sunlit_power_w.value * profile.share_to_compute.value
    # The accelerators are sized for the power available in sunlight, not for the average.
    hardware = peak_compute_w * profile.compute_hardware_usd_per_w.value
    return mass * (launch_usd_per_kg + profile.bus_usd_per_kg.value) + hardware


def _pflop_years_per_satellite(profile: Profile, sunlit_fraction: float) -> float:
    avg_w = profile.sunlit_power_w.value * sunlit_fraction * profile.share_to_compute.value
    return avg_w * profile.flops_per_watt.value * profile.derating.value / 1e15 * profile.lifetime_years.value


def terrestrial_usd_per_pflop_year(profile: Profile, ground: Terrestrial) -> float:
    """Hardware amortised over its life plus energy at the PUE, per PFLOP/s sustained for a year."""
    watts = 1e15 / profile.flops_per_watt.value
    hardware = watts * profile.compute_hardware_usd_per_w.value / ground.hardware_lifetime_years.value
    energy = watts / 1000.0 * ground.pue.value * c.HOURS_PER_YEAR * ground.power_usd_per_kwh.value
    return hardware + energy


def compare_costs(
    sunlit_fraction: float,
    profile: Profile | str = "orbital_data_centre",
    launch_usd_per_kg: float = FALCON_9_USD_PER_KG.value,
    ground: Terrestrial = Terrestrial(),
) -> CostComparison:
    profile = get_profile(profile) if isinstance(profile, str) else profile
    if profile.satellite_mass_kg is None:
        raise EngineInputError("profile", f"{profile.name} has no satellite mass; launch cost is unknown")
    sunlit = _check_range("sunlit_fraction", sunlit_fraction, 1e-6, 1.0)
    price = _check_range("launch_usd_per_kg", launch_usd_per_kg, 0.0, 1e6)
    delivered = _pflop_years_per_satellite(profile, sunlit)
    orbit = _orbit_satellite_cost(profile, price) / delivered
    ground_cost = terrestrial_usd_per_pflop_year(profile, ground)
    # Orbit cost is linear in the launch price: solve mass * p + fixed = ground_cost * delivered.
    fixed = _orbit_satellite_cost(profile, 0.0)
    break_even = (ground_cost * delivered - fixed) / profile.satellite_mass_kg.value
    return CostComparison(
        launch_usd_per_kg=price,
        orbit_usd_per_pflop_year=orbit,
        terrestrial_usd_per_pflop_year=ground_cost,
        break_even_launch_usd_per_kg=break_even,
        orbit_cheaper=orbit < ground_cost,
        parameters={
            "profile": profile,
            "terrestrial": ground,
            "launch_reference": [FALCON_9_USD_PER_KG, SUNCATCHER_2035_USD_PER_KG],
        },
    )
