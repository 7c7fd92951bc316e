"""The constellation page, and the attribution table it shares with the filing page.

Every number comes from constellations.deployment.attribution_on (the API's answer for the same as_of) and
conflicts_on: the page computes nothing of its own, so page and API cannot disagree.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from django.shortcuts import get_object_or_404, render

from constellations import attribution
from constellations.deployment import attribution_on, conflicts_on, constellation_attribution
from constellations.models import Constellation
from dashboard import data, figures
from filings.models import Filing


def attribution_context(constellation, as_of: dt.date, *, found=None) -> dict:
    """The attribution table and conflicts report of ``constellation`` on ``as_of`` (template
    dashboard/_attribution.html), with ``found`` (its ConstellationAttribution, computed once)."""
    found = constellation_attribution(constellation.pk) if found is None else found
    answer = attribution_on(constellation, as_of, found=found)
    urls = {pk: Filing(pk=pk).get_absolute_url() for pk in (f["filing_id"] for f in answer["filings"])}
    for row in answer["filings"]:
        row["url"] = urls[row["filing_id"]]
    return {"constellation": constellation, "attribution": answer,
            "conflicts": conflicts_on(constellation, as_of, found=found), "found": found}


def _chart(found, answer: dict, as_of: dt.date):
    launches = pd.to_datetime(found.table["launch_date"]).dropna()
    if launches.empty:
        return None
    start = launches.min().normalize()
    end = max(pd.Timestamp(as_of), start)
    dates = attribution.sample_dates(start, end, "MS")  # the last row is ``end`` itself
    data_as_of = answer["data_as_of"]
    if data_as_of is not None and start <= pd.Timestamp(data_as_of) < end:
        dates = dates.union(pd.DatetimeIndex([pd.Timestamp(data_as_of)]))  # the last known count is drawn
    table = attribution.reconcile(found, dates)
    labels = {f.filing_id: f.key for f in found.filings}
    labels.update({attribution.UNATTRIBUTED: "unattributed", "in_orbit": "in orbit (all)"})
    return figures.constellation_attribution_chart(table, labels, as_of, data_as_of)


def constellation_detail(request, pk):
    constellation = get_object_or_404(Constellation.objects.select_related("operator", "administration"), pk=pk)
    as_of, as_of_error = data.parse_as_of(request.GET.get("as_of"))
    context = attribution_context(constellation, as_of)
    found = context.pop("found")
    context.update({
        "as_of": as_of, "as_of_error": as_of_error, "is_today": as_of == data.today(),
        "filings": constellation.filings.order_by("name"),
        "attribution_chart": _chart(found, context["attribution"], as_of),
    })
    return render(request, "dashboard/constellation_detail.html", context)
