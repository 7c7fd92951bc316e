"""Which catalogued satellites count for a filing, and the deployment series built on them: the pure core.

Plain values in (pandas frames of members and element-set snapshots, the pure layer's TargetShell, dates,
counts), plain values out (an ``Attribution``, a ``DeploymentSeries``, frames of counts). No Django: the shell
(constellations.deployment) fetches the rows and hands them over, so each rule is tested with tables of cases.

Frames in: members have columns ``MEMBER_COLUMNS`` (one row per catalogued object of a constellation),
snapshots ``SNAPSHOT_COLUMNS`` (one row per object and element-set date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from compliance.rules.deployment import DeploymentSeries
from constellations.catalog import TargetShell, deployment_series, on_station_series, orbit_states, series_dates

MEMBER_COLUMNS = ["norad_id", "launch_date", "decay_date"]
SNAPSHOT_COLUMNS = ["epoch", "norad_id", "altitude_km", "inclination_deg"]

SHELLS = "shells"  # counted from the objects on station in the filing's own shells
CONSTELLATION = "constellation"  # the whole constellation: the filing is its only live one

_CATALOG_FREQ = {"day": "day", "d": "day", "week": "week", "w": "week", "w-sun": "week", "month": "month",
                 "m": "month", "me": "month"}


@dataclass(frozen=True, eq=False)
class ShellCounts:
    """What the snapshots say about a filing's shells."""

    on_station: pd.Series  # on-station count per snapshot date, summed over the shells
    norad_ids: frozenset[int]  # the objects ever on station in one of them


@dataclass(frozen=True, eq=False)
class Attribution:
    """The catalogued objects that count for a filing."""

    objects: pd.DataFrame  # MEMBER_COLUMNS
    on_station: pd.Series | None  # on-station count by snapshot date, None where not measured (constellation basis)
    basis: str  # SHELLS or CONSTELLATION


# --- which objects count -------------------------------------------------------------------------------

def shell_pool(own: Sequence[TargetShell], ranked: Sequence[TargetShell]) -> list[TargetShell]:
    """The shells a filing's satellites are attributed among: the constellation's live shells (``ranked``)
    when they include the filing's own, otherwise the filing's own."""
    return list(ranked) if {s.shell_id for s in own} <= {s.shell_id for s in ranked} else list(own)


def on_station_in_shells(snapshots: pd.DataFrame, pool: Sequence[TargetShell], own: Sequence[TargetShell],
                         tolerances: dict) -> ShellCounts:
    """On-station count per snapshot date in the shells ``own``, and the objects ever on station in them.

    Each satellite is attributed to the closest shell of ``pool`` (the constellation's live shells), so
    overlapping tolerance bands of two filings never count one satellite twice.
    """
    keep = {s.shell_id for s in own}
    if snapshots.empty or not pool:
        return ShellCounts(pd.Series(dtype="int64"), frozenset())
    per_shell = on_station_series(snapshots, pool, **tolerances)
    counts = per_shell[per_shell["shell_id"].isin(keep)].groupby("date")["on_station"].sum()
    states = orbit_states(snapshots["altitude_km"].to_numpy(float), snapshots["inclination_deg"].to_numpy(float),
                          pool, **tolerances)
    hit = (states.state == "on_station") & pd.Series(states.shell_id).isin(keep).to_numpy()
    return ShellCounts(counts, frozenset(snapshots.loc[hit, "norad_id"].astype(int)))


def attribute(members: pd.DataFrame, in_shells: ShellCounts | None,
              sole_live_filing: Callable[[], bool]) -> Attribution | None:
    """The objects that count for a filing, or None where the catalog says nothing about it.

    Shell attribution where the filing has shells and some object was ever on station in one of them
    (``in_shells``); otherwise the whole constellation when the filing is its only live filing; otherwise
    nothing. ``sole_live_filing`` is asked only when needed (answering it may cost the caller a query).
    """
    if members.empty:
        return None
    if in_shells is not None and in_shells.norad_ids:
        return Attribution(members[members["norad_id"].isin(in_shells.norad_ids)], in_shells.on_station, SHELLS)
    if sole_live_filing():
        return Attribution(members, None, CONSTELLATION)
    return None


# --- the series the rules read ---------------------------------------------------------------------------

def _change_points(objects: pd.DataFrame, extra_dates=()) -> pd.DataFrame:
    """In orbit at every date the count changes (launch or decay), plus ``extra_dates``."""
    launch = pd.to_datetime(objects["launch_date"])
    decay = pd.to_datetime(objects["decay_date"])
    known = pd.concat([launch.dropna(), decay.dropna(), pd.Series(pd.to_datetime(list(extra_dates)))])
    if known.empty:
        return pd.DataFrame(columns=["date", "in_orbit"])
    frame = deployment_series(launch, decay, start=known.min(), end=known.max(), freq="day")
    frame = frame[["date", "in_orbit"]]
    changed = frame["in_orbit"].diff().fillna(1).ne(0).to_numpy()
    keep = changed | pd.to_datetime(frame["date"]).isin(pd.to_datetime(list(extra_dates))).to_numpy()
    return frame[keep]


def catalog_series(found: Attribution, hold: dt.timedelta) -> DeploymentSeries | None:
    """The catalog-derived series (source 'catalog') of the attributed objects, or None if it has no points.

    ``hold``: how long after a snapshot its on-station count still stands (capped by what is in orbit).
    """
    snapshot_dates = [] if found.on_station is None else list(found.on_station.index)
    points = _change_points(found.objects, snapshot_dates)
    if points.empty:
        return None
    station = {} if found.on_station is None else {pd.Timestamp(d).date(): int(n) for d, n in found.on_station.items()}
    rows, seen = [], None  # seen: (date, count) of the last snapshot
    for day, in_orbit in zip(points["date"].to_numpy(), points["in_orbit"].to_numpy()):
        on = pd.Timestamp(day).date()
        if on in station:
            seen = (on, station[on])
        # For a while after a snapshot its on-station count holds: a satellite launched since is still
        # raising. Beyond that it is unknown, and the rules fall back to in orbit.
        held = seen is not None and on - seen[0] <= hold
        rows.append((on, int(in_orbit), min(seen[1], int(in_orbit)) if held else None))
    return DeploymentSeries.from_counts(rows, source="catalog")


def reported_series(reports: Iterable) -> DeploymentSeries:
    """Dated counts from published statements (objects with as_of, in_orbit, launched); 'launched' stands in
    where 'in orbit' was not given."""
    points = {}
    for report in reports:
        points[report.as_of] = report.in_orbit if report.in_orbit is not None else report.launched
    return DeploymentSeries.from_counts(sorted(points.items()), source="reported")


def choose_series(catalog: DeploymentSeries | None, own_reports: Sequence,
                  constellation_reports: Callable[[], Iterable],
                  sole_live_filing: Callable[[], bool]) -> DeploymentSeries:
    """The one choice of a filing's deployment series: catalog counts first; then the filing's own published
    counts; then its constellation's, only where it is the constellation's sole live filing (a constellation-
    wide count belongs to no one filing otherwise); else an empty series. The callables are asked only when
    reached."""
    if catalog is not None and not catalog.is_empty():
        return catalog
    if own_reports:
        return reported_series(own_reports)
    if sole_live_filing():
        return reported_series(constellation_reports())
    return DeploymentSeries()


# --- sampled over a date range (API and charts) ------------------------------------------------------------

def catalog_freq(freq: str) -> str:
    """day, week or month from the spellings the pages and the API use."""
    try:
        return _CATALOG_FREQ[freq.lower()]
    except KeyError:
        raise ValueError(f"freq must be day, week or month (or D, W, ME), got {freq!r}") from None


def sample_dates(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """Sample dates for day/week/month or any pandas frequency ("MS"); ``end`` is always the last one."""
    if freq.lower() in _CATALOG_FREQ:
        return pd.DatetimeIndex(pd.to_datetime(series_dates(start, end, _CATALOG_FREQ[freq.lower()])))
    dates = pd.date_range(start, end, freq=freq)
    if len(dates) == 0 or dates[-1] != end:
        dates = dates.append(pd.DatetimeIndex([end]))
    return dates


def _last_known(points: pd.Series, dates: pd.DatetimeIndex) -> pd.Series:
    """The last value on or before each date (NaN before the first)."""
    return points.reindex(points.index.union(dates)).ffill().reindex(dates)


def sampled_frame(found: Attribution, start, end, freq: str = "day") -> pd.DataFrame:
    """The attributed objects' counts over [start, end]: columns date, in_orbit, on_station (the last snapshot's
    count on or before the date; NaN where not measured)."""
    frame = deployment_series(found.objects["launch_date"], found.objects["decay_date"], start=start, end=end,
                              freq=catalog_freq(freq))[["date", "in_orbit"]].reset_index(drop=True)
    frame["on_station"] = np.nan
    if found.on_station is not None and not found.on_station.empty:
        known = pd.Series(found.on_station.to_numpy(float), index=pd.to_datetime(found.on_station.index))
        frame["on_station"] = _last_known(known.sort_index(), pd.to_datetime(frame["date"])).to_numpy()
    return frame


def series_frame(series: DeploymentSeries, start, end, freq: str = "day") -> pd.DataFrame:
    """A chosen series read at each sample date: columns date, in_orbit, on_station (None where unknown)."""
    days = [pd.Timestamp(day).date() for day in series_dates(start, end, catalog_freq(freq))]
    return pd.DataFrame({
        "date": days,
        "in_orbit": [series.count_at(day, "in_orbit") for day in days],
        "on_station": [series.count_at(day, "on_station") for day in days],
    }, dtype=object)


def shell_counts(snapshots: pd.DataFrame, pool: Sequence[TargetShell], wanted: set[str], dates: pd.DatetimeIndex,
                 tolerances: dict) -> pd.DataFrame:
    """On-station count per shell of ``wanted`` (columns: shell pk as int) at each of ``dates``: the last
    snapshot on or before it. Empty where the snapshots put nothing in those shells."""
    if snapshots.empty:
        return pd.DataFrame(index=dates)
    counts = on_station_series(snapshots, pool, **tolerances)
    counts = counts[counts["shell_id"].isin(wanted)]
    if counts.empty:
        return pd.DataFrame(index=dates)
    table = counts.pivot(index="date", columns="shell_id", values="on_station")
    table.index = pd.to_datetime(table.index)
    table.columns = [int(c) for c in table.columns]
    return table.reindex(table.index.union(dates)).ffill().reindex(dates)


# --- per constellation (the dashboard's race chart) ------------------------------------------------------

def in_orbit_by_group(objects: pd.DataFrame, start, end, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """In orbit per ``key`` (columns) on each date, from objects with columns key, launch_date, decay_date."""
    if objects.empty:
        return pd.DataFrame(index=dates)
    long = deployment_series(objects["launch_date"], objects["decay_date"], objects["key"],
                             start=start, end=end, freq="day")
    table = long.pivot(index="date", columns="group", values="in_orbit")
    table.index = pd.to_datetime(table.index)
    return table.reindex(dates).astype("float64")


def reported_counts(reports: Iterable[tuple], dates: pd.DatetimeIndex, keys: list[str]) -> dict[str, np.ndarray]:
    """Published counts per constellation key at each date: the last known count on or before it.

    ``reports``: (constellation key or None, filing's constellation key or None, filing id, as_of, in_orbit,
    launched). A constellation's own reports win; where it has none, the sum of its filings' reports.
    """
    own: dict[str, dict[dt.date, float]] = {}
    by_filing: dict[str, dict[int, dict[dt.date, float]]] = {}
    for key, filing_constellation, filing_id, as_of, in_orbit, launched in reports:
        count = in_orbit if in_orbit is not None else launched
        if key:
            own.setdefault(key, {})[as_of] = count
        elif filing_constellation:
            by_filing.setdefault(filing_constellation, {}).setdefault(filing_id, {})[as_of] = count
    out = {}
    for key in keys:
        if key in own:
            points = pd.Series(own[key])
        elif key in by_filing:
            parts = [pd.Series(p).sort_index() for p in by_filing[key].values()]
            points = pd.concat(parts, axis=1).sort_index().ffill().sum(axis=1, min_count=1)
        else:
            continue
        points.index = pd.to_datetime(points.index)
        out[key] = _last_known(points.sort_index(), dates).astype("float64").to_numpy()
    return out
