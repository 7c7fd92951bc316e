"""The API's filter backends: django-filter run only when asked, strict ordering and strict search. The filtersets
themselves are the apps' (filings.filtersets, ...), built from slotwatch.filtersets."""

from django_filters.rest_framework import DjangoFilterBackend
from django.db.models import F
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter

__all__ = (
    "FilterBackend",
    "StrictOrderingFilter",
    "StrictSearchFilter",
)


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 and ties are broken by id so pages never overlap.

    A view's ``ordering_aliases`` (``{"administration": ("administration__name", "name")}``) adds names that
    stand for a field or expression (sorted with empty values last, either way) plus tie-breakers, which go
    after every asked term: the dashboard's sort keys, so its export links list rows in the page's order.
    """

    def get_valid_fields(self, queryset, view, context=None):
        fields = super().get_valid_fields(queryset, view, context or {})
        aliases = getattr(view, "ordering_aliases", {})
        return [(name, label) for name, label in fields if name not in aliases] + [(n, n) for n in aliases]

    def get_ordering(self, request, queryset, view):
        raw = request.query_params.get(self.ordering_param)
        if not raw:
            return [*self.get_default_ordering(view), "pk"]
        fields = [term.strip() for term in raw.split(",") if term.strip()]
        allowed = {name for name, _ in self.get_valid_fields(queryset, view, {"request": request})}
        unknown = [term for term in fields if term.lstrip("-") not in allowed]
        if unknown or not fields:
            raise ValidationError({
                self.ordering_param: [
                    f"Cannot order by {', '.join(unknown) or raw!r}. "
                    f"Use one or more of {', '.join(sorted(allowed))}, comma-separated, '-' for descending."
                ]
            })
        aliases = getattr(view, "ordering_aliases", {})
        ordering, tail = [], []
        for term in fields:
            name = term.lstrip("-")
            if name not in aliases:
                ordering.append(term)
                continue
            primary, *tiebreakers = aliases[name]
            expression = F(primary) if isinstance(primary, str) else primary
            descending = term.startswith("-")
            ordering.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
            tail += [field for field in tiebreakers if field not in tail]
        return [*ordering, *tail, "pk"]

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        fields = [name for name, _ in self.get_valid_fields(view.get_queryset(), view, {"request": None})]
        for parameter in parameters:
            parameter["description"] = (
                f"Order by one or more of {', '.join(fields)}, comma-separated; prefix '-' for descending."
            )
        return parameters


class StrictSearchFilter(SearchFilter):
    """Free-text search (``?q=``); refuses NUL characters, which PostgreSQL cannot compare."""

    def get_search_terms(self, request):
        raw = request.query_params.get(self.search_param, "")
        if "\x00" in raw:
            raise ValidationError({self.search_param: ["The search text contains a NUL character."]})
        if len(raw) > 200:
            raise ValidationError({self.search_param: ["The search text is longer than 200 characters."]})
        return super().get_search_terms(request)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names no filter.

    Building and validating a FilterSet form of forty fields costs about 20 ms of CPU per request; most list
    requests (pages, exports of everything) filter nothing.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None:
            names = filterset_class.base_filters
            asked = {param.split("__")[0] for param in request.query_params}
            if not any(name in names or name.rsplit("_", 1)[0] in names for name in asked):
                return queryset
        return super().filter_queryset(request, queryset, view)
