"""The registry's filters, shared by the API and the dashboard's pages. Related records are named by natural key
(``administration=USA``) or by id (``administration_id=3``); dates and numbers take ranges (``date_of_receipt_after``,
``satellites_filed_min``)."""

import datetime as dt
from functools import reduce
from operator import or_

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from rest_framework.filters import search_smart_split

from constellations.models import Constellation
from filings.models import (
    Administration,
    Confidence,
    Filing,
    FilingKind,
    FilingNotice,
    FilingShell,
    FilingStatus,
    NoticeKind,
    Operator,
    Regulator,
    Source,
)
from slotwatch.filtersets import (
    KeyFilter, MomentRangeFilter, RegistryFilterSet, TriStateFilter, contains, ids, keys,
)

__all__ = (
    "FILING_ORDERINGS",
    "FILING_SEARCH_FIELDS",
    "AdministrationFilterSet",
    "FilingFilterSet",
    "FilingNoticeFilterSet",
    "FilingShellFilterSet",
    "OperatorFilterSet",
    "SourceFilterSet",
    "search_filings",
)

# What ?q= searches on filings, here and on the dashboard's filings page (so its export links match the page).
FILING_SEARCH_FIELDS = [
    "key", "name", "reference", "itu_network_name", "operator__name", "operator__short_name",
    "administration__name",
]
# Sort keys shared by the dashboard's filings table and the API's filings list ('-' prefix for descending);
# each stands for these fields, then the name. "next_deadline" is the annotation of
# FilingQuerySet.with_next_deadline() on the page and filings.models.next_open_milestone() in the API.
FILING_ORDERINGS = {
    "name": ("name",),
    "administration": ("administration__name", "name"),
    "operator": ("operator__short_name", "name"),
    "regulator": ("regulator", "name"),
    "satellites_filed": ("satellites_filed", "name"),
    "satellites_authorised": ("satellites_authorised", "name"),
    "date_of_receipt": ("date_of_receipt", "name"),
    "status": ("status", "name"),
    "next_deadline": ("next_deadline", "name"),
}


class WholeNumberFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def search_filings(queryset, text: str):
    """``?q=`` as the API reads it: every term (quoted phrases kept whole) in one of FILING_SEARCH_FIELDS."""
    for term in search_smart_split(text):
        queryset = queryset.filter(reduce(or_, (Q(**{f"{field}__icontains": term}) for field in FILING_SEARCH_FIELDS)))
    return queryset


def confidence():
    return django_filters.MultipleChoiceFilter(choices=Confidence.choices)


def source():
    return KeyFilter("sources", Source, "key", "source", label="Cites this source (key); repeat for several.")


class SourceFilterSet(RegistryFilterSet):
    key = keys()
    url = contains("url")
    title = contains("title")
    publisher = contains("publisher")
    accessed_on = django_filters.DateFromToRangeFilter()

    class Meta:
        model = Source
        fields = []


class AdministrationFilterSet(RegistryFilterSet):
    iso_code = keys("iso_code", "ISO 3166 alpha-3 code; several comma-separated.")
    itu_symbol = keys("itu_symbol", "ITU symbol; several comma-separated.")
    name = contains("name")
    confidence = confidence()
    source = source()

    class Meta:
        model = Administration
        fields = []


class OperatorFilterSet(RegistryFilterSet):
    key = keys()
    name = contains("name")
    short_name = contains("short_name")
    administration = KeyFilter("administration", Administration, "iso_code", "administration")
    administration_id = ids("administration", Administration)
    confidence = confidence()
    source = source()

    class Meta:
        model = Operator
        fields = []


class FilingFilterSet(RegistryFilterSet):
    key = keys()
    name = contains("name")
    regulator = django_filters.MultipleChoiceFilter(choices=Regulator.choices)
    kind = django_filters.MultipleChoiceFilter(choices=FilingKind.choices)
    status = django_filters.MultipleChoiceFilter(choices=FilingStatus.choices)
    reference = contains("reference")
    itu_network_name = contains("itu_network_name")
    administration = KeyFilter("administration", Administration, "iso_code", "administration")
    administration_id = ids("administration", Administration)
    operator = KeyFilter("operator", Operator, "key", "operator")
    operator_id = ids("operator", Operator)
    constellation = KeyFilter("constellation", Constellation, "key", "constellation")
    constellation_id = ids("constellation", Constellation)
    parent = KeyFilter("parent", Filing, "key", "filing")
    parent_id = ids("parent", Filing)
    date_of_receipt = django_filters.DateFromToRangeFilter()
    grant_date = django_filters.DateFromToRangeFilter()
    satellites_filed = django_filters.RangeFilter()
    satellites_authorised = django_filters.RangeFilter()
    planes_total = django_filters.RangeFilter()
    frequency_bands = contains("frequency_bands")
    services = contains("services")
    res35_applies = TriStateFilter(label="true, false or unknown (not yet confirmed).")
    receipt_provision = django_filters.MultipleChoiceFilter(
        choices=Filing._meta.get_field("receipt_provision").choices,
        label="RR provision the ITU date of receipt was received under (RR No. 11.44).",
    )
    deadline_within = WholeNumberFilter(
        method="filter_deadline_within", min_value=0, max_value=36_500,
        label="Days: filings whose next open milestone (due soon or upcoming) falls due between today and "
        "today + this many days.",
    )
    as_of = django_filters.DateFilter(
        method="filter_as_of",
        label="The registry as it stood on this date: filings received (date of receipt, else grant date) on or "
        "before it (FilingQuerySet.as_of).",
    )
    small_satellite = TriStateFilter()
    brought_into_use_on = django_filters.DateFromToRangeFilter()
    suspended_on = django_filters.DateFromToRangeFilter()
    resumed_on = django_filters.DateFromToRangeFilter()
    surrendered_on = django_filters.DateFromToRangeFilter()
    bond_posted_on = django_filters.DateFromToRangeFilter()
    updated_at = MomentRangeFilter()
    confidence = confidence()
    source = source()

    class Meta:
        model = Filing
        fields = []

    def filter_as_of(self, queryset, name, value):
        return queryset.as_of(value)

    def filter_deadline_within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.next_deadline_between(today, today + dt.timedelta(days=int(value)))


class FilingShellFilterSet(RegistryFilterSet):
    filing = KeyFilter("filing", Filing, "key", "filing")
    filing_id = ids("filing", Filing)
    administration = KeyFilter("filing__administration", Administration, "iso_code", "administration")
    ordinal = django_filters.RangeFilter()
    altitude_km = django_filters.RangeFilter()
    altitude_max_km = django_filters.RangeFilter()
    inclination_deg = django_filters.RangeFilter()
    inclination_max_deg = django_filters.RangeFilter()
    sun_synchronous = TriStateFilter()
    ltan = django_filters.TimeRangeFilter()
    planes = django_filters.RangeFilter()
    satellites_per_plane = django_filters.RangeFilter()
    satellite_count = django_filters.RangeFilter()
    confidence = confidence()
    source = source()

    class Meta:
        model = FilingShell
        fields = []


class FilingNoticeFilterSet(RegistryFilterSet):
    filing = KeyFilter("filing", Filing, "key", "filing")
    filing_id = ids("filing", Filing)
    administration = KeyFilter("filing__administration", Administration, "iso_code", "administration")
    regulator = django_filters.MultipleChoiceFilter(field_name="filing__regulator", choices=Regulator.choices)
    kind = django_filters.MultipleChoiceFilter(choices=NoticeKind.choices)
    submitted_on = django_filters.DateFromToRangeFilter()
    provision = contains("provision")
    as_of = django_filters.DateFromToRangeFilter()
    satellites_declared = django_filters.RangeFilter()
    total_after = django_filters.RangeFilter()
    confidence = confidence()
    source = source()

    class Meta:
        model = FilingNotice
        fields = []
