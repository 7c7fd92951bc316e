import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from changelog.api.serializers import ChangeRecordSerializer
from changelog.models import ChangeRecord
from compliance.api.serializers import FilingMilestonesSerializer, HypotheticalMilestonesSerializer
from compliance.evaluation import (evaluate_filing, evaluate_hypothetical, filings_for_evaluation,
                                   hypothetical_grant_error)
from constellations.api import series
from constellations.api.series import deployed_dating
from filings import filtersets
from filings.api import serializers
from filings.api.export_columns import in_orbit_columns, next_deadline_columns
from filings.models import (
    Administration, Filing, FilingNotice, FilingShell, FrequencyBand, Operator, Source, next_open_milestone,
)
from slotwatch.api.exports import Many, Named
from slotwatch.api.params import date_param
from slotwatch.api.viewsets import RegistryViewSet

__all__ = (
    "AdministrationViewSet",
    "FilingNoticeViewSet",
    "FilingShellViewSet",
    "FilingViewSet",
    "OperatorViewSet",
    "SourceViewSet",
)


class SourceViewSet(RegistryViewSet):
    """Documents that facts are taken from. Editors may add and change them."""

    queryset = Source.objects.all()
    serializer_class = serializers.SourceSerializer
    filterset_class = filtersets.SourceFilterSet
    editor_writable = True
    ordering = ["publisher", "title"]
    ordering_fields = ["id", "key", "title", "publisher", "accessed_on"]
    search_fields = ["key", "title", "publisher", "url"]
    export_columns = {
        "id": "id", "key": "key", "url": "url", "title": "title", "publisher": "publisher",
        "accessed_on": "accessed_on",
    }


class AdministrationViewSet(RegistryViewSet):
    """National administrations that file with the ITU. Staff maintain them."""

    queryset = Administration.objects.all()
    serializer_class = serializers.AdministrationSerializer
    attached_keys = {"sources": "key"}
    filterset_class = filtersets.AdministrationFilterSet
    ordering = ["name"]
    ordering_fields = ["id", "iso_code", "itu_symbol", "name", "confidence"]
    search_fields = ["iso_code", "itu_symbol", "name"]
    export_columns = {
        "id": "id", "iso_code": "iso_code", "itu_symbol": "itu_symbol", "name": "name",
        "confidence": "confidence", "notes": "notes", "sources": Many("sources"),
    }


class OperatorViewSet(RegistryViewSet):
    """Companies and agencies behind filings. Staff maintain them."""

    queryset = Operator.objects.select_related("administration")
    serializer_class = serializers.OperatorSerializer
    attached_keys = {"sources": "key"}
    filterset_class = filtersets.OperatorFilterSet
    ordering = ["short_name"]
    ordering_fields = ["id", "key", "name", "short_name", "administration__iso_code", "confidence"]
    search_fields = ["key", "name", "short_name"]
    export_columns = {
        "id": "id", "key": "key", "name": "name", "short_name": "short_name",
        "administration": "administration__iso_code", "administration_name": Named("administration__name"),
        "confidence": "confidence", "notes": "notes", "sources": Many("sources"),
    }


FILING_EXPORT = {
    "id": "id", "key": "key", "name": "name", "regulator": "regulator", "kind": "kind", "status": "status",
    "reference": "reference", "itu_network_name": "itu_network_name",
    "administration": "administration__iso_code", "administration_name": Named("administration__name"),
    "operator": "operator__key", "operator_name": Named("operator__name"),
    "constellation": "constellation__key", "constellation_name": Named("constellation__name"),
    "parent": "parent__key", "date_of_receipt": "date_of_receipt",
    "grant_date": "grant_date", "satellites_filed": "satellites_filed",
    "satellites_authorised": "satellites_authorised", "planes_total": "planes_total",
    "frequency_bands": "frequency_bands", "services": "services", "res35_applies": "res35_applies",
    "receipt_provision": "receipt_provision",
    "small_satellite": "small_satellite", "brought_into_use_on": "brought_into_use_on",
    "suspended_on": "suspended_on", "resumed_on": "resumed_on", "surrendered_on": "surrendered_on",
    "bond_posted_on": "bond_posted_on", "confidence": "confidence", "notes": "notes",
    "sources": Many("sources"), "updated_at": "updated_at",
    # Read-only columns for people (slotwatch.api.exports.derived_columns): what is due next, what is up there.
    **next_deadline_columns(), **in_orbit_columns(),
}


class FilingViewSet(RegistryViewSet):
    """ITU networks and national authorisations, each with its shells. Editors may create and change them.

    A write may carry the whole ``shells`` list: it replaces the stored shells (matched by position) in the
    same transaction, and every shell is checked by the same rules as the admin and the reference loader.
    """

    queryset = Filing.objects.select_related(
        "administration", "operator", "constellation", "parent"
    ).prefetch_related(Prefetch("shells", queryset=FilingShell.objects.order_by("ordinal")),
                       Prefetch("bands", queryset=FrequencyBand.objects.order_by("ordinal")))
    serializer_class = serializers.FilingSerializer
    attached_keys = {"sources": "key", "shells": {"sources": "key"}, "bands": {"sources": "key"}}
    filterset_class = filtersets.FilingFilterSet
    editor_writable = True
    members_only_actions = {"changes"}
    ordering = ["administration__name", "name"]
    ordering_fields = [
        "id", "key", "name", "regulator", "kind", "status", "administration__iso_code", "administration__name",
        "operator__key", "date_of_receipt", "grant_date", "satellites_filed", "satellites_authorised",
        "confidence", "updated_at",
    ]
    # The dashboard's sort keys: empty values last, then by name.
    ordering_aliases = {**filtersets.FILING_ORDERINGS, "next_deadline": (next_open_milestone(), "name")}
    search_fields = filtersets.FILING_SEARCH_FIELDS
    export_columns = FILING_EXPORT

    def get_queryset(self):
        if self.action in ("milestones", "deployment"):
            return filings_for_evaluation().prefetch_related("shells")
        return super().get_queryset()

    @extend_schema(
        filters=False,
        parameters=[OpenApiParameter("as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                                     description="Evaluate as of this date, YYYY-MM-DD (default today)."),
                    OpenApiParameter("hypothetical_grant", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                                     description="Pending FCC applications only: the milestones that WOULD apply if "
                                     "the application were granted on this date, YYYY-MM-DD, for the number applied "
                                     "for (47 CFR 25.164(b), 25.165(a)); evaluated as of the later of as_of and this "
                                     "date, the answer and each result marked \"hypothetical\": true. A filing that "
                                     "is not a pending FCC application is a 400.")],
        responses=PolymorphicProxySerializer(
            component_name="FilingMilestonesOrHypothetical",
            serializers=[FilingMilestonesSerializer, HypotheticalMilestonesSerializer], resource_type_field_name=None),
        description="Every rule's result for this filing as of any date, computed now from the registry and the "
        "catalog (the stored /api/v1/milestones/ rows are as of the last daily evaluation). A bad as_of is a 400. "
        "With hypothetical_grant, a pending application's milestones as if granted on that date.",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def milestones(self, request, pk=None):
        as_of = date_param(request, "as_of", timezone.localdate(), low=dt.date(1900, 1, 1), high=dt.date(2999, 12, 31))
        filing = self.get_object()
        if request.query_params.get("hypothetical_grant") is not None:
            grant_on = date_param(request, "hypothetical_grant", timezone.localdate(), low=dt.date(1900, 1, 1),
                                  high=dt.date(2999, 12, 31))
            error = hypothetical_grant_error(filing)
            if error:
                raise ValidationError({"hypothetical_grant": [error]})
            when, results = evaluate_hypothetical(filing, grant_on, as_of)
            data = {"filing": filing.key, "as_of": when, "hypothetical": True, "hypothetical_grant": grant_on,
                    "results": results}
            return Response(HypotheticalMilestonesSerializer(data).data)
        # The registry as of the date (FilingQuerySet.as_of): a filing not yet received then has no results.
        on_record = Filing.objects.as_of(as_of).filter(pk=filing.pk).exists()
        results = evaluate_filing(filing, as_of) if on_record else []
        data = {"filing": filing.key, "as_of": as_of, **deployed_dating(results, as_of), "results": results}
        return Response(FilingMilestonesSerializer(data, context={"filing": filing, "as_of": as_of}).data)

    @extend_schema(
        filters=False, parameters=series.SERIES_PARAMETERS, responses=series.FilingDeploymentSerializer,
        description="Satellites of this filing in orbit (and on station in its shells) on each sample date: catalog "
        "counts where the catalog covers the filing, else the published counts the rules use. A bad date or "
        "freq, an end before start or too many samples is a 400 naming the parameter.",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def deployment(self, request, pk=None):
        start, end, freq = series.series_window(request)
        filing = self.get_object()
        data = series.filing_deployment(filing, start, end, freq)
        return Response(series.FilingDeploymentSerializer(data).data)

    @extend_schema(
        filters=False,
        responses=ChangeRecordSerializer(many=True),
        description="The changes to this filing and to its shells, conditions and waivers, newest first "
        "(signed-in users only).",
    )
    @action(detail=True, methods=["get"])
    def changes(self, request, pk=None):
        filing = self.get_object()
        filing_type = ContentType.objects.get_for_model(Filing)
        records = ChangeRecord.objects.select_related("object_type", "related_type").filter(
            Q(object_type=filing_type, object_id=filing.pk) | Q(related_type=filing_type, related_id=filing.pk)
        ).order_by("-time", "-pk")
        page = self.paginate_queryset(records)
        return self.get_paginated_response(ChangeRecordSerializer(page, many=True).data)


class FilingShellViewSet(RegistryViewSet):
    """Orbital shells, each in one filing. Editors may create and change them."""

    queryset = FilingShell.objects.select_related("filing")
    serializer_class = serializers.FilingShellSerializer
    attached_keys = {"sources": "key"}
    filterset_class = filtersets.FilingShellFilterSet
    editor_writable = True
    ordering = ["filing__key", "ordinal"]
    ordering_fields = [
        "id", "filing__key", "ordinal", "altitude_km", "inclination_deg", "planes", "satellites_per_plane",
        "satellite_count", "confidence",
    ]
    search_fields = ["filing__key", "filing__name", "notes"]
    export_columns = {
        "id": "id", "filing": "filing__key", "filing_name": Named("filing__name"), "ordinal": "ordinal",
        "altitude_km": "altitude_km",
        "altitude_max_km": "altitude_max_km", "inclination_deg": "inclination_deg",
        "inclination_max_deg": "inclination_max_deg", "sun_synchronous": "sun_synchronous", "ltan": "ltan",
        "planes": "planes", "satellites_per_plane": "satellites_per_plane", "satellite_count": "satellite_count",
        "confidence": "confidence", "notes": "notes", "sources": Many("sources"),
    }
    export_name = "shells"


class FilingNoticeViewSet(RegistryViewSet):
    """Notices and reports on record: what an administration told the ITU (the RR No. 11.44C / 11.44D
    bringing-into-use notice, Res. 35 deployment reports and modifications, RR No. 11.49 suspensions and
    resumptions) or a licensee the FCC (47 CFR 25.164(f) milestone certifications, 25.165 bond postings).
    Anyone may read them; editors may create and change them, checked by the same rules as the admin and the
    reference loader."""

    queryset = FilingNotice.objects.select_related("filing")
    serializer_class = serializers.FilingNoticeSerializer
    attached_keys = {"sources": "key"}
    filterset_class = filtersets.FilingNoticeFilterSet
    editor_writable = True
    ordering = ["submitted_on", "id"]
    ordering_fields = [
        "id", "filing__key", "kind", "submitted_on", "provision", "as_of", "satellites_declared", "total_after",
        "confidence",
    ]
    search_fields = ["filing__key", "filing__name", "provision", "notes"]
    export_columns = {
        "id": "id", "filing": "filing__key", "kind": "kind", "submitted_on": "submitted_on",
        "provision": "provision", "as_of": "as_of", "satellites_declared": "satellites_declared",
        "satellites_per_plane": "satellites_per_plane", "total_after": "total_after", "confidence": "confidence",
        "notes": "notes", "sources": Many("sources"),
    }
    export_name = "notices"
