"""limit/offset pagination that refuses what it cannot serve instead of quietly serving something else."""

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

__all__ = ("LimitOffsetPagination",)

MAX_OFFSET = 10**9


def _whole_number(request, name: str, default: int, low: int, high: int, hint: str = "") -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"{raw[:40]!r} is not a whole number."]}) from None
    if not low <= value <= high:
        raise ValidationError({name: [f"{name} must be between {low} and {high}.{hint}"]})
    return value


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """``?limit=`` (1 to ``SLOTWATCH_API_MAX_PAGE_SIZE``, default 50) and ``?offset=``; out of range is a 400.

    There is no "all rows" limit: whole lists come from ``?format=csv`` or ``?format=xlsx``, which stream.
    """

    default_limit = 50

    @property
    def max_limit(self):
        return settings.SLOTWATCH_API_MAX_PAGE_SIZE

    def get_limit(self, request):
        hint = " Use ?format=csv or ?format=xlsx for the whole list."
        return _whole_number(request, self.limit_query_param, self.default_limit, 1, self.max_limit, hint)

    def get_offset(self, request):
        return _whole_number(request, self.offset_query_param, 0, 0, MAX_OFFSET)

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's, except that a view with ``deferred_join = True`` reads its page in two steps.

        With ``?offset=59000`` a query that joins related tables (select_related) joins every skipped row too:
        160 ms on 60,000 space objects. So the page's ids are read first, from the one table (plus whatever the
        ordering needs), and then only those rows with their relations; one more query, whatever the offset.
        """
        if not getattr(view, "deferred_join", False):
            return super().paginate_queryset(queryset, request, view)
        self.request = request
        self.limit = self.get_limit(request)
        self.count = self.get_count(queryset)
        self.offset = self.get_offset(request)
        if self.count == 0 or self.offset > self.count:
            return []
        ids = list(queryset.values_list("pk", flat=True)[self.offset:self.offset + self.limit])
        by_id = {row.pk: row for row in queryset.order_by().filter(pk__in=ids)}
        return [by_id[pk] for pk in ids if pk in by_id]

    def get_schema_operation_parameters(self, view):
        limit, offset = super().get_schema_operation_parameters(view)
        limit["schema"].update(minimum=1, maximum=self.max_limit, default=self.default_limit)
        limit["description"] = f"Rows per page, 1 to {self.max_limit} (more is a 400; export for everything)."
        offset["schema"].update(minimum=0, maximum=MAX_OFFSET, default=0)
        return [limit, offset]
