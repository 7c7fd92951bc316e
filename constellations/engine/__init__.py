"""Orbital capacity and compute-yield engine: pure numpy + skyfield, no Django.

See ../shared/reference/engine.md for the models and the sources of every figure.
"""

from .capacity import (
    PUBLISHED_HEADLINES, BandCapacity, CapacityReport, Contention, ShellClaim, band_capacity,
    capacity_report, satellites_per_shell,
)
from .compute import BROADBAND, ORBITAL_DATA_CENTRE, PROFILES, ComputeYield, Param, Profile, compute_yield, get_profile
from .cost import FALCON_9_USD_PER_KG, SUNCATCHER_2035_USD_PER_KG, CostComparison, Terrestrial, compare_costs
from .errors import EngineInputError
from .geometry import Shell, make_shell, raan_rate_rad_s, sso_inclination_deg
from .metrics import ShellMetrics, shell_metrics
from .score import DEFAULT_WEIGHTS, FilingScore, ScoreComponent, score_filing
from .sun import SunTable, Window, make_window, sun_directions
from .sunlight import SunlitStats, beta_angle_deg, beta_star_deg, eclipse_fraction, sunlit_statistics

__all__ = [
    "BROADBAND", "DEFAULT_WEIGHTS", "FALCON_9_USD_PER_KG", "ORBITAL_DATA_CENTRE", "PROFILES",
    "PUBLISHED_HEADLINES", "SUNCATCHER_2035_USD_PER_KG", "BandCapacity", "CapacityReport",
    "ComputeYield", "Contention", "CostComparison", "EngineInputError", "FilingScore", "Param",
    "Profile", "ScoreComponent", "Shell", "ShellClaim", "ShellMetrics", "SunTable", "SunlitStats",
    "Terrestrial", "Window", "band_capacity", "beta_angle_deg", "beta_star_deg", "capacity_report",
    "compare_costs", "compute_yield", "eclipse_fraction", "get_profile", "make_shell", "make_window",
    "raan_rate_rad_s", "satellites_per_shell", "score_filing", "shell_metrics", "sso_inclination_deg",
    "sun_directions", "sunlit_statistics",
]
