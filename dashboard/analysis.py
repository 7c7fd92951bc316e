"""The engine side of the pages: sunlight, capacity and compute yield of the one plan the score is built on.

``compliance.scoring.plan_for`` turns a filing's rows into its plan (``compliance.scoring_core`` makes every
assumption where the registry is silent). A page shows the figures of the filing's FilingScore when they
were computed from that very plan; otherwise it computes the plan's sunlight with the same pure function
over a calendar year, the engine's statistics cached per process by shell geometry, so a page costs the
engine only once.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from compliance import scoring_core as core
from compliance.scoring import plan_for
from constellations import engine
from constellations.engine import PROFILES, compute_yield

# Sunlit statistics over one calendar year at 6-hour steps: the yearly mean agrees with hourly steps
# to 1e-4 (the eclipse fraction is an orbit average; beta moves < 2 deg in 6 h) at a sixth of the cost.
STEP_MINUTES = 360.0


@dataclass(frozen=True)
class FilingSunlight:
    """A filing's plan and the sunlit figures of each planned shell (``scoring_core.sunlight`` rows)."""

    plan: core.FilingPlan
    mean: float | None = None  # satellite-weighted over the planned shells; None when there is no plan
    shells: tuple[dict, ...] = ()
    period: str = ""  # the window the figures cover
    from_score: bool = False  # read from the filing's FilingScore rather than computed for the page

    @property
    def satellites(self) -> int:
        return self.plan.satellites

    @property
    def assumed_shells(self) -> list[dict]:
        """Planned shells the registry does not hold (a filing without shells gets one assumed shell)."""
        return [row for row in self.shells if row["assumed"]]


@dataclass
class ShellSun:
    """One filed shell's row of the filing page: its planned figures, or why it has none."""

    label: str
    mean: float | None = None
    minimum: float | None = None
    maximum: float | None = None
    eclipse_days: int | None = None
    error: str = ""


def analysis_year(as_of: dt.date) -> int:
    return as_of.year


def _year_window(year: int) -> engine.Window:
    return engine.make_window(dt.date(year, 1, 1), dt.date(year + 1, 1, 1), STEP_MINUTES)


@functools.lru_cache(maxsize=4096)
def _statistics(shell: engine.Shell, window: engine.Window) -> engine.SunlitStats:
    return engine.sunlit_statistics(shell, engine.sun_directions(window), window.start_jd_utc)


def _period(start: dt.datetime, end: dt.datetime) -> str:
    calendar_year = (start.month, start.day, start.time(), end.month, end.day, end.time()) == (
        1, 1, dt.time(0), 1, 1, dt.time(0)) and end.year == start.year + 1
    return str(start.year) if calendar_year else f"{start:%-d %b %Y} to {end:%-d %b %Y}"


def filing_sunlight(filing, year: int, score=None) -> FilingSunlight:
    """The filing's sunlight: its FilingScore's figures when they rest on the filing's current plan, else
    the plan's sunlight computed over ``year``. ``filing`` needs its administration and shells loaded."""
    plan = plan_for(filing)
    if not plan.scorable:
        return FilingSunlight(plan, period=str(year))
    if score is not None and score.is_scored and core.built_on(plan, score.sunlit_by_shell):
        return FilingSunlight(plan, score.sunlit_mean, tuple(score.sunlit_by_shell),
                              _period(score.window_start, score.window_end), from_score=True)
    window = _year_window(year)
    mean, rows = core.sunlight(plan, lambda shell: _statistics(shell, window))
    return FilingSunlight(plan, mean, tuple(rows), str(year))


def shell_suns(sunlight: FilingSunlight, shells) -> list[ShellSun]:
    """A ShellSun for each filed shell (FilingShell rows), matched to the plan by ordinal."""
    planned = {row["ordinal"]: row for row in sunlight.shells}
    suns = []
    for shell in shells:
        label = f"{shell.altitude_label}, {shell.inclination_label}"
        row = planned.get(shell.ordinal)
        if row is None:
            why = sunlight.plan.reason or "left out of the plan (no satellite count; see the assumptions)"
            suns.append(ShellSun(label, error=why))
            continue
        suns.append(ShellSun(label, row["sunlit_mean"], row["sunlit_min"], row["sunlit_max"], row["eclipse_days"]))
    return suns


def capacity(plans) -> engine.CapacityReport | None:
    """The capacity report over the plans' claims, as the scores see it (who contends where; no pair list)."""
    return core.capacity_for(plans, list_pairs=False)


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
    """Compute yield under every profile, capped at a sunlit fraction of 1 as the score caps it."""
    return {name: compute_yield(satellites, min(1.0, sunlit), name) for name in PROFILES}
