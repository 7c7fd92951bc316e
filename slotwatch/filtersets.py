"""The building blocks of every app's filtersets (filings.filtersets, compliance.filtersets, ...), which the API
and the pages share: every filter refuses a value it does not understand (400 in the API) rather than ignoring it."""

import datetime as dt
import re
from decimal import Decimal

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.utils import timezone
from django_filters.fields import IsoDateTimeField, IsoDateTimeRangeField, RangeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

__all__ = (
    "CharInFilter",
    "KeyFilter",
    "NumberInFilter",
    "PresenceFilter",
    "QuerySetMethodFilter",
    "RegistryFilterSet",
    "TriStateFilter",
    "YesNoFilter",
    "contains",
    "ids",
    "keys",
)


class NumberInFilter(django_filters.BaseInFilter, django_filters.NumberFilter):
    """One or more numbers, comma-separated."""


class CharInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    """One or more exact values, comma-separated."""


_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
BIGGEST = 2**63 - 1  # the largest id or count a database column holds


class RegistryFilterSet(django_filters.FilterSet):
    """Base for every FilterSet; ``id`` takes one or more ids (``?id=3,7``).

    A number too large for any database column (``1e300`` too) is refused up front: SQLite would raise
    OverflowError while comparing it, which would otherwise surface as a 500.
    """

    id = NumberInFilter(field_name="id", label="One or more ids, comma-separated.")

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.out_of_range = {}
        for name in self.filters:
            for key in (name, f"{name}_min", f"{name}_max"):
                for value in self.data.getlist(key) if hasattr(self.data, "getlist") else [self.data.get(key)]:
                    parts = str(value or "").split(",")
                    if any(_NUMBER.fullmatch(p) and abs(Decimal(p)) > BIGGEST for p in parts):
                        self.out_of_range[key] = value[:40]

    def is_valid(self):
        return not self.out_of_range and super().is_valid()

    @property
    def errors(self):
        if self.out_of_range:
            # The value goes in as a parameter: django-filter %-formats messages, and user text may hold a '%'.
            return ErrorDict({
                key: ErrorList([DjangoValidationError("%(value)s is out of range.", params={"value": value})])
                for key, value in self.out_of_range.items()
            })
        return super().errors


@extend_schema_field(OpenApiTypes.STR)  # a natural key (text); without this the schema generator warns
class _KeyFilter(django_filters.ModelMultipleChoiceFilter):
    pass


def KeyFilter(field_name: str, model, to_field: str, noun: str, **kwargs):  # noqa: N802 (a filter factory)
    """One or more related records by natural key (``?administration=USA&administration=CHN``).

    An unknown key is a 400 with the reference loader's wording.
    """
    return _KeyFilter(
        field_name=f"{field_name}__{to_field}",
        to_field_name=to_field,
        queryset=model._default_manager.all(),
        error_messages={"invalid_choice": f"unknown {noun} %(value)r", "invalid_pk_value": f"unknown {noun} %(pk)r"},
        **kwargs,
    )


class _TriStateField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("true", "yes"), ("false", "no"), ("unknown", "not known")])
        super().__init__(**kwargs)


class TriStateFilter(django_filters.Filter):
    """A yes/no/unknown field: ``true``, ``false`` or ``unknown`` (stored as NULL); anything else is a 400."""

    field_class = _TriStateField

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        if value == "unknown":
            return qs.filter(**{f"{self.field_name}__isnull": True})
        return qs.filter(**{self.field_name: value == "true"})


class _YesNoField(forms.ChoiceField):
    def __init__(self, **kwargs):
        kwargs.setdefault("choices", [("true", "yes"), ("false", "no")])
        super().__init__(**kwargs)


class PresenceFilter(django_filters.Filter):
    """``true``: the field has a value; ``false``: it is empty (NULL) (``?decayed=true`` on ``decay_date``)."""

    field_class = _YesNoField

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{f"{self.field_name}__isnull": value != "true"})


@extend_schema_field({"type": "string", "enum": ["true", "false"]})  # no model field of that name to read it from
class QuerySetMethodFilter(django_filters.Filter):
    """``true``: the rows a method of the model's queryset selects (``?at_risk=true`` reads
    ``Milestone.objects.at_risk()``, the dashboard's own test); ``false``: every other row."""

    field_class = _YesNoField

    def __init__(self, queryset_method: str, **kwargs):
        self.queryset_method = queryset_method
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        if value == "true":
            return getattr(qs, self.queryset_method)()
        return qs.exclude(pk__in=getattr(qs.model._default_manager.all(), self.queryset_method)().values("pk"))


class YesNoFilter(django_filters.Filter):
    """A yes/no field that is never empty: ``true`` or ``false``; anything else is a 400."""

    field_class = _YesNoField

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        return qs.filter(**{self.field_name: value == "true"})


def keys(field_name="key", label="Exact key; several comma-separated."):
    return CharInFilter(field_name=field_name, label=label)


def contains(field_name):
    return django_filters.CharFilter(field_name=field_name, lookup_expr="icontains")


def ids(field_name, model):
    return django_filters.ModelMultipleChoiceFilter(field_name=field_name, queryset=model._default_manager.all())


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, held in UTC. Python accepts offsets up to 23:59 but PostgreSQL only up to 15:59, so a
    moment is converted before it reaches a query; one that leaves the calendar once converted is refused."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None or timezone.is_naive(moment):
            return moment
        try:
            return moment.astimezone(dt.timezone.utc)
        except OverflowError:
            raise forms.ValidationError("This moment lies outside the calendar once converted to UTC.",
                                        code="invalid") from None


class UtcIsoDateTimeRangeField(IsoDateTimeRangeField):
    def __init__(self, *args, **kwargs):
        RangeField.__init__(self, (UtcIsoDateTimeField(), UtcIsoDateTimeField()), *args, **kwargs)


class MomentRangeFilter(django_filters.IsoDateTimeFromToRangeFilter):
    """``<name>_after`` / ``<name>_before`` on a date-time field, in ISO 8601 with any offset."""

    field_class = UtcIsoDateTimeRangeField
