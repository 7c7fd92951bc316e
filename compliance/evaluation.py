"""The thin shell around the rules core: a filing's facts from the registry, its evaluation, the daily refresh.

The deployment series a filing is judged on comes from constellations.deployment; the rows are written by
compliance.storage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

from django.conf import settings
from django.utils import timezone

from compliance.rules import DeploymentSeries, FilingFacts, MilestoneResult, Waiver, evaluate
from compliance.rules.bands import res35_applies
from compliance.rules.fcc import SystemPlace, SystemRecord, fcc_systems, if_granted, label_hypothetical, system_series
from compliance.storage import store_batch
from constellations.deployment import deployment_for
from constellations.shells import live_filings_per_constellation
from filings.models import Filing

BATCH = 500


def fcc_places() -> dict:
    """Every FCC record's place in its system (47 CFR 25.164(b), (h)): compliance.rules.fcc.fcc_systems over the
    parent links, in one query."""
    records: dict = {}
    rows = Filing.objects.filter(regulator="fcc").order_by().values_list(
        "pk", "name", "kind", "status", "parent_id", "grant_date", "satellites_authorised",
        "milestone_conditions__milestone", "milestone_conditions__due_date")
    for pk, name, kind, status, parent, grant, authorised, code, due in rows:
        record = records.get(pk) or SystemRecord(pk, name, kind, status, parent, grant, authorised)
        if code in ("fcc_m50", "fcc_m100"):
            record = replace(record, **{f"{code[4:]}_due": due})
        records[pk] = record
    return fcc_systems(records.values())


def facts_for(filing: Filing, places: dict | None = None) -> FilingFacts:
    """The rules core's facts for a filing. ``places`` (fcc_places()) saves a query per FCC filing in bulk runs."""
    bands = tuple(band.as_rule() for band in filing.bands.all()) if filing.pk else ()
    res35 = res35_applies(bands, filing.res35_applies)  # an explicit answer on the filing wins over the bands
    place = SystemPlace()
    if filing.regulator == "fcc":
        place = (places if places is not None else fcc_places()).get(filing.pk, place)
    return FilingFacts(
        filing_id=filing.pk,
        name=filing.name,
        regulator=filing.regulator,
        kind=filing.kind,
        status=filing.status,
        date_of_receipt=filing.date_of_receipt,
        grant_date=filing.grant_date,
        satellites_filed=filing.satellites_filed,
        satellites_authorised=filing.satellites_authorised,
        res35_applies=res35.applies,
        brought_into_use_on=filing.brought_into_use_on,
        suspended_on=filing.suspended_on,
        resumed_on=filing.resumed_on,
        surrendered_on=filing.surrendered_on,
        bond_posted_on=filing.bond_posted_on,
        small_satellite=filing.small_satellite,
        milestone_conditions=tuple((c.milestone, c.due_date) for c in filing.milestone_conditions.all()),
        waivers=tuple(
            Waiver(w.milestone, w.kind, w.granted_on, w.extended_to, w.notes) for w in filing.waivers.all()
        ),
        bands=bands,
        receipt_provision=filing.receipt_provision,
        res35_reason=res35.reason,
        notices=tuple(n.to_fact() for n in sorted(filing.notices.all(), key=lambda n: (n.submitted_on, n.pk))),
        initial_grant_date=place.initial_grant_date,
        governed_by=place.governed_by,
        governed_because=place.governed_because,
        stages=place.stages,
    )


def deployment_for_rules(filing: Filing, facts: FilingFacts, live_filings: dict | None = None,
                         deployment: DeploymentSeries | None = None, memo: dict | None = None) -> DeploymentSeries:
    """The series the rules judge a filing on: its own, or for the grant that carries a system granted in stages
    (47 CFR 25.164(h)) the sum over the system's grants."""
    series = deployment if deployment is not None else deployment_for(filing, live_filings, memo)
    others = [s.filing_id for s in facts.stages if s.filing_id not in (None, filing.pk)]
    if not others or facts.stages[0].filing_id != filing.pk:
        return series
    members = filings_for_evaluation().filter(pk__in=others)
    return system_series([series] + [deployment_for(m, live_filings, memo) for m in members])


def filings_for_evaluation():
    return Filing.objects.select_related("administration", "operator", "constellation").prefetch_related(
        "milestone_conditions", "waivers", "deployment_reports", "bands", "notices"
    )


def evaluate_filing(
    filing: Filing, as_of: dt.date, warning_days: int | None = None, *, live_filings: dict | None = None,
    deployment: DeploymentSeries | None = None, places: dict | None = None, memo: dict | None = None,
) -> list[MilestoneResult]:
    """A filing's results as of a date. In bulk runs ``live_filings``, ``places`` (fcc_places()) and ``memo`` (a
    dict shared across the run: each constellation is attributed once, constellations.deployment) save work."""
    days = warning_days or settings.SLOTWATCH_DUE_SOON_DAYS
    facts = facts_for(filing, places)
    series = deployment_for_rules(filing, facts, live_filings, deployment, memo)
    return evaluate(facts, series, as_of, warning_days=days)


def hypothetical_grant_error(filing: Filing) -> str | None:
    """Why a filing cannot be evaluated as if granted, or None when it can (a pending FCC application)."""
    if filing.regulator != "fcc" or filing.status not in ("filed", "under_review"):
        return (f"{filing.key} is not a pending FCC application (it is a {filing.get_regulator_display()} "
                f"{filing.get_kind_display()}, {filing.get_status_display().lower()})")
    return None


def evaluate_hypothetical(filing: Filing, grant_on: dt.date, as_of: dt.date, warning_days: int | None = None,
                          ) -> tuple[dt.date, list[MilestoneResult]]:
    """The milestones that WOULD apply to a pending FCC application if it were granted on ``grant_on`` for the
    number applied for (compliance.rules.fcc.if_granted), evaluated as of the later of ``as_of`` and the grant;
    every result's first note says it is hypothetical. Returns (the date evaluated as of, the results)."""
    days = warning_days or settings.SLOTWATCH_DUE_SOON_DAYS
    when = max(as_of, grant_on)
    facts = if_granted(facts_for(filing), grant_on)
    results = evaluate(facts, deployment_for(filing), when, warning_days=days)
    return when, label_hypothetical(results, grant_on)


def refresh_milestones(as_of: dt.date | None = None, filings=None) -> Counter:
    """Evaluate every filing as of a date (today by default) and store the results; return counts by status."""
    as_of = as_of or timezone.now().date()
    filings = filings if filings is not None else filings_for_evaluation()
    if hasattr(filings, "iterator"):
        filings = filings.iterator(chunk_size=BATCH)  # prefetches per chunk; 10,000 filings never all in memory
    live = live_filings_per_constellation()
    places, memo = fcc_places(), {}
    statuses = Counter()
    batch = []
    for filing in filings:
        results = evaluate_filing(filing, as_of, live_filings=live, places=places, memo=memo)
        statuses.update(r.status for r in results)
        batch.append((filing.pk, results))
        if len(batch) >= BATCH:
            store_batch(batch, as_of)
            batch = []
    if batch:
        store_batch(batch, as_of)
    return statuses
