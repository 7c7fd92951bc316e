"""Deployment series from the database: per filing (the one the rules read), per shell and per constellation.

The Django shell around constellations.attribution: it reads the catalog rows, the filing's shells and the
published counts, and hands them to the pure core, which decides which objects count for a filing and which
series stands for it. compliance/ reads the series from here (``deployment_for``, ``deployment_by_filing``);
the API and the pages sample them over a date range.

In orbit comes from launch and decay dates (launch dates estimated from the international designator are
included and flagged on the objects); on station comes from the element-set snapshots (one per import date),
judged against the constellation's live filed shells with the tolerances in settings. Which filing each
satellite counts for is decided once per constellation (constellation_attribution, the rule in
constellations.attribution); every per-filing series is that filing's share of it.
"""

from __future__ import annotations

import datetime as dt
import hashlib

import pandas as pd
from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import timezone

from changelog import versions
from compliance.rules.deployment import DeploymentSeries
from constellations import attribution
from constellations.attribution import MEMBER_COLUMNS, SNAPSHOT_COLUMNS, Attribution
from compliance.rules import codes
from constellations.models import (
    CatalogImport,
    Constellation,
    DeploymentReport,
    ElementSetSnapshot,
    FilingAssignment,
    SpaceObject,
)
from constellations.shells import (
    catalog_tolerances,
    constellation_shells,
    live_filings,
    live_filings_per_constellation,
    target_shells,
)
from filings.models import Filing

ITU = "itu"  # an ITU filing records a system; it is the only record Guowang, Qianfan and others have


# --- rows from the database ------------------------------------------------------------------------------

def _members(constellation_id) -> pd.DataFrame:
    columns = [*MEMBER_COLUMNS, "cospar_id"]
    rows = SpaceObject.objects.filter(constellation_id=constellation_id).values_list(*columns)
    return pd.DataFrame.from_records(list(rows), columns=columns)


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


# --- per constellation: the attribution ------------------------------------------------------------------

def attribution_tolerances() -> attribution.Tolerances:
    """The rule's named parameters, from settings (their sources: constellations.attribution.Tolerances)."""
    tolerances = catalog_tolerances()
    return attribution.Tolerances(altitude_km=tolerances["altitude_tolerance_km"],
                                  inclination_deg=tolerances["inclination_tolerance_deg"],
                                  settle_days=settings.SLOTWATCH_ATTRIBUTION_SETTLE_DAYS)


def filing_facts(constellation_id) -> list[attribution.FilingFacts]:
    """Every filing of the constellation as the rule sees it (its shells, status, dates and parent)."""
    filings = Filing.objects.filter(constellation_id=constellation_id).prefetch_related("shells")
    return [
        attribution.FilingFacts(
            filing_id=f.pk, key=f.key, shells=tuple(target_shells(f.shells.all())),
            live=f.status not in codes.CLOSED_STATUSES, granted=f.status in codes.GRANTED_STATUSES,
            grant_date=f.grant_date, receipt_date=f.date_of_receipt, parent_id=f.parent_id,
            authorises=f.status in codes.GRANTED_STATUSES or f.regulator == ITU,
        )
        for f in filings
    ]


def _assignments(constellation_id) -> list[attribution.Assignment]:
    rows = FilingAssignment.objects.filter(filing__constellation_id=constellation_id).select_related("source")
    return [attribution.Assignment(a.filing_id, a.kind, a.pattern, a.source.key if a.source_id else "")
            for a in rows]


def constellation_attribution(constellation_id, *, members: pd.DataFrame | None = None
                              ) -> attribution.ConstellationAttribution:
    """Each catalogued satellite of the constellation with the one filing it counts for (the rule:
    constellations.attribution), or why none. ``members``: the constellation's objects if already read.

    Cached until the data behind it changes (deployment_fingerprint): attributing Starlink's element-set
    history costs seconds, and the constellation page, the filing page and the API all read it."""
    if members is not None:
        return _attribute(constellation_id, members)
    tolerances = attribution_tolerances()
    key = f"constellation-attribution:{constellation_id}:{deployment_fingerprint()}:{hashlib.sha1(repr(tolerances).encode()).hexdigest()[:12]}"
    found = cache.get(key)
    if found is None:
        found = _attribute(constellation_id, _members(constellation_id))
        cache.set(key, found, timeout=24 * 3600)
    return found


def _attribute(constellation_id, members: pd.DataFrame) -> attribution.ConstellationAttribution:
    return attribution.attribute_constellation(
        members, _snapshots(constellation_id), filing_facts(constellation_id),
        _assignments(constellation_id), attribution_tolerances())


def catalog_known_to() -> dict[str, dt.date | None]:
    """The dates the catalog data reach: ``element_sets`` (the newest element-set snapshot) and ``decays``
    (the newest SATCAT, which alone records decays)."""
    done = CatalogImport.objects.filter(status=CatalogImport.Status.DONE)
    satcat = done.filter(format__contains="satcat").aggregate(d=Max("data_as_of"))["d"]
    return {"element_sets": ElementSetSnapshot.objects.aggregate(d=Max("date"))["d"], "decays": satcat,
            "any": done.aggregate(d=Max("data_as_of"))["d"]}


def count_data_date(as_of: dt.date, *, known: dict | None = None, today: dt.date | None = None
                    ) -> attribution.DataDate:
    """The data date of every catalog-derived count shown for ``as_of`` (pages, API, exports, e-mails): the
    one helper that words it ("in orbit on 22 Aug 2026 (latest element sets; decays known to 16 Mar 2025)")
    and flags a count carried past its data date or into the future. ``known``: catalog_known_to() if read."""
    known = catalog_known_to() if known is None else known
    today = timezone.localdate() if today is None else today
    return attribution.data_date_of(as_of, known["any"], known["element_sets"], known["decays"], today)


def attribution_on(constellation, as_of: dt.date, *, found: attribution.ConstellationAttribution | None = None
                   ) -> dict:
    """The reconciliation of one constellation on one date (the API's answer and the pages' table): satellites
    per filing plus the unattributed ones equal the constellation's satellites in orbit. ``found``: the
    constellation's attribution if already computed."""
    found = constellation_attribution(constellation.pk) if found is None else found
    row = attribution.reconcile(found, [as_of]).iloc[0]
    known = catalog_known_to()
    unattributed = found.table[found.table["filing_id"].isna()]
    launched = pd.to_datetime(unattributed["launch_date"]) <= pd.Timestamp(as_of)
    decayed = pd.to_datetime(unattributed["decay_date"]) <= pd.Timestamp(as_of)
    reasons = unattributed[launched & ~decayed].groupby("reason").size()
    dated = count_data_date(as_of, known=known)
    return {
        "as_of": as_of,
        **dated.as_dict(),
        "element_sets_as_of": known["element_sets"],
        "decays_known_to": known["decays"],
        "in_orbit": int(row["in_orbit"]),
        "filings": [{"filing": f.key, "filing_id": f.filing_id, "satellites": int(row[f.filing_id]),
                     "confidence": found.confidence(f.filing_id)} for f in found.filings],
        "unattributed": int(row[attribution.UNATTRIBUTED]),
        "unattributed_reasons": {str(k): int(v) for k, v in reasons.items()},
        "conflicts": len(attribution.conflict_report(found, as_of)),
    }


def conflicts_on(constellation, as_of: dt.date, *, found: attribution.ConstellationAttribution | None = None
                 ) -> dict:
    """The conflicts report of one constellation on one date: each satellite in orbit whose orbit several live
    filings could hold, once, with the filing the rule gave it, the step that did, and the other candidates."""
    found = constellation_attribution(constellation.pk) if found is None else found
    rows = attribution.conflict_report(found, as_of)
    return {"as_of": as_of, **count_data_date(as_of).as_dict(), "count": len(rows), "satellites": rows}


# --- per filing ------------------------------------------------------------------------------------------

def filing_objects(filing, live_filings_by_constellation: dict | None = None,
                   memo: dict | None = None) -> Attribution | None:
    """The catalogued objects that count for a filing: its share of its constellation's attribution, or None.

    ``memo`` (constellation id -> ConstellationAttribution) lets a bulk run attribute each constellation once."""
    del live_filings_by_constellation  # the rule reads every filing of the constellation itself
    if not filing.constellation_id:
        return None
    if memo is not None and filing.constellation_id in memo:
        found = memo[filing.constellation_id]
    else:
        members = _members(filing.constellation_id)
        # nothing catalogued: no further queries (pages evaluate every filing of a registry without a catalog)
        found = None if members.empty else constellation_attribution(filing.constellation_id, members=members)
        if memo is not None:
            memo[filing.constellation_id] = found
    return None if found is None else found.for_filing(filing.pk)


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


def deployment_for(filing, live_filings: dict | None = None, memo: dict | None = None) -> DeploymentSeries:
    """The deployment series the rules read for a filing (the choice: constellations.attribution.choose_series),
    built on the filing's share of the constellation's attribution (constellation_attribution), so the
    milestones and the attribution endpoint count the same satellites.

    ``live_filings`` (constellation id -> number of live filings) and ``memo`` (see filing_objects) save
    queries per filing in bulk runs.
    """
    return _chosen_series(filing, filing_objects(filing, live_filings, memo), live_filings)


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
        live, memo = live_filings_per_constellation(), {}
        known = {**known, **{f.pk: deployment_for(f, live, memo) for f in missing}}
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
