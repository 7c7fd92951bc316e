"""Compute yield of a filing's satellites under a named profile, and cost per delivered PFLOP-year.

Chain (engine.md B.0): array power in sunlight x sunlit fraction = average power (batteries assumed
lossless, so eclipse time only shifts when the energy is used); x share to the accelerators =
compute power; x FLOP/s per watt x derating = sustained FLOP/s.
"""

from dataclasses import dataclass, replace
from typing import Optional

from . import constants as c
from .errors import EngineInputError
from .geometry import _check_count, _check_range


@dataclass(frozen=True)
class Param:
    """A number, its unit and where it comes from ('assumption' when engine.md gives no source)."""

    value: float
    unit: str
    source: str


@dataclass(frozen=True)
class Profile:
    name: str
    sunlit_power_w: Param  # array output in sunlight, per satellite
    share_to_compute: Param
    flops_per_watt: Param
    derating: Param  # radiation upsets, availability
    satellite_mass_kg: Optional[Param]
    lifetime_years: Param
    compute_hardware_usd_per_w: Param  # accelerators + hosts, per watt of compute power
    bus_usd_per_kg: Param  # the rest of the satellite

    def with_values(self, **values) -> "Profile":
        """Copy with some parameters replaced by plain numbers (source becomes 'caller override')."""
        changes = {k: Param(float(v), getattr(self, k).unit, "caller override") for k, v in values.items()}
        return replace(self, **changes)


def _array_power(area_m2: float, efficiency: float) -> float:
    return c.SOLAR_CONSTANT_W_M2 * area_m2 * efficiency


_LIFETIME = Param(5.0, "years", "Suncatcher blog: 'five year mission' dose (engine.md B.5); 5-yr life in Amazon's "
                  "petition on SpaceX's ODC filing (engine.md B.7, AI summary)")
_HARDWARE = Param(40.0, "USD/W", "assumption (engine.md has no accelerator price)")
_BUS = Param(1000.0, "USD/kg", "assumption (engine.md has no bus cost)")
_DERATING = Param(0.9, "1", "assumption: engine.md B.5 finds no sourced SEE/derating factor")

# A Starlink-V2-mini-class bus, the reference Suncatcher reportedly used: 800 kg, two 52.5 m^2 arrays
# (t3n.de citing FCC filings, engine.md B.1); 20 % cell efficiency reproduces the blog's ~28 kW
# (engine.md B.1 check; Suncatcher's value not confirmed).
BROADBAND = Profile(
    name="broadband",
    sunlit_power_w=Param(_array_power(105.0, 0.20), "W", "1361 W/m^2 x 105 m^2 x 0.20 (engine.md B.1)"),
    share_to_compute=Param(0.7, "1", "assumption: the rest runs the bus, links and thermal control"),
    flops_per_watt=Param(1.41e12, "FLOP/s/W", "NVIDIA H100 SXM5 BF16 dense 989.4 TFLOPS / 700 W (engine.md B.4)"),
    derating=_DERATING,
    satellite_mass_kg=Param(800.0, "kg", "Starlink V2 mini, t3n.de citing FCC filings (engine.md B.1)"),
    lifetime_years=_LIFETIME,
    compute_hardware_usd_per_w=_HARDWARE,
    bus_usd_per_kg=_BUS,
)

# SpaceX's filing metric: "100 kW of compute power per tonne" (notebookcheck quoting the FCC filing,
# engine.md B.4/B.7). It is already compute power, so the whole output goes to compute.
ORBITAL_DATA_CENTRE = Profile(
    name="orbital_data_centre",
    sunlit_power_w=Param(100_000.0, "W", "100 kW of compute power per tonne x 1 t (engine.md B.7)"),
    share_to_compute=Param(1.0, "1", "the filing metric is compute power (engine.md B.4)"),
    flops_per_watt=Param(2.25e12, "FLOP/s/W", "NVIDIA B200 HGX BF16 dense 2,250 TFLOPS / 1,000 W (engine.md B.4)"),
    derating=_DERATING,
    satellite_mass_kg=Param(1000.0, "kg", "assumption: 1 t, the unit of SpaceX's per-tonne metric"),
    lifetime_years=_LIFETIME,
    compute_hardware_usd_per_w=_HARDWARE,
    bus_usd_per_kg=_BUS,
)

PROFILES = {p.name: p for p in (BROADBAND, ORBITAL_DATA_CENTRE)}


def get_profile(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise EngineInputError("profile", f"unknown profile {name!r}; known: {sorted(PROFILES)}") from None


@dataclass(frozen=True)
class ComputeYield:
    profile: str
    satellites: int
    sunlit_fraction: float
    average_compute_power_w: float  # per satellite
    sustained_pflops: float  # whole filing
    energy_mwh_per_year: float  # energy reaching the accelerators, whole filing
    launched_tonnes: Optional[float]
    pflops_per_tonne: Optional[float]
    mwh_per_year_per_tonne: Optional[float]


def compute_yield(satellites: int, sunlit_fraction: float, profile: Profile | str = "broadband") -> ComputeYield:
    """Sustained PFLOP/s and energy per year for ``satellites`` at a given mean sunlit fraction."""
    profile = get_profile(profile) if isinstance(profile, str) else profile
    n = _check_count("satellites", satellites)
    sunlit = _check_range("sunlit_fraction", sunlit_fraction, 0.0, 1.0)
    power = profile.sunlit_power_w.value * sunlit * profile.share_to_compute.value
    pflops = n * power * profile.flops_per_watt.value * profile.derating.value / 1e15
    mwh = n * power * c.HOURS_PER_YEAR / 1e6
    tonnes = None if profile.satellite_mass_kg is None else n * profile.satellite_mass_kg.value / 1000.0
    return ComputeYield(
        profile=profile.name, satellites=n, sunlit_fraction=sunlit, average_compute_power_w=power,
        sustained_pflops=pflops, energy_mwh_per_year=mwh, launched_tonnes=tonnes,
        pflops_per_tonne=None if tonnes is None else pflops / tonnes,
        mwh_per_year_per_tonne=None if tonnes is None else mwh / tonnes,
    )
