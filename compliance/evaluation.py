"""The thin shell around the rules core: a filing's facts from the registry, its evaluation, the daily refresh.

The deployment series a filing is judged on comes from constellations.deployment; the rows are written by
compliance.storage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.conf import settings
from django.utils import timezone

from compliance.rules import DeploymentSeries, FilingFacts, MilestoneResult, Waiver, evaluate
from compliance.rules.bands import res35_applies
from compliance.storage import store_batch
from constellations.deployment import deployment_for
from constellations.shells import live_filings_per_constellation
from filings.models import Filing

BATCH = 500


def facts_for(filing: Filing) -> FilingFacts:
    bands = tuple(band.as_rule() for band in filing.bands.all()) if filing.pk else ()
    res35 = res35_applies(bands, filing.res35_applies)  # an explicit answer on the filing wins over the bands
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
    )


def filings_for_evaluation():
    return Filing.objects.select_related("administration", "operator", "constellation").prefetch_related(
        "milestone_conditions", "waivers", "deployment_reports", "bands", "notices"
    )


def evaluate_filing(
    filing: Filing, as_of: dt.date, warning_days: int | None = None, *, live_filings: dict | None = None,
    deployment: DeploymentSeries | None = None,
) -> list[MilestoneResult]:
    days = warning_days or settings.SLOTWATCH_DUE_SOON_DAYS
    series = deployment if deployment is not None else deployment_for(filing, live_filings)
    return evaluate(facts_for(filing), series, as_of, warning_days=days)


def refresh_milestones(as_of: dt.date | None = None, filings=None) -> Counter:
    """Evaluate every filing as of a date (today by default) and store the results; return counts by status."""
    as_of = as_of or timezone.now().date()
    filings = filings if filings is not None else filings_for_evaluation()
    if hasattr(filings, "iterator"):
        filings = filings.iterator(chunk_size=BATCH)  # prefetches per chunk; 10,000 filings never all in memory
    live = live_filings_per_constellation()
    statuses = Counter()
    batch = []
    for filing in filings:
        results = evaluate_filing(filing, as_of, live_filings=live)
        statuses.update(r.status for r in results)
        batch.append((filing.pk, results))
        if len(batch) >= BATCH:
            store_batch(batch, as_of)
            batch = []
    if batch:
        store_batch(batch, as_of)
    return statuses
