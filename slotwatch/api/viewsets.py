"""The base every registry endpoint is built on.

A resource's viewset only declares its queryset, serializer, filterset, ordering and search fields, export columns
and who may write (``editor_writable``); this class supplies the rest: permissions, pagination, strict filtering,
streamed ``?format=csv`` / ``?format=xlsx`` exports of any list, writes inside one transaction, and errors that are
always JSON.
"""

import hashlib
import inspect

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from changelog import versions
from slotwatch.api.export_cache import cached_export
from slotwatch.api.exports import EXPORT_FORMATS, CSVRenderer, XLSXRenderer, export_response
from slotwatch.api.serializers import attach_keys

__all__ = ("RegistryReadOnlyViewSet", "RegistryViewSet", "export_description")


def export_description(columns: dict) -> str:
    return (
        "`?format=csv` or `?format=xlsx` streams every row that matches the filters (limit and offset do not "
        "apply), with these columns in this order: " + ", ".join(f"`{name}`" for name in columns) + "."
    )


class _RegistryMixin:
    export_columns: dict = {}
    # Many-to-many relations shown as key lists, read in one query per page by attach_keys():
    # {"sources": "key"} for the records themselves, {"shells": {"sources": "key"}} for a prefetched relation.
    attached_keys: dict = {}
    export_name = ""
    editor_writable = False
    members_only = False
    cacheable = True  # reads may be answered from the response cache (see cached())
    # For a list the registry version does not track (cacheable = False): the column whose newest value, with
    # the row count, versions its cached exports (slotwatch.api.export_cache); None: exports are not cached.
    export_version_field = None

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.export_columns:
            summary = inspect.cleandoc(cls.__doc__ or "")
            description = f"{summary}\n\n{export_description(cls.export_columns)}".strip()
            extend_schema_view(list=extend_schema(description=description))(cls)

    def get_object(self):
        # Ids are numbers a database column can hold; anything else names no object.
        value = str(self.kwargs.get(self.lookup_url_kwarg or self.lookup_field, ""))
        if not value.isdigit() or len(value) > 18:
            raise Http404
        instance = super().get_object()
        if self.action == "retrieve":  # a write answers with what it saved, so it reads the relations afresh
            self.attach([instance])
        return instance

    def get_renderers(self):
        if self.action == "list" and self.export_columns:
            return [JSONRenderer(), CSVRenderer(), XLSXRenderer()]
        return [JSONRenderer()]

    def perform_content_negotiation(self, request, force=False):
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            offered = [renderer.format for renderer in self.get_renderers()]
            wanted = str(request.query_params.get("format", ""))[:20]
            where = "here" if len(offered) == 1 else "on this list"
            raise ValidationError({"format": [f"Format {wanted!r} is not offered {where}: use {', '.join(offered)}."]})

    def handle_exception(self, exc):
        # Errors are JSON even when an export was asked for.
        if getattr(self.request, "accepted_renderer", None) is not None and (
            self.request.accepted_renderer.format in EXPORT_FORMATS
        ):
            self.request.accepted_renderer = JSONRenderer()
            self.request.accepted_media_type = JSONRenderer.media_type
        return super().handle_exception(exc)

    def list(self, request, *args, **kwargs):
        fmt = request.accepted_renderer.format
        if fmt in EXPORT_FORMATS:
            def build():
                queryset = self.filter_queryset(self.get_queryset())
                return export_response(queryset, self.export_columns, fmt, self.export_name or self.basename)

            return cached_export(self, request, fmt, build)
        return self.cached(request, lambda: super(_RegistryMixin, self).list(request, *args, **kwargs))

    def retrieve(self, request, *args, **kwargs):
        return self.cached(request, lambda: super(_RegistryMixin, self).retrieve(request, *args, **kwargs))

    def cached(self, request, build):
        """Answer a read from the response cache while the registry has not changed.

        The key holds the registry's and the results' version tokens (``changelog.versions``), so any change to a
        tracked record or a stored result retires every cached answer at once, in every process.
        ``SLOTWATCH_API_CACHE_SECONDS = 0`` turns it off.
        """
        seconds = settings.SLOTWATCH_API_CACHE_SECONDS
        if not seconds or not self.cacheable:
            return build()
        path = hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()  # links hold the host
        key = f"slotwatch:api:{versions.current_all()}:{path}"
        data = cache.get(key)
        if data is None:
            response = build()
            if response.status_code == 200:
                cache.set(key, response.data, seconds)
            return response
        return Response(data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None and self.action == "list":
            self.attach(page)
        return page

    def attach(self, instances, spec=None):
        for relation, key in (self.attached_keys if spec is None else spec).items():
            if isinstance(key, dict):
                related = [child for instance in instances for child in getattr(instance, relation).all()]
                self.attach(related, key)
            else:
                attach_keys(instances, relation, key)


class RegistryReadOnlyViewSet(_RegistryMixin, viewsets.ReadOnlyModelViewSet):
    pass


@extend_schema_view(
    destroy=extend_schema(description="Staff only. Refused with 409 while other records depend on this one."),
)
class RegistryViewSet(_RegistryMixin, viewsets.ModelViewSet):
    def perform_create(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_update(self, serializer):
        with transaction.atomic():
            serializer.save()

    def perform_destroy(self, instance):
        with transaction.atomic():
            instance.delete()

