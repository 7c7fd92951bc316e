"""Read-only columns of the filing export for people: the next deadline and the satellites in orbit today.

Each is a ``Computed`` column (``slotwatch.api.exports``): worked out once per batch of exported rows, from the
same owners the pages read (``FilingQuerySet.with_next_deadline``, ``constellations.deployment``).
"""

from __future__ import annotations

from django.utils import timezone

from constellations import attribution
from constellations.deployment import catalog_known_to, deployment_by_filing
from filings.models import Filing
from slotwatch.api.exports import Computed

__all__ = ["in_orbit_columns", "next_deadline_columns"]


def _next_deadlines(pks: list) -> dict:
    rows = Filing.objects.filter(pk__in=pks).with_next_deadline("title").values_list("pk", "next_deadline", "next_title")
    return {pk: (due, title) for pk, due, title in rows}


def _in_orbit(pks: list) -> dict:
    """``{pk: (count, data date, source)}`` as of today: the series the rules read, its count on the day, and
    the date that count rests on (the catalog's newest data for a catalog series, the report's date otherwise)."""
    today = timezone.localdate()
    filings = list(Filing.objects.filter(pk__in=pks).prefetch_related("deployment_reports"))
    every = deployment_by_filing(filings)  # cached: may hold other filings too
    series_by_filing = {f.pk: every[f.pk] for f in filings if f.pk in every}
    known = None
    found = {}
    for pk, series in series_by_filing.items():
        reading = series.reading_at(today)
        if reading is None:
            continue
        if series.source == "catalog":
            if known is None:
                known = catalog_known_to()["any"]
            on = attribution.data_date(today, known) or reading.on
        else:
            on = reading.on
        found[pk] = (reading.count, on, series.source)
    return found


def next_deadline_columns() -> dict:
    return {"next_deadline": Computed(_next_deadlines, 0), "next_milestone": Computed(_next_deadlines, 1)}


def in_orbit_columns() -> dict:
    return {"in_orbit": Computed(_in_orbit, 0), "in_orbit_as_of": Computed(_in_orbit, 1),
            "in_orbit_source": Computed(_in_orbit, 2)}
