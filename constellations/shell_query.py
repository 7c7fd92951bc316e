"""One shell's metrics from text parameters: shared by ``manage.py shell_metrics`` and ``/api/v1/engine/shell/``.

Parameter names are the API's query parameters (the command's options are the same names with dashes).
Every failure -- unparsable text or a value the engine refuses -- is an ``EngineInputError`` whose
``parameter`` is the caller-facing name (``ltan``, not the engine's ``ltan_hours``).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Mapping, Optional

from constellations import engine
from constellations.engine.metrics import DEFAULT_STEP_MINUTES
from constellations.engine.sun import EPHEMERIS_END, EPHEMERIS_START

PARAMETERS = ("altitude_km", "inclination_deg", "planes", "per_plane", "start", "end", "step_minutes",
              "sun_synchronous", "ltan", "ltan_spread_hours")

# The most satellites one query may describe: about three times the largest filing on record, CINNAMON-937's
# 337,320 by shell arithmetic (shared/reference/filings.md, row 55). Beyond it the figures mean nothing and the
# yield arithmetic leaves the range of a float (per_plane=10**309).
MAX_SATELLITES = 1_000_000

# Engine argument -> public parameter name.
_PUBLIC_NAME = {"ltan_hours": "ltan"}

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def _text(params: Mapping, name: str) -> Optional[str]:
    value = params.get(name)
    if value is None:
        return None
    value = str(value).strip()
    return value if value != "" else None


def _float(params, name, default=None) -> Optional[float]:
    text = _text(params, name)
    if text is None:
        return default
    try:
        value = float(text)
    except ValueError:
        raise engine.EngineInputError(name, f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise engine.EngineInputError(name, f"{text!r} is not a finite number")
    return value


def _int(params, name, default=None) -> Optional[int]:
    text = _text(params, name)
    if text is None:
        return default
    if len(text) > 12:  # longer than any count the bounds below allow; int() of 10**309 digits costs time too
        raise engine.EngineInputError(name, f"{text[:20]!r}... is not a count this engine takes (at most "
                                            f"{MAX_SATELLITES:,})")
    try:
        return int(text)
    except ValueError:
        raise engine.EngineInputError(name, f"{text!r} is not a whole number") from None


def _check_counts(planes: int, per_plane: int) -> None:
    for name, value in (("planes", planes), ("per_plane", per_plane)):
        if not 1 <= value <= MAX_SATELLITES:
            raise engine.EngineInputError(name, f"{value:,} is outside 1..{MAX_SATELLITES:,}")
    if planes * per_plane > MAX_SATELLITES:
        blamed = "per_plane" if per_plane > planes else "planes"  # the factor that made the product absurd
        raise engine.EngineInputError(
            blamed, f"{planes:,} planes x {per_plane:,} per plane is more than {MAX_SATELLITES:,} satellites"
        )


def _bool(params, name) -> bool:
    value = params.get(name)
    if isinstance(value, bool):
        return value
    text = (_text(params, name) or "").lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise engine.EngineInputError(name, f"{text!r} is not true or false")


def _moment(params, name) -> Optional[dt.datetime]:
    text = _text(params, name)
    if text is None:
        return None
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            moment = dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc)
        else:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise engine.EngineInputError(name, f"{text!r} is not a date (YYYY-MM-DD) or ISO date-time") from None
    moment = moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)
    # Refused here, before any calendar arithmetic (9999-12-31 plus a year has no year): the Sun directions
    # come from DE421, so nothing outside its span can be computed anyway.
    try:
        inside = EPHEMERIS_START <= moment <= EPHEMERIS_END
    except OverflowError:  # 0001-01-01T00:00+14:00 has no instant in UTC
        inside = False
    if not inside:
        raise engine.EngineInputError(
            name, f"{text!r} is outside the ephemeris (DE421), {EPHEMERIS_START.date()} to {EPHEMERIS_END.date()}"
        )
    return moment


def _ltan(params) -> Optional[float]:
    text = _text(params, "ltan")
    if text is None:
        return None
    try:
        if ":" in text:
            hours, minutes = text.split(":", 1)
            h, m = int(hours), int(minutes)
            if not (0 <= h <= 24 and 0 <= m < 60) or (h == 24 and m):
                raise ValueError
            return h + m / 60
        return float(text)
    except ValueError:
        raise engine.EngineInputError("ltan", f"{text!r} is not a local time (HH:MM, or hours)") from None


def _add_year(moment: dt.datetime, years: int) -> dt.datetime:
    """Calendar-safe: 29 February becomes 28 February (moments are inside DE421's span, so the year exists)."""
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


def parse(params: Mapping, today: Optional[dt.date] = None) -> dict:
    """Keyword arguments for ``engine.shell_metrics`` from text parameters.

    Defaults: one plane of one satellite; the window is the current UTC calendar year, or one year from
    ``start`` / up to ``end`` when only one end is given; 60-minute steps.
    """
    unknown = set(params) - set(PARAMETERS) - {"format"}
    if unknown:
        name = sorted(unknown)[0]
        raise engine.EngineInputError(name, f"unknown parameter; known: {', '.join(PARAMETERS)}")
    altitude = _float(params, "altitude_km")
    if altitude is None:
        raise engine.EngineInputError("altitude_km", "required")
    sso = _bool(params, "sun_synchronous")
    ltan = _ltan(params)
    if ltan is not None and not sso:
        raise engine.EngineInputError("ltan", "applies to sun-synchronous shells only (add sun_synchronous)")
    start, end = _moment(params, "start"), _moment(params, "end")
    if start is None and end is None:
        year = (today or dt.datetime.now(dt.timezone.utc).date()).year
        start = dt.datetime(year, 1, 1, tzinfo=dt.timezone.utc)
    if end is None:
        end = _add_year(start, 1)
    elif start is None:
        start = _add_year(end, -1)
    planes, per_plane = _int(params, "planes", 1), _int(params, "per_plane", 1)
    _check_counts(planes, per_plane)
    return dict(
        altitude_km=altitude,
        inclination_deg=_float(params, "inclination_deg"),
        planes=planes,
        per_plane=per_plane,
        start=start,
        end=end,
        step_minutes=_float(params, "step_minutes", DEFAULT_STEP_MINUTES),
        sun_synchronous=sso,
        ltan_hours=ltan,
        ltan_spread_hours=_float(params, "ltan_spread_hours", 0.0 if ltan is not None else 24.0),
    )


def check_work(kwargs: dict, max_plane_steps: int) -> None:
    """Refuse requests whose planes x steps would tie up a web worker (the engine's cost grows with it)."""
    window = engine.make_window(kwargs["start"], kwargs["end"], kwargs["step_minutes"])
    planes = kwargs["planes"]
    if isinstance(planes, int) and planes > 0 and planes * window.n_steps > max_plane_steps:
        raise engine.EngineInputError(
            "planes", f"{planes:,} planes x {window.n_steps:,} steps exceeds {max_plane_steps:,}; "
            "use fewer planes or a longer step_minutes"
        )


def metrics(params: Mapping, max_plane_steps: Optional[int] = None, today: Optional[dt.date] = None) -> dict:
    """The JSON document of one shell: engine metrics plus the compute yield under each profile."""
    try:
        kwargs = parse(params, today)
        if max_plane_steps is not None:
            check_work(kwargs, max_plane_steps)
        result = engine.shell_metrics(**kwargs)
    except engine.EngineInputError as error:
        public = _PUBLIC_NAME.get(error.parameter, error.parameter)
        if public != error.parameter:
            raise engine.EngineInputError(public, error.message) from None
        raise
    document = result.to_dict()
    document["compute_yield"] = {
        name: {
            "sustained_pflops": y.sustained_pflops,
            "energy_mwh_per_year": y.energy_mwh_per_year,
            "average_compute_power_w": y.average_compute_power_w,
        }
        for name in engine.PROFILES
        for y in [engine.compute_yield(result.satellites, min(1.0, result.sunlit.mean), name)]
    }
    return document
