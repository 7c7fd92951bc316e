"""The overview's race table and headline totals (issues 15 and 17): one row per live filing, grouped by
constellation, with the next milestone and its risk as the API gives it (compliance.risk.risk_fields).

The registry is read as of the page's date (FilingQuerySet.as_of) and the totals count each live system once
(compliance.rules.totals); the race rows are the live records of those systems.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.cache import cache

from compliance.models import Milestone
from compliance.risk import COUNT_CODES, risk_context, risk_fields
from compliance.rules import totals as totals_core
from compliance.rules.risk import WINDOW_MONTHS
from compliance.rules.codes import OPEN_STATUSES
from constellations.deployment import catalog_known_to, deployment_by_filing, deployment_fingerprint
from filings.models import Filing

# The race table shows the largest live filings: with every non-GSO network of the ITU's lists in the registry
# (about 700 more) a table of all of them takes longer to render than the page's budget and to read than a minute.
RACE_ROWS = 60


def registry_as_of(as_of: dt.date):
    return Filing.objects.as_of(as_of).select_related("administration", "operator", "constellation", "parent")


def system_totals(filings) -> totals_core.Totals:
    records = [totals_core.Record(f.key, f.status_on_record, f.parent.key if f.parent_id else None,
                                  f.satellites_filed, f.satellites_authorised_on_record) for f in filings]
    return totals_core.count_systems(records)


def _dress(filings, as_of: dt.date) -> list:
    """Each filing's status and authorisation as they read on the date: a later grant is still pending."""
    for f in filings:
        f.status_on_record = f.status_on(as_of)
        later_grant = f.grant_date is not None and f.grant_date > as_of
        f.satellites_authorised_on_record = None if later_grant else f.satellites_authorised
    return filings


def data_date(as_of: dt.date) -> dict:
    """What the in-orbit counts rest on: the newest element sets and SATCAT, and whether as_of is past them."""
    known = catalog_known_to()
    elements = known["element_sets"] or known["any"]
    return {"element_sets": elements, "decays": known["decays"],
            "carried_forward": bool(elements and as_of > elements), "counted_on": min(as_of, elements) if elements
            else as_of}


def _results_by_filing(results, filings) -> dict:
    by_filing = defaultdict(list)
    if results.stored:
        wanted = {f.pk: f for f in filings}
        for row in Milestone.objects.filter(filing_id__in=list(wanted)).order_by("due_date", "code"):
            by_filing[row.filing_id].append(row)
    else:
        for r in results.items:
            by_filing[r.filing.pk].append(r)
    return by_filing


def next_milestone(rows, as_of: dt.date):
    """The earliest open milestone still ahead that asks for satellites; else the earliest open one of any kind."""
    ahead = sorted((r for r in rows if r.status in OPEN_STATUSES and r.due_date and r.due_date >= as_of),
                   key=lambda r: (r.due_date, r.code))
    counting = [r for r in ahead if r.code in COUNT_CODES]
    return (counting or ahead or [None])[0]


def race(as_of: dt.date, results) -> dict:
    """The standings, cached until the data behind them changes (registry, catalog or stored results)."""
    key = f"overview-standings:{deployment_fingerprint(with_results=True)}:{as_of.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _build(as_of, results)
        cache.set(key, found, timeout=24 * 3600)
    return found


def _build(as_of: dt.date, results) -> dict:
    filings = _dress(list(registry_as_of(as_of)), as_of)
    totals = system_totals(filings)
    live = {key for s in totals.systems for key in s.records}
    rows_of = _results_by_filing(results, [f for f in filings if f.key in live])
    series = deployment_by_filing([f for f in filings if f.key in live])
    dated = data_date(as_of)
    ctx = risk_context(as_of)
    rows = []
    for f in filings:
        if f.key not in live:
            continue
        found = series.get(f.pk)
        in_orbit = found.count_at(dated["counted_on"]) if found is not None else None
        upcoming = next_milestone(rows_of.get(f.pk, []), as_of)
        rows.append({
            "filing": f, "constellation": f.constellation.name if f.constellation_id else "—",
            "constellation_in_orbit": ctx.in_orbit.get(f.constellation.key) if f.constellation_id else None,
            "filed": f.satellites_filed, "authorised": f.satellites_authorised_on_record,
            "status": f.status_on_record, "in_orbit": in_orbit,
            "milestone": upcoming, "risk": risk_fields(f, upcoming, ctx) if upcoming else None,
        })
    rows.sort(key=lambda r: (-max(r["filed"] or 0, r["authorised"] or 0), r["filing"].name))
    return {"rows": rows[:RACE_ROWS], "rows_total": len(rows), "totals": totals, "how_counted": totals_core.HOW_COUNTED, "data_date": dated,
            "context": ctx, "window_months": WINDOW_MONTHS}
