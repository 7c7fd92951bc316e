"""Filed shells as the catalog sees them: the tolerances, the live filings of a constellation and their shells.

The importer judges orbit states against these shells and the deployment series attributes satellites
among them; both read them here, so a satellite is matched the same way in both.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings

from constellations.catalog import TargetShell
from filings.models import Filing, FilingShell

# Granted filings' shells are matched first: a satellite between two shells counts for the authorised one.
_STATUS_RANK = {"granted": 0, "partially_granted": 1}


def catalog_tolerances() -> dict:
    return {
        "altitude_tolerance_km": settings.SLOTWATCH_CATALOG_ALTITUDE_TOLERANCE_KM,
        "inclination_tolerance_deg": settings.SLOTWATCH_CATALOG_INCLINATION_TOLERANCE_DEG,
    }


def live_filings(constellation_id):
    return Filing.objects.live().filter(constellation_id=constellation_id)


def live_filings_per_constellation() -> dict[int, int]:
    """Constellation id -> number of its live filings (one query for a bulk run instead of one per filing)."""
    live = Filing.objects.live().exclude(constellation_id=None)
    return dict(Counter(live.values_list("constellation_id", flat=True)))


def target_shells(shells) -> list[TargetShell]:
    """FilingShell rows as the pure layer's TargetShell (shell_id = the FilingShell pk as text)."""
    return [
        TargetShell(
            shell_id=str(s.pk), altitude_min_km=s.altitude_km,
            altitude_max_km=s.altitude_max_km if s.altitude_max_km is not None else s.altitude_km,
            inclination_deg=None if s.sun_synchronous else s.inclination_deg,
            sun_synchronous=s.sun_synchronous,
            inclination_max_deg=None if s.sun_synchronous else s.inclination_max_deg,
        )
        for s in shells
    ]


def constellation_shells(constellation_id) -> list[TargetShell]:
    """Shells of the constellation's live filings (granted first), or of all its filings if none is live."""
    filings = list(live_filings(constellation_id)) or list(Filing.objects.filter(constellation_id=constellation_id))
    filings.sort(key=lambda f: (_STATUS_RANK.get(f.status, 2), f.pk))
    order = {f.pk: i for i, f in enumerate(filings)}
    shells = sorted(FilingShell.objects.filter(filing__in=filings), key=lambda s: (order[s.filing_id], s.ordinal))
    return target_shells(shells)
