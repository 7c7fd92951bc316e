"""The thin shell around the rules core: build facts and deployment from the database, store the results."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.db import transaction
from django.utils import timezone

from compliance.models import Milestone
from compliance.rules import DeploymentSeries, FilingFacts, MilestoneResult, Waiver, evaluate
from constellations.models import DeploymentReport
from filings.models import Filing

RESULT_FIELDS = [f.name for f in Milestone._meta.get_fields() if f.name in MilestoneResult.__dataclass_fields__]


def facts_for(filing: Filing) -> FilingFacts:
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
        res35_applies=filing.res35_applies,
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
    )


def reported_series(reports) -> DeploymentSeries:
    """Dated counts from published statements; 'launched' stands in where 'in orbit' was not given."""
    points = {}
    for report in reports:
        count = report.in_orbit if report.in_orbit is not None else report.launched
        points[report.as_of] = count
    return DeploymentSeries.from_counts(sorted(points.items()), source="reported")


def deployment_for(filing: Filing) -> DeploymentSeries:
    """The best deployment series for a filing: catalog counts first, published counts otherwise."""
    from constellations.deployment import catalog_series_for_filing  # late: the catalog app may be absent

    catalog = catalog_series_for_filing(filing)
    if catalog is not None and not catalog.is_empty():
        return catalog
    own = [r for r in filing.deployment_reports.all()]
    if own:
        return reported_series(own)
    if filing.constellation_id and _sole_active_filing(filing):
        return reported_series(DeploymentReport.objects.filter(constellation_id=filing.constellation_id))
    return DeploymentSeries()


def _sole_active_filing(filing: Filing) -> bool:
    """A constellation-wide count belongs to a filing only if no other live filing shares the constellation."""
    live = Filing.objects.filter(constellation_id=filing.constellation_id).exclude(
        status__in=["superseded", "denied", "withdrawn", "cancelled"]
    )
    return live.count() == 1


def filings_for_evaluation():
    return Filing.objects.select_related("administration", "operator", "constellation").prefetch_related(
        "milestone_conditions", "waivers", "deployment_reports"
    )


def evaluate_filing(filing: Filing, as_of: dt.date, warning_days: int | None = None) -> list[MilestoneResult]:
    from django.conf import settings

    days = warning_days or settings.SLOTWATCH_DUE_SOON_DAYS
    return evaluate(facts_for(filing), deployment_for(filing), as_of, warning_days=days)


def store_results(filing: Filing, results: list[MilestoneResult], as_of: dt.date) -> None:
    with transaction.atomic():
        for result in results:
            values = _row_values(result)
            Milestone.objects.update_or_create(
                filing=filing, code=result.code, defaults={**values, "evaluated_as_of": as_of}
            )
        Milestone.objects.filter(filing=filing).exclude(code__in=[r.code for r in results]).delete()


def _row_values(result: MilestoneResult) -> dict:
    values = {}
    for name in RESULT_FIELDS:
        value = getattr(result, name)
        values[name] = list(value) if isinstance(value, tuple) else value
    return values


def refresh_milestones(as_of: dt.date | None = None, filings=None) -> Counter:
    """Evaluate every filing as of a date (today by default) and store the results; return counts by status."""
    as_of = as_of or timezone.now().date()
    statuses = Counter()
    for filing in filings if filings is not None else filings_for_evaluation():
        results = evaluate_filing(filing, as_of)
        store_results(filing, results, as_of)
        statuses.update(r.status for r in results)
    return statuses
