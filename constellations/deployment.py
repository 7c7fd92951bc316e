"""Deployment series from the catalog: per constellation, per filing and per shell, for any date range.

In orbit comes from launch and decay dates (launch dates estimated from the international designator are
included and flagged on the objects); on station comes from the element-set snapshots (one per import date),
judged against the filing's own shells with the tolerances in settings. The rules shell
(compliance.evaluation.deployment_for) reads ``catalog_series_for_filing`` first; published counts
(DeploymentReport) are used only where the catalog has nothing for a constellation.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from constellations.catalog import deployment_series, on_station_series, series_dates

_CATALOG_FREQ = {"day": "day", "d": "day", "week": "week", "w": "week", "w-sun": "week", "month": "month",
                 "m": "month", "me": "month"}


# --- which objects count toward a filing ---------------------------------------------------------------

def _members(constellation_id) -> pd.DataFrame:
    from constellations.models import SpaceObject

    rows = SpaceObject.objects.filter(constellation_id=constellation_id).values_list(
        "norad_id", "launch_date", "decay_date")
    return pd.DataFrame.from_records(list(rows), columns=["norad_id", "launch_date", "decay_date"])


def _snapshots(constellation_id) -> pd.DataFrame:
    from constellations.models import ElementSetSnapshot

    rows = ElementSetSnapshot.objects.filter(space_object__constellation_id=constellation_id).values_list(
        "date", "space_object_id", "altitude_km", "inclination_deg")
    return pd.DataFrame.from_records(list(rows), columns=["epoch", "norad_id", "altitude_km", "inclination_deg"])


def _on_station_by_date(snapshots: pd.DataFrame, pool, keep: set[str]) -> tuple[pd.Series, set[int]]:
    """On-station count per snapshot date in the shells ``keep``, and the objects ever on station in them.

    Each satellite is attributed to the closest shell of ``pool`` (the constellation's live shells), so
    overlapping tolerance bands of two filings never count one satellite twice.
    """
    from constellations.catalog import orbit_states
    from constellations.importer import catalog_tolerances

    if snapshots.empty or not pool:
        return pd.Series(dtype="int64"), set()
    tolerances = catalog_tolerances()
    per_shell = on_station_series(snapshots, pool, **tolerances)
    counts = per_shell[per_shell["shell_id"].isin(keep)].groupby("date")["on_station"].sum()
    states = orbit_states(snapshots["altitude_km"].to_numpy(float), snapshots["inclination_deg"].to_numpy(float),
                          pool, **tolerances)
    hit = (states.state == "on_station") & pd.Series(states.shell_id).isin(keep).to_numpy()
    return counts, set(snapshots.loc[hit, "norad_id"].astype(int))


def _shell_pool(filing, own) -> list:
    """The shells a filing's satellites are attributed among: the constellation's live shells, or its own."""
    from constellations.importer import constellation_shells

    ranked = constellation_shells(filing.constellation_id)
    return ranked if {s.shell_id for s in own} <= {s.shell_id for s in ranked} else own


def filing_objects(filing) -> tuple[pd.DataFrame, pd.Series | None, str] | None:
    """(objects, on-station counts by date or None, basis) for a filing, or None where the catalog has nothing.

    Shell attribution where the filing has shells and some object was ever on station in one of them;
    otherwise the whole constellation when the filing is its only live filing (the rule of
    compliance.evaluation._sole_active_filing); otherwise nothing.
    """
    from compliance.evaluation import _sole_active_filing
    from constellations.importer import target_shells

    if not filing.constellation_id:
        return None
    members = _members(filing.constellation_id)
    if members.empty:
        return None
    shells = target_shells(filing.shells.all())
    if shells:
        counts, attributed = _on_station_by_date(_snapshots(filing.constellation_id), _shell_pool(filing, shells),
                                                 {s.shell_id for s in shells})
        if attributed:
            return members[members["norad_id"].isin(attributed)], counts, "shells"
    if _sole_active_filing(filing):
        return members, None, "constellation"
    return None


def _change_points(objects: pd.DataFrame, extra_dates=()) -> pd.DataFrame:
    """In orbit at every date the count changes (launch or decay), plus ``extra_dates``; via deployment_series."""
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


def catalog_series_for_filing(filing):
    """The catalog-derived series for a filing (source 'catalog'), or None where no catalog data covers it."""
    from compliance.rules import DeploymentSeries

    found = filing_objects(filing)
    if found is None:
        return None
    objects, on_station, _basis = found
    snapshot_dates = [] if on_station is None else list(on_station.index)
    points = _change_points(objects, snapshot_dates)
    if points.empty:
        return None
    station = {} if on_station is None else {pd.Timestamp(d).date(): int(n) for d, n in on_station.items()}
    from django.conf import settings

    hold = dt.timedelta(days=settings.SLOTWATCH_CATALOG_STALE_DAYS)
    rows, seen = [], None  # seen: (date, count) of the last snapshot
    for day, in_orbit in zip(points["date"].to_numpy(), points["in_orbit"].to_numpy()):
        on = pd.Timestamp(day).date()
        if on in station:
            seen = (on, station[on])
        # For a while after a snapshot its on-station count holds (capped by what is in orbit): a satellite
        # launched since is still raising. Beyond that it is unknown, and the rules fall back to in orbit.
        held = seen is not None and on - seen[0] <= hold
        rows.append((on, int(in_orbit), min(seen[1], int(in_orbit)) if held else None))
    return DeploymentSeries.from_counts(rows, source="catalog")


def filing_series(filing, start, end, freq: str = "day") -> pd.DataFrame | None:
    """A filing's catalog counts sampled over [start, end]: columns date, in_orbit, on_station (NaN when not
    measured on that date or before it). None where the catalog does not cover the filing."""
    found = filing_objects(filing)
    if found is None:
        return None
    objects, on_station, _basis = found
    frame = deployment_series(objects["launch_date"], objects["decay_date"], start=start, end=end,
                              freq=_catalog_freq(freq))[["date", "in_orbit"]].reset_index(drop=True)
    frame["on_station"] = np.nan
    if on_station is not None and not on_station.empty:
        known = pd.Series(on_station.to_numpy(float), index=pd.to_datetime(on_station.index)).sort_index()
        sampled = known.reindex(known.index.union(pd.to_datetime(frame["date"]))).ffill()
        frame["on_station"] = sampled.reindex(pd.to_datetime(frame["date"])).to_numpy()
    return frame


def shell_series(shells, start, end, freq: str = "day") -> pd.DataFrame:
    """On-station count per FilingShell (columns: shell pk) at each sample date: the last snapshot on or before it."""
    from constellations.importer import catalog_tolerances, constellation_shells
    from constellations.models import ElementSetSnapshot

    shells = list(shells)
    dates = pd.to_datetime(series_dates(start, end, _catalog_freq(freq)))
    result = pd.DataFrame(index=dates, columns=[s.pk for s in shells], dtype="float64")
    result.index.name = "date"
    by_constellation: dict[int, list] = {}
    for shell in shells:
        by_constellation.setdefault(shell.filing.constellation_id, []).append(shell)
    for constellation_id, group in by_constellation.items():
        if constellation_id is None:
            continue
        rows = ElementSetSnapshot.objects.filter(space_object__constellation_id=constellation_id).values_list(
            "date", "space_object_id", "altitude_km", "inclination_deg")
        snaps = pd.DataFrame.from_records(list(rows), columns=["epoch", "norad_id", "altitude_km", "inclination_deg"])
        if snaps.empty:
            continue
        wanted = {str(shell.pk) for shell in group}
        counts = on_station_series(snaps, constellation_shells(constellation_id), **catalog_tolerances())
        counts = counts[counts["shell_id"].isin(wanted)]
        if counts.empty:
            continue
        table = counts.pivot(index="date", columns="shell_id", values="on_station")
        table.index = pd.to_datetime(table.index)
        table.columns = [int(c) for c in table.columns]
        table = table.reindex(table.index.union(dates)).ffill().reindex(dates)
        for column in table.columns:
            result[column] = table[column].astype("float64")
    return result


# --- per constellation (the dashboard's race chart) ----------------------------------------------------

def _catalog_freq(freq: str) -> str:
    try:
        return _CATALOG_FREQ[freq.lower()]
    except KeyError:
        raise ValueError(f"freq must be day, week or month (or D, W, ME), got {freq!r}") from None


def _sample_dates(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    if freq.lower() in _CATALOG_FREQ:
        return pd.DatetimeIndex(pd.to_datetime(series_dates(start, end, _CATALOG_FREQ[freq.lower()])))
    dates = pd.date_range(start, end, freq=freq)
    if len(dates) == 0 or dates[-1] != end:
        dates = dates.append(pd.DatetimeIndex([end]))
    return dates


def catalog_constellation_counts(start, end, dates: pd.DatetimeIndex | None = None, keys=None) -> pd.DataFrame:
    """In orbit per constellation key (columns) on each date, from the catalog only (one query, one pass).

    ``keys`` limits it to those constellations."""
    from constellations.models import SpaceObject

    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    dates = dates if dates is not None else _sample_dates(start, end, "day")
    objects = SpaceObject.objects.filter(constellation__isnull=False)
    if keys is not None:
        objects = objects.filter(constellation__key__in=list(keys))
    rows = objects.values_list("constellation__key", "launch_date", "decay_date")
    objects = pd.DataFrame.from_records(list(rows), columns=["key", "launch_date", "decay_date"])
    if objects.empty:
        return pd.DataFrame(index=dates)
    long = deployment_series(objects["launch_date"], objects["decay_date"], objects["key"],
                             start=start, end=end, freq="day")
    table = long.pivot(index="date", columns="group", values="in_orbit")
    table.index = pd.to_datetime(table.index)
    return table.reindex(dates).astype("float64")


def constellation_series(start, end, freq: str = "MS", keys=None):
    """Satellites in orbit per constellation over [start, end]: a DataFrame, one row per sample date
    (a pandas frequency such as "MS"/"D"/"W", or day/week/month; ``end`` itself is always the last row) and one
    column per constellation key. Catalog counts first (launch and decay dates); a constellation without catalog
    objects falls back to its dated DeploymentReports (its own; where it has none, the sum of its filings'
    reports): the last known count on or before each date, NaN before the first. ``keys`` limits it to those
    constellations.
    """
    from constellations.models import Constellation

    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    dates = _sample_dates(start, end, freq)
    constellations = Constellation.objects.order_by("name")
    if keys is not None:
        constellations = constellations.filter(key__in=list(keys))
    wanted, keys = keys, list(constellations.values_list("key", flat=True))
    frame = pd.DataFrame(index=dates, columns=keys, dtype="float64")
    frame.index.name = "date"
    catalog = catalog_constellation_counts(start, end, dates, None if wanted is None else keys)
    for key in catalog.columns:
        if key in frame.columns:
            frame[key] = catalog[key].to_numpy()
    reported = _reported_counts(end, dates, [k for k in keys if k not in catalog.columns])
    for key, values in reported.items():
        frame[key] = values
    return frame


def _reported_counts(end: pd.Timestamp, dates: pd.DatetimeIndex, keys: list[str]) -> dict[str, np.ndarray]:
    from constellations.models import DeploymentReport

    if not keys:
        return {}
    reports = DeploymentReport.objects.filter(as_of__lte=end.date()).values_list(
        "constellation__key", "filing__constellation__key", "filing_id", "as_of", "in_orbit", "launched"
    )
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
        points = points.sort_index()
        out[key] = points.reindex(points.index.union(dates)).ffill().reindex(dates).astype("float64").to_numpy()
    return out
