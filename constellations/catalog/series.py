"""Counts over time: deployment series from launch/decay dates, on-station counts from element sets.

All arithmetic is on int64 day numbers (datetime64[D]) with ``np.searchsorted`` over sorted dates,
one pass per group.
"""

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .orbit_state import (
    DEFAULT_ALTITUDE_TOLERANCE_KM,
    DEFAULT_INCLINATION_TOLERANCE_DEG,
    ON_STATION,
    TargetShell,
    orbit_states,
)

_FREQUENCIES = {"day": "D", "d": "D", "week": "W-SUN", "w": "W-SUN", "month": "ME", "m": "ME"}


def series_dates(start, end, freq: str = "day") -> np.ndarray:
    """Sample dates: every day, every Sunday (week end) or every month end, plus ``end`` itself."""
    try:
        rule = _FREQUENCIES[freq.lower()]
    except KeyError:
        raise ValueError(f"freq must be day, week or month, got {freq!r}") from None
    points = pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq=rule).values.astype("datetime64[D]")
    last = np.datetime64(pd.Timestamp(end).date(), "D")
    if points.size == 0 or points[-1] != last:
        points = np.append(points, last)
    return points


def deployment_series(
    launch_dates,
    decay_dates,
    groups=None,
    *,
    start,
    end,
    freq: str = "day",
    as_of=None,
) -> pd.DataFrame:
    """Per group and sample date: launched (cumulative), decayed (cumulative), in_orbit.

    Counts are as of the end of each sample date. Objects without a launch date are left out
    (fill them first with ``estimate_launch_dates``); a missing decay date means still in orbit.
    ``as_of`` (e.g. the snapshot date) drops sample dates after it: the data says nothing later.
    Returns columns group, date, launched, in_orbit, decayed.
    """
    launch = _days(launch_dates)
    decay = _days(decay_dates)
    keys = np.zeros(launch.size, dtype=np.int64) if groups is None else None
    labels = np.array(["all"], dtype=object)
    if groups is not None:
        keys, labels = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=True)
    points = series_dates(start, end, freq)
    if as_of is not None:
        points = points[points <= np.datetime64(pd.Timestamp(as_of).date(), "D")]
    known = ~np.isnat(launch) & (keys >= 0)
    parts = [_group_counts(label, launch[known & (keys == k)], decay[known & (keys == k)], points)
             for k, label in enumerate(labels)]
    return pd.concat(parts, ignore_index=True) if parts else _empty_series()


def _group_counts(label, launch: np.ndarray, decay: np.ndarray, points: np.ndarray) -> pd.DataFrame:
    launched = np.searchsorted(np.sort(launch), points, side="right")
    decayed = np.searchsorted(np.sort(decay[~np.isnat(decay)]), points, side="right")
    return pd.DataFrame({
        "group": np.full(points.size, label, dtype=object),
        "date": points,
        "launched": launched,
        "in_orbit": launched - decayed,
        "decayed": decayed,
    })


def _empty_series() -> pd.DataFrame:
    return pd.DataFrame({"group": [], "date": np.array([], "datetime64[D]"), "launched": [], "in_orbit": [], "decayed": []})


def _days(values) -> np.ndarray:
    """Any array-like of dates/datetimes/strings/None -> datetime64[D] (NaT for missing or bad)."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.DatetimeTZDtype):
        values = values.dt.tz_convert("UTC").dt.tz_localize(None)
    if getattr(values, "dtype", None) is not None and values.dtype.kind == "M":
        return np.asarray(values).astype("datetime64[D]")
    converted = pd.to_datetime(pd.Series(values, dtype=object), errors="coerce", utc=True)
    return converted.dt.tz_localize(None).to_numpy().astype("datetime64[D]")


def estimate_launch_dates(cospar_ids, launch_dates, *, snapshot_date) -> tuple[np.ndarray, np.ndarray]:
    """Fill missing launch dates from the international designator; returns (dates, estimated mask).

    TLE-only objects (launched after the SATCAT was taken) carry only 'YYYY-NNN' of their launch.
    Approximation, in order:
      1. another piece of the same launch has a known date -> use it (exact);
      2. otherwise interpolate the launch number linearly within its year between known launches
         of that year, anchored at 1 January (number 0) and, for the highest number seen in the year,
         at the earlier of 31 December and ``snapshot_date`` (launch numbers run in launch order).
    Error is typically days to weeks; every estimated row is flagged.
    """
    dates = _days(launch_dates).copy()
    parts = pd.Series(cospar_ids, dtype=object).str.extract(r"^(\d{4})-(\d{3})")
    year = pd.to_numeric(parts[0], errors="coerce").to_numpy()
    number = pd.to_numeric(parts[1], errors="coerce").to_numpy()
    launch_id = pd.Series(cospar_ids, dtype=object).str.slice(0, 8).to_numpy(dtype=object)
    missing = np.isnat(dates) & np.isfinite(year)
    _fill_from_same_launch(dates, launch_id, missing)
    missing &= np.isnat(dates)
    snapshot = np.datetime64(pd.Timestamp(snapshot_date).date(), "D")
    for y in np.unique(year[missing]):
        _interpolate_year(dates, year, number, missing & (year == y), int(y), snapshot)
    estimated = np.isfinite(year) & np.isnat(_days(launch_dates)) & ~np.isnat(dates)
    return dates, estimated


def _fill_from_same_launch(dates, launch_id, missing) -> None:
    known = ~np.isnat(dates)
    if not known.any() or not missing.any():
        return
    first = pd.Series(dates[known]).groupby(launch_id[known]).min()
    if first.empty:  # no dated object has a launch id to share with the undated ones
        return
    found = pd.Series(launch_id[missing]).map(first).to_numpy().astype("datetime64[D]")
    dates[missing] = found


def _interpolate_year(dates, year, number, rows, y: int, snapshot) -> None:
    same_year = (year == y) & ~np.isnat(dates)
    anchor_num = [0.0] + list(number[same_year])
    jan1 = np.datetime64(f"{y}-01-01", "D")
    anchor_day = [jan1.astype(np.int64)] + list(dates[same_year].astype(np.int64))
    top = np.nanmax(number[year == y])
    if top > max(anchor_num):
        end = min(np.datetime64(f"{y}-12-31", "D"), snapshot).astype(np.int64)
        anchor_num.append(top)
        anchor_day.append(max(end, max(anchor_day)))
    order = np.argsort(anchor_num, kind="stable")
    xs, ys = np.asarray(anchor_num)[order], np.maximum.accumulate(np.asarray(anchor_day)[order])
    dates[rows] = np.rint(np.interp(number[rows], xs, ys)).astype(np.int64).astype("datetime64[D]")


def on_station_series(
    snapshots,
    shells: Sequence[TargetShell],
    *,
    groups=None,
    altitude_tolerance_km: float = DEFAULT_ALTITUDE_TOLERANCE_KM,
    inclination_tolerance_deg: float = DEFAULT_INCLINATION_TOLERANCE_DEG,
) -> pd.DataFrame:
    """On-station count per UTC snapshot date and shell from successive element sets.

    ``snapshots``: a DataFrame with columns epoch, norad_id, altitude_km, inclination_deg, or an
    iterable of such 4-tuples. An object counts once per date (its latest element set that day).
    ``groups`` (optional, aligned with the rows) adds a group column, e.g. the constellation slug.
    Returns columns date, [group,] shell_id, on_station with zeros for shells nobody occupies.
    """
    frame = _snapshot_frame(snapshots, groups)
    frame = frame.sort_values("epoch").drop_duplicates(["date", "norad_id"], keep="last")
    states = orbit_states(
        frame["altitude_km"].to_numpy(float), frame["inclination_deg"].to_numpy(float), shells,
        altitude_tolerance_km=altitude_tolerance_km, inclination_tolerance_deg=inclination_tolerance_deg,
    )
    frame["shell_id"] = states.shell_id
    keys = ["date"] + (["group"] if groups is not None else [])
    on = frame[states.state == ON_STATION]
    counts = on.groupby(keys + ["shell_id"]).size()
    grid = pd.MultiIndex.from_product(
        [sorted(frame[k].unique()) for k in keys] + [[s.shell_id for s in shells]], names=keys + ["shell_id"]
    )
    return counts.reindex(grid, fill_value=0).rename("on_station").reset_index()


def _snapshot_frame(snapshots, groups) -> pd.DataFrame:
    columns = ["epoch", "norad_id", "altitude_km", "inclination_deg"]
    if isinstance(snapshots, pd.DataFrame):
        frame = snapshots[columns].copy()
    else:
        frame = pd.DataFrame(list(snapshots), columns=columns)
    frame["epoch"] = pd.to_datetime(frame["epoch"], utc=True)
    frame["date"] = frame["epoch"].dt.tz_localize(None).to_numpy().astype("datetime64[D]")
    if groups is not None:
        frame["group"] = np.asarray(groups, dtype=object)
    return frame
