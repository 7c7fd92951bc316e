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

from constellations.deployment import constellation_series, constellation_source, filing_deployment_frame
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


class ConstellationDeploymentSerializer(_SeriesSerializer):
    constellation = serializers.CharField(help_text="The constellation (key).")
    points = ConstellationPointSerializer(many=True)


class FilingDeploymentSerializer(_SeriesSerializer):
    filing = serializers.CharField(help_text="The filing (key).")
    points = FilingPointSerializer(many=True)


def constellation_deployment(constellation, start: dt.date, end: dt.date, freq: str) -> dict:
    frame = constellation_series(start, end, freq, keys=[constellation.key])
    values = frame[constellation.key] if constellation.key in frame.columns else pd.Series(index=frame.index)
    points = [{"date": day.date(), "in_orbit": _count(value)} for day, value in values.items()]
    return {"constellation": constellation.key, "start": start, "end": end, "freq": freq,
            "source": constellation_source(constellation), "points": points}


def filing_deployment(filing, start: dt.date, end: dt.date, freq: str) -> dict:
    """The catalog's counts for the filing's shells; where the catalog does not cover it, the published counts
    the rules use (both chosen by constellations.deployment.filing_deployment_frame)."""
    frame, source = filing_deployment_frame(filing, start, end, freq)
    points = [
        {"date": pd.Timestamp(day).date(), "in_orbit": _count(in_orbit), "on_station": _count(on_station)}
        for day, in_orbit, on_station in zip(frame["date"], frame["in_orbit"], frame["on_station"])
    ]
    return {"filing": filing.key, "start": start, "end": end, "freq": freq, "source": source, "points": points}
