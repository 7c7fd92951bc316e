"""``…/{id}/deployment/?start=&end=&freq=``: a constellation's or a filing's satellites in orbit over time.

Parameters: ``start`` and ``end`` (YYYY-MM-DD, 1957-01-01 to 2200-12-31; default the five years to today) and
``freq`` (``day``, ``week`` = Sundays, ``month`` = month ends; default ``month``; ``end`` is always the last
sample). At most ``MAX_SAMPLES`` sample dates. Counts come from constellations.deployment: the catalog first
(launch and decay dates; on station from the element-set snapshots), published deployment reports otherwise.
"""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from constellations.attribution import INFERRED
from constellations.deployment import (
    constellation_series,
    catalog_known_to,
    constellation_source,
    count_data_date,
    filing_deployment_frame,
)
from slotwatch.api.params import choice_param, date_param

__all__ = (
    "MAX_SAMPLES",
    "SERIES_PARAMETERS",
    "ConstellationDeploymentSerializer",
    "FilingDeploymentSerializer",
    "constellation_deployment",
    "filing_deployment",
    "series_window",
)

FREQUENCIES = ("day", "week", "month")
MAX_SAMPLES = 5000  # 13 years of days, 95 of weeks
DEFAULT_YEARS = 5

SERIES_PARAMETERS = [
    OpenApiParameter("start", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                     description="First date, YYYY-MM-DD (default five years before end)."),
    OpenApiParameter("end", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                     description="Last date, YYYY-MM-DD, not before start (default today)."),
    OpenApiParameter("freq", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=list(FREQUENCIES),
                     description="Sample every day, week (Sundays) or month (month ends), plus end itself "
                     f"(default month); at most {MAX_SAMPLES:,} samples."),
]


def _estimated_samples(start: dt.date, end: dt.date, freq: str) -> int:
    days = (end - start).days + 1
    return {"day": days, "week": math.ceil(days / 7) + 1, "month": math.ceil(days / 28) + 1}[freq]


def series_window(request) -> tuple[dt.date, dt.date, str]:
    """(start, end, freq) from the query, or a 400 naming the parameter."""
    freq = choice_param(request, "freq", FREQUENCIES, "month")
    end = date_param(request, "end", timezone.localdate())
    start = date_param(request, "start", max(end - relativedelta(years=DEFAULT_YEARS), dt.date(1957, 1, 1)))
    if end < start:
        raise ValidationError({"end": [f"end ({end}) is before start ({start})."]})
    if _estimated_samples(start, end, freq) > MAX_SAMPLES:
        raise ValidationError({"start": [
            f"{start} to {end} by {freq} is more than {MAX_SAMPLES:,} samples: shorten the range or use a "
            "longer freq."
        ]})
    return start, end, freq


def _count(value):
    return None if value is None or pd.isna(value) else int(value)


REPORTED = "reported"  # a published count: the operator's or regulator's word, not inferred from the catalog


class ConstellationPointSerializer(serializers.Serializer):
    date = serializers.DateField()
    in_orbit = serializers.IntegerField(allow_null=True, help_text="Empty before the first known count.")


class FilingPointSerializer(ConstellationPointSerializer):
    on_station = serializers.IntegerField(
        allow_null=True, help_text="In the filing's shells, from the last catalog snapshot on or before the date; "
        "empty where not measured."
    )


class _SeriesSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    freq = serializers.ChoiceField(choices=FREQUENCIES)
    source = serializers.ChoiceField(
        choices=["catalog", "reported"], allow_null=True,
        help_text="catalog (launch and decay dates of catalogued objects) or reported (published counts); "
        "empty when nothing is known.",
    )
    data_as_of = serializers.DateField(
        allow_null=True, help_text="The last date the counts are known on: the catalog's newest file (or end, if "
        "earlier), or the last published count; empty when nothing is known.")
    carried_forward = serializers.BooleanField(help_text="True where end is past data_as_of or in the future: "
                                               "the points after data_as_of hold its last count, not observed ones.")
    confidence = serializers.ChoiceField(
        choices=[INFERRED, REPORTED], allow_null=True,
        help_text="inferred: counted from the catalog (never confirmed by the operator); reported: published counts.")
    data_note = serializers.CharField(allow_blank=True, help_text="The data date in words, as the pages show it.")


def dating(source: str | None, end: dt.date) -> dict:
    """The series' data date, carried-forward flag and confidence (the points after data_as_of are the last
    known count carried forward). Catalog counts: the helper every page uses
    (constellations.deployment.count_data_date); published counts are dated by their reports
    (/api/v1/deployment-reports/), so no data date is inferred for them here."""
    if source == "catalog":
        dated = count_data_date(end)
        return {"data_as_of": dated.data_as_of, "carried_forward": dated.carried_forward, "confidence": INFERRED,
                "data_note": dated.wording}
    # published counts carry their own dates (deployment-reports); nothing is inferred from the catalog
    return {"data_as_of": None, "carried_forward": False,
            "confidence": REPORTED if source == REPORTED else None, "data_note": ""}


class ConstellationDeploymentSerializer(_SeriesSerializer):
    constellation = serializers.CharField(help_text="The constellation (key).")
    points = ConstellationPointSerializer(many=True)


class FilingDeploymentSerializer(_SeriesSerializer):
    filing = serializers.CharField(help_text="The filing (key).")
    points = FilingPointSerializer(many=True)


def deployed_dating(results, as_of: dt.date) -> dict:
    """The data date of the deployed counts in milestone results evaluated as of ``as_of``."""
    sources = {r.deployment_source.split(":")[0] for r in results if r.deployed is not None}  # Reading.describe
    if "catalog" in sources:
        return {**count_data_date(as_of).as_dict(), "deployed_confidence": INFERRED}
    return {"data_as_of": None, "carried_forward": False, "data_note": "",
            "deployed_confidence": REPORTED if sources else None}


class CountDate:
    """An export column: the data date (``data_as_of``), ``carried_forward`` flag or ``confidence`` of each
    row's deployed count, read per batch like slotwatch.api.exports.Many. ``as_of``: the field the count was
    evaluated as of; ``source``: the field naming where the count came from ("catalog: ..." / "reported: ...")."""

    def __init__(self, part: str, as_of: str = "evaluated_as_of", source: str = "deployment_source",
                 count: str = "deployed"):
        self.part, self.as_of, self.source, self.count = part, as_of, source, count

    def fetch(self, model, pks: list) -> dict:
        rows = model._default_manager.filter(pk__in=pks).values_list("pk", self.as_of, self.source, self.count)
        known, out = None, {}
        for pk, as_of, source, count in rows:
            if count is None or not source:
                continue
            if not source.startswith("catalog"):
                out[pk] = {"data_as_of": "", "carried_forward": "", "confidence": REPORTED}[self.part]
                continue
            known = catalog_known_to() if known is None else known
            dated = count_data_date(as_of, known=known)
            out[pk] = {"data_as_of": dated.data_as_of, "carried_forward": dated.carried_forward,
                       "confidence": dated.confidence}[self.part]
        return out


def constellation_deployment(constellation, start: dt.date, end: dt.date, freq: str) -> dict:
    frame = constellation_series(start, end, freq, keys=[constellation.key])
    values = frame[constellation.key] if constellation.key in frame.columns else pd.Series(index=frame.index)
    points = [{"date": day.date(), "in_orbit": _count(value)} for day, value in values.items()]
    source = constellation_source(constellation)
    return {"constellation": constellation.key, "start": start, "end": end, "freq": freq, "source": source,
            **dating(source, end), "points": points}


def filing_deployment(filing, start: dt.date, end: dt.date, freq: str) -> dict:
    """The catalog's counts for the filing's shells; where the catalog does not cover it, the published counts
    the rules use (both chosen by constellations.deployment.filing_deployment_frame)."""
    frame, source = filing_deployment_frame(filing, start, end, freq)
    points = [
        {"date": pd.Timestamp(day).date(), "in_orbit": _count(in_orbit), "on_station": _count(on_station)}
        for day, in_orbit, on_station in zip(frame["date"], frame["in_orbit"], frame["on_station"])
    ]
    return {"filing": filing.key, "start": start, "end": end, "freq": freq, "source": source,
            **dating(source, end), "points": points}
