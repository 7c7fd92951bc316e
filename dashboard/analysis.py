"""The engine side of the pages: sunlit fractions, capacity and compute yield from filed shells.

The engine core (constellations.engine) is pure and fast per shell once the Sun table for the window
exists; results are cached per process by shell geometry, so a page costs the engine only once.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from constellations.engine import (
    PROFILES, EngineInputError, ShellClaim, capacity_report, compute_yield, shell_metrics,
)

# Sunlit statistics over one calendar year at 6-hour steps: the yearly mean agrees with hourly steps
# to 1e-4 (the eclipse fraction is an orbit average; beta moves < 2 deg in 6 h) at a sixth of the cost.
STEP_MINUTES = 360.0
# Assumptions used where a filing does not say (each shown on the pages that use them).
DEFAULT_PLANES = 12
DEFAULT_LTAN_HOURS = 10.5
# Evenly spread planes beyond this many change the shell's mean sunlit fraction by < 1e-3 (the planes
# sample the node angle; 60 samples of a smooth function of it), so larger shells are sampled with 60.
MAX_PLANES = 60


@dataclass
class ShellSun:
    label: str
    satellites: int | None
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    eclipse_days: int | None = None
    beta_min: float | None = None
    beta_max: float | None = None
    assumptions: list[str] = field(default_factory=list)
    error: str = ""


def analysis_year(as_of: dt.date) -> int:
    return as_of.year


@functools.lru_cache(maxsize=4096)
def _metrics(altitude, inclination, planes, per_plane, sso, ltan, year):
    return shell_metrics(
        altitude, inclination, planes, per_plane, dt.date(year, 1, 1), dt.date(year + 1, 1, 1), STEP_MINUTES,
        sun_synchronous=sso, ltan_hours=ltan,
    ).sunlit


def shell_inputs(shell) -> tuple[tuple, list[str]]:
    """Engine arguments for a FilingShell, and the assumptions made to fill its gaps."""
    notes = []
    altitude = shell.altitude_km
    if shell.altitude_max_km and shell.altitude_max_km != shell.altitude_km:
        altitude = (shell.altitude_km + shell.altitude_max_km) / 2
        notes.append(f"mid altitude {altitude:g} km of the filed range")
    inclination = shell.inclination_deg
    if inclination is not None and shell.inclination_max_deg is not None:
        inclination = (shell.inclination_deg + shell.inclination_max_deg) / 2
        notes.append(f"mid inclination {inclination:g}° of the filed range")
    ltan = None
    if shell.sun_synchronous:
        inclination = None  # the engine derives the SSO inclination from the altitude
        if shell.ltan:
            ltan = shell.ltan.hour + shell.ltan.minute / 60
        else:
            ltan = DEFAULT_LTAN_HOURS
            notes.append(f"LTAN not filed; {DEFAULT_LTAN_HOURS:g} h assumed")
    planes = shell.planes
    if not planes:
        planes = DEFAULT_PLANES
        notes.append(f"planes not filed; {DEFAULT_PLANES} evenly spread planes assumed")
    if planes > MAX_PLANES:
        notes.append(f"{planes} planes sampled by {MAX_PLANES} evenly spread planes")
        planes = MAX_PLANES
    per_plane = shell.satellites_per_plane or 1
    return (float(altitude), None if inclination is None else float(inclination), int(planes), int(per_plane),
            bool(shell.sun_synchronous), ltan), notes


def shell_sun(shell, year: int) -> ShellSun:
    label = f"{shell.altitude_label}, {shell.inclination_label}"
    args, notes = shell_inputs(shell)
    result = ShellSun(label, shell.satellites, assumptions=notes)
    try:
        stats = _metrics(*args, year)
    except EngineInputError as error:
        result.error = str(error)
        return result
    result.mean, result.minimum, result.maximum = stats.mean, stats.minimum, stats.maximum
    result.eclipse_days, result.beta_min, result.beta_max = stats.eclipse_days, stats.beta_min_deg, stats.beta_max_deg
    return result


def filing_sunlit(shell_suns: list[ShellSun]) -> float | None:
    """Satellite-weighted mean sunlit fraction of the shells the engine could compute."""
    done = [s for s in shell_suns if s.mean is not None]
    if not done:
        return None
    weights = [s.satellites or 1 for s in done]
    return sum(w * s.mean for w, s in zip(weights, done)) / sum(weights)


def claims_for(shells) -> list[ShellClaim]:
    """Capacity claims of shells with a known satellite count (filing id and ISO code as labels)."""
    claims = []
    for shell in shells:
        if not shell.satellites:
            continue
        low = shell.altitude_km
        high = shell.altitude_max_km if shell.altitude_max_km else low
        inclination = shell.inclination_deg
        if inclination is not None and shell.inclination_max_deg is not None:
            inclination = (shell.inclination_deg + shell.inclination_max_deg) / 2
        claims.append(ShellClaim(
            str(shell.filing_id), shell.filing.administration.iso_code, float(low), float(high),
            None if shell.sun_synchronous else inclination, bool(shell.sun_synchronous), int(shell.satellites),
        ))
    return claims


def capacity(shells):
    claims = claims_for(shells)
    if not claims:
        return None
    try:
        return capacity_report(claims, list_pairs=False)
    except EngineInputError:
        return None


def profile_rows():
    """Every compute profile's parameters with units and sources, for the assumptions table."""
    names = [
        ("sunlit_power_w", "Array power in sunlight"), ("share_to_compute", "Share to the accelerators"),
        ("flops_per_watt", "Accelerator efficiency"), ("derating", "Derating"),
        ("satellite_mass_kg", "Satellite mass"), ("lifetime_years", "Lifetime"),
    ]
    rows = []
    for profile in PROFILES.values():
        params = []
        for attr, label in names:
            param = getattr(profile, attr)
            if param is not None:
                params.append({"label": label, "value": param.value, "unit": param.unit, "source": param.source})
        rows.append({"name": profile.name, "label": profile.name.replace("_", " "), "params": params})
    return rows


def yields(satellites: int, sunlit: float) -> dict:
    return {name: compute_yield(satellites, sunlit, name) for name in PROFILES}
