"""Deployment series from the database: per filing (the one the rules read), per shell and per constellation.

The Django shell around constellations.attribution: it reads the catalog rows, the filing's shells and the
published counts, and hands them to the pure core, which decides which objects count for a filing and which
series stands for it. compliance/ reads the series from here (``deployment_for``, ``deployment_by_filing``);
the API and the pages sample them over a date range.

In orbit comes from launch and decay dates (launch dates estimated from the international designator are
included and flagged on the objects); on station comes from the element-set snapshots (one per import date),
judged against the filing's own shells with the tolerances in settings.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max

from changelog import versions
from compliance.rules.deployment import DeploymentSeries
from constellations import attribution
from constellations.attribution import MEMBER_COLUMNS, SNAPSHOT_COLUMNS, Attribution
from constellations.models import CatalogImport, Constellation, DeploymentReport, ElementSetSnapshot, SpaceObject
from constellations.shells import (
    catalog_tolerances,
    constellation_shells,
    live_filings,
    live_filings_per_constellation,
    target_shells,
)


# --- rows from the database ------------------------------------------------------------------------------

def _members(constellation_id) -> pd.DataFrame:
    rows = SpaceObject.objects.filter(constellation_id=constellation_id).values_list(*MEMBER_COLUMNS)
    return pd.DataFrame.from_records(list(rows), columns=MEMBER_COLUMNS)


def _snapshots(constellation_id) -> pd.DataFrame:
    rows = ElementSetSnapshot.objects.filter(space_object__constellation_id=constellation_id).values_list(
        "date", "space_object_id", "altitude_km", "inclination_deg")
    return pd.DataFrame.from_records(list(rows), columns=SNAPSHOT_COLUMNS)


def sole_live_filing(filing, live_filings_by_constellation: dict | None = None) -> bool:
    """Whether the filing is its constellation's only live filing (then a constellation-wide count is its own).

    ``live_filings_by_constellation`` (constellation id -> number of live filings) saves a query in bulk runs."""
    if not filing.constellation_id:
        return False
    if live_filings_by_constellation is not None:
        return live_filings_by_constellation.get(filing.constellation_id, 0) == 1
    return live_filings(filing.constellation_id).count() == 1


# --- per filing ------------------------------------------------------------------------------------------

def filing_objects(filing, live_filings_by_constellation: dict | None = None) -> Attribution | None:
    """The catalogued objects that count for a filing (constellations.attribution.attribute), or None."""
    if not filing.constellation_id:
        return None
    members = _members(filing.constellation_id)
    if members.empty:
        return None
    own = target_shells(filing.shells.all())
    in_shells = None
    if own:
        pool = attribution.shell_pool(own, constellation_shells(filing.constellation_id))
        in_shells = attribution.on_station_in_shells(_snapshots(filing.constellation_id), pool, own,
                                                     catalog_tolerances())
    return attribution.attribute(members, in_shells, lambda: sole_live_filing(filing, live_filings_by_constellation))


def _catalog_series(found: Attribution | None) -> DeploymentSeries | None:
    if found is None:
        return None
    return attribution.catalog_series(found, dt.timedelta(days=settings.SLOTWATCH_CATALOG_STALE_DAYS))


def catalog_series_for_filing(filing) -> DeploymentSeries | None:
    """The catalog-derived series for a filing (source 'catalog'), or None where no catalog data covers it."""
    return _catalog_series(filing_objects(filing))


def _chosen_series(filing, found: Attribution | None, live_filings_by_constellation: dict | None):
    def constellation_reports():
        return DeploymentReport.objects.filter(constellation_id=filing.constellation_id)

    return attribution.choose_series(
        _catalog_series(found), list(filing.deployment_reports.all()), constellation_reports,
        lambda: sole_live_filing(filing, live_filings_by_constellation),
    )


def deployment_for(filing, live_filings: dict | None = None) -> DeploymentSeries:
    """The deployment series the rules read for a filing (the choice: constellations.attribution.choose_series).

    ``live_filings`` (constellation id -> number of live filings) saves queries per filing in bulk runs.
    """
    return _chosen_series(filing, filing_objects(filing, live_filings), live_filings)


def deployment_fingerprint(*, with_results: bool = False) -> str:
    """Changes whenever anything a deployment series is built from changes: the registry (filings, shells,
    reports; see changelog.versions) or the catalog (an import, a recompute, an override). ``with_results``:
    also whenever the stored milestone results change (for what is drawn from both)."""
    catalog = SpaceObject.objects.aggregate(n=Count("pk"), changed=Max("updated_at"))
    last_import = CatalogImport.objects.aggregate(last=Max("pk"))["last"]
    tokens = versions.current_all() if with_results else versions.current()
    state = f"{tokens}:{catalog['n']}:{catalog['changed']}:{last_import}"
    return hashlib.sha1(state.encode()).hexdigest()  # safe in any cache backend's keys


def deployment_by_filing(filings) -> dict[int, DeploymentSeries]:
    """Each filing's deployment series, cached until the data behind them changes.

    Building a catalog series costs queries and pandas work per filing; pages that evaluate every filing
    as of another date (the dashboard's "as of" control) would otherwise pay it on every request.
    """
    key = f"deployment-by-filing:{deployment_fingerprint()}"
    known = cache.get(key) or {}
    missing = [f for f in filings if f.pk not in known]
    if missing:
        live = live_filings_per_constellation()
        known = {**known, **{f.pk: deployment_for(f, live) for f in missing}}
        cache.set(key, known, timeout=24 * 3600)
    return known


def filing_series(filing, start, end, freq: str = "day") -> pd.DataFrame | None:
    """A filing's catalog counts sampled over [start, end]: columns date, in_orbit, on_station (NaN when not
    measured on that date or before it). None where the catalog does not cover the filing."""
    found = filing_objects(filing)
    return None if found is None else attribution.sampled_frame(found, start, end, freq)


def filing_deployment_frame(filing, start, end, freq: str = "day") -> tuple[pd.DataFrame, str | None]:
    """(counts over [start, end], source) for a filing: the catalog's counts of the objects attributed to it
    where the catalog covers it, otherwise the series the rules read (published counts), sampled. Columns
    date, in_orbit, on_station; source 'catalog', 'reported' or None when nothing is known."""
    found = filing_objects(filing)
    if found is not None:
        return attribution.sampled_frame(found, start, end, freq), "catalog"
    series = _chosen_series(filing, None, None)
    return attribution.series_frame(series, start, end, freq), None if series.is_empty() else series.source


def shell_series(shells, start, end, freq: str = "day") -> pd.DataFrame:
    """On-station count per FilingShell (columns: shell pk) at each sample date: the last snapshot on or before it."""
    shells = list(shells)
    dates = attribution.sample_dates(pd.Timestamp(start), pd.Timestamp(end), attribution.catalog_freq(freq))
    result = pd.DataFrame(index=dates, columns=[s.pk for s in shells], dtype="float64")
    result.index.name = "date"
    by_constellation: dict[int, list] = {}
    for shell in shells:
        by_constellation.setdefault(shell.filing.constellation_id, []).append(shell)
    for constellation_id, group in by_constellation.items():
        if constellation_id is None:
            continue
        snapshots = _snapshots(constellation_id)
        if snapshots.empty:
            continue
        table = attribution.shell_counts(snapshots, constellation_shells(constellation_id),
                                         {str(shell.pk) for shell in group}, dates, catalog_tolerances())
        for column in table.columns:
            result[column] = table[column].astype("float64")
    return result


# --- per constellation (the dashboard's race chart) ------------------------------------------------------

def catalog_constellation_counts(start, end, dates: pd.DatetimeIndex | None = None, keys=None) -> pd.DataFrame:
    """In orbit per constellation key (columns) on each date, from the catalog only (one query, one pass).

    ``keys`` limits it to those constellations."""
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    dates = dates if dates is not None else attribution.sample_dates(start, end, "day")
    objects = SpaceObject.objects.filter(constellation__isnull=False)
    if keys is not None:
        objects = objects.filter(constellation__key__in=list(keys))
    rows = objects.values_list("constellation__key", "launch_date", "decay_date")
    objects = pd.DataFrame.from_records(list(rows), columns=["key", "launch_date", "decay_date"])
    return attribution.in_orbit_by_group(objects, start, end, dates)


def constellation_series(start, end, freq: str = "MS", keys=None):
    """Satellites in orbit per constellation over [start, end]: a DataFrame, one row per sample date
    (a pandas frequency such as "MS"/"D"/"W", or day/week/month; ``end`` itself is always the last row) and one
    column per constellation key. Catalog counts first (launch and decay dates); a constellation without catalog
    objects falls back to its dated DeploymentReports (its own; where it has none, the sum of its filings'
    reports): the last known count on or before each date, NaN before the first. ``keys`` limits it to those
    constellations.
    """
    start, end = pd.Timestamp(start).normalize(), pd.Timestamp(end).normalize()
    dates = attribution.sample_dates(start, end, freq)
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


def _reported_counts(end: pd.Timestamp, dates: pd.DatetimeIndex, keys: list[str]) -> dict:
    if not keys:
        return {}
    reports = DeploymentReport.objects.filter(as_of__lte=end.date()).values_list(
        "constellation__key", "filing__constellation__key", "filing_id", "as_of", "in_orbit", "launched"
    )
    return attribution.reported_counts(reports, dates, keys)


def constellation_source(constellation) -> str | None:
    """Where ``constellation_series`` takes a constellation's counts from: 'catalog' where the catalog has its
    objects, 'reported' where only published counts (its own or its filings') exist, else None."""
    if SpaceObject.objects.filter(constellation=constellation).exists():
        return "catalog"
    if DeploymentReport.objects.filter(constellation=constellation).exists() or DeploymentReport.objects.filter(
            filing__constellation=constellation).exists():
        return "reported"
    return None
