"""The engine's single entry for one shell: geometry plus sunlit statistics over a window."""

from dataclasses import asdict, dataclass

from .geometry import make_shell, raan_rate_rad_s
from .sun import make_window, sun_directions
from .sunlight import SunlitStats, sunlit_statistics

# Default time step, minutes. Beta changes by at most ~0.3 deg/hour (node drift plus the Sun's
# motion), so hourly samples resolve the eclipse season to the hour and keep a year at 8,760 steps.
DEFAULT_STEP_MINUTES = 60.0


@dataclass(frozen=True)
class ShellMetrics:
    altitude_km: float
    inclination_deg: float
    planes: int
    per_plane: int
    satellites: int
    sun_synchronous: bool
    ltan_hours: float | None
    raan_drift_deg_per_day: float
    start: str
    end: str
    step_minutes: float
    steps: int
    sunlit: SunlitStats

    def to_dict(self) -> dict:
        return asdict(self)


def shell_metrics(
    altitude_km,
    inclination_deg=None,
    planes=1,
    per_plane=1,
    start=None,
    end=None,
    step_minutes=DEFAULT_STEP_MINUTES,
    sun_synchronous=False,
    ltan_hours=None,
    *,
    ltan_spread_hours=24.0,
    raan0_deg=0.0,
) -> ShellMetrics:
    """Sunlit statistics of one shell over [start, end); raises EngineInputError on bad input."""
    shell = make_shell(
        altitude_km, inclination_deg, planes, per_plane,
        sun_synchronous=sun_synchronous, ltan_hours=ltan_hours,
        ltan_spread_hours=ltan_spread_hours, raan0_deg=raan0_deg,
    )
    window = make_window(start, end, step_minutes)
    stats = sunlit_statistics(shell, sun_directions(window), window.start_jd_utc)
    return ShellMetrics(
        altitude_km=shell.altitude_km,
        inclination_deg=shell.inclination_deg,
        planes=shell.planes,
        per_plane=shell.per_plane,
        satellites=shell.satellites,
        sun_synchronous=shell.sun_synchronous,
        ltan_hours=shell.ltan_hours,
        raan_drift_deg_per_day=raan_rate_rad_s(shell.altitude_km, shell.inclination_deg) * 86400 * 57.29577951308232,
        start=window.start.isoformat(),
        end=window.end.isoformat(),
        step_minutes=window.step_minutes,
        steps=window.n_steps,
        sunlit=stats,
    )
