from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from constellations.api import attribution, series
from constellations.api import attribution as attribution_api  # the class body's ``attribution`` is its action
from constellations.filtersets import (
    CatalogImportFilterSet,
    ConstellationFilterSet,
    SpaceObjectFilterSet,
    SyncRecordFilterSet,
)
from constellations.api.serializers import (
    CatalogImportDetailSerializer,
    CatalogImportSerializer,
    SyncRecordSerializer,
    ConstellationSerializer,
    SpaceObjectSerializer,
)
from constellations.models import CatalogImport, Constellation, SpaceObject, SyncRecord
from slotwatch.api.exports import Many
from slotwatch.api.viewsets import RegistryReadOnlyViewSet, RegistryViewSet


class ConstellationViewSet(RegistryViewSet):
    """Constellations as operated (Starlink, Guowang, Kuiper, ...). Staff maintain them."""

    queryset = Constellation.objects.select_related("operator", "administration")
    serializer_class = ConstellationSerializer
    attached_keys = {"sources": "key"}
    filterset_class = ConstellationFilterSet
    ordering = ["name"]
    ordering_fields = ["id", "key", "name", "operator__key", "administration__iso_code", "confidence"]
    search_fields = ["key", "name", "operator__name"]
    export_columns = {
        "id": "id", "key": "key", "name": "name", "operator": "operator__key",
        "administration": "administration__iso_code", "confidence": "confidence", "notes": "notes",
        "sources": Many("sources"),
    }

    @extend_schema(
        filters=False, parameters=series.SERIES_PARAMETERS, responses=series.ConstellationDeploymentSerializer,
        description="Satellites of this constellation in orbit on each sample date: catalog counts (launch and "
        "decay dates) where the catalog has its objects, else the last published count on or before each date. "
        "A bad date or freq, an end before start or too many samples is a 400 naming the parameter.",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def deployment(self, request, pk=None):
        start, end, freq = series.series_window(request)
        constellation = self.get_object()
        data = series.constellation_deployment(constellation, start, end, freq)
        return Response(series.ConstellationDeploymentSerializer(data).data)

    @extend_schema(
        filters=False, parameters=attribution.ATTRIBUTION_PARAMETERS, responses=attribution.AttributionSerializer,
        description="Which filing each satellite of this constellation in orbit on as_of counts for, by the "
        "documented rule (constellations.attribution): explicit assignments, then the first stable orbit, then "
        "the earliest live authorisation holding it. The filings' satellites plus the unattributed ones equal "
        "in_orbit. Catalog-derived counts are 'inferred'. A bad as_of is a 400 naming the parameter.",
    )
    @action(detail=True, methods=["get"], filter_backends=[])
    def attribution(self, request, pk=None):
        constellation = self.get_object()
        data = attribution.constellation_attribution(request, constellation)
        return Response(attribution.AttributionSerializer(data).data)

    @extend_schema(
        filters=False, parameters=attribution_api.ATTRIBUTION_PARAMETERS, responses=attribution_api.ConflictsSerializer,
        description="The conflicts report: each satellite of this constellation in orbit on as_of whose orbit "
        "two or more live filings could hold, listed once, with the filing the rule assigned it to, the step "
        "that did, and the other candidates. A bad as_of is a 400 naming the parameter.",
    )
    @action(detail=True, methods=["get"], filter_backends=[], url_path="attribution/conflicts",
            url_name="attribution_conflicts")
    def attribution_conflicts(self, request, pk=None):
        constellation = self.get_object()
        data = attribution_api.constellation_conflicts(request, constellation)
        return Response(attribution_api.ConflictsSerializer(data).data)


class SpaceObjectViewSet(RegistryReadOnlyViewSet):
    """Catalogued objects (SATCAT, OMM, TLE imports), keyed by NORAD id, with their constellation, orbit state and
    the filing shell each one counts toward. Written only by the catalog import."""

    queryset = SpaceObject.objects.select_related("constellation", "shell__filing")
    serializer_class = SpaceObjectSerializer
    filterset_class = SpaceObjectFilterSet
    cacheable = False  # the catalog import writes in bulk, without touching the registry version
    export_version_field = "updated_at"  # set on every row the import writes
    deferred_join = True  # page ids first, then the rows with their relations (slotwatch.api.pagination)
    ordering = ["norad_id"]
    ordering_fields = [
        "norad_id", "name", "cospar_id", "object_type", "launch_date", "decay_date", "epoch", "mean_altitude_km",
        "perigee_km", "apogee_km", "inclination_deg", "orbit_state", "constellation__key", "updated_at",
    ]
    search_fields = ["name", "cospar_id"]
    export_columns = {
        "norad_id": "norad_id", "name": "name", "cospar_id": "cospar_id", "object_type": "object_type",
        "owner": "owner", "launch_date": "launch_date", "launch_date_estimated": "launch_date_estimated",
        "decay_date": "decay_date", "epoch": "epoch", "source_as_of": "source_as_of",
        "mean_motion": "mean_motion", "eccentricity": "eccentricity", "raan_deg": "raan_deg",
        "arg_perigee_deg": "arg_perigee_deg", "mean_anomaly_deg": "mean_anomaly_deg", "bstar": "bstar",
        "mean_altitude_km": "mean_altitude_km", "perigee_km": "perigee_km", "apogee_km": "apogee_km",
        "inclination_deg": "inclination_deg", "constellation": "constellation__key",
        "membership_basis": "membership_basis", "orbit_state": "orbit_state", "shell": "shell_id",
        "filing": "shell__filing__key", "updated_at": "updated_at",
    }
    export_name = "space-objects"


class CatalogImportViewSet(RegistryReadOnlyViewSet):
    """Every catalog file imported, newest first, with its counts; the detail lists the rejected rows
    (signed-in users only)."""

    queryset = CatalogImport.objects.defer("rejections")
    serializer_class = CatalogImportSerializer
    filterset_class = CatalogImportFilterSet
    members_only = True
    cacheable = False  # written by the catalog import, without touching the registry version
    ordering = ["-started_at"]
    ordering_fields = ["id", "started_at", "finished_at", "data_as_of", "file_name", "rejected", "status"]
    search_fields = ["file_name", "message"]
    export_columns = {name: name for name in CatalogImportSerializer.Meta.fields}
    export_name = "catalog-imports"

    def get_queryset(self):
        if self.action == "retrieve":
            return CatalogImport.objects.all()
        return super().get_queryset()

    def get_serializer_class(self):
        return CatalogImportDetailSerializer if self.action == "retrieve" else CatalogImportSerializer


class SyncRecordViewSet(RegistryReadOnlyViewSet):
    """Every download by ``manage.py sync`` (CelesTrak, Space-Track, GCAT), newest first, with its outcome and
    counts (signed-in users only, like the catalog imports)."""

    queryset = SyncRecord.objects.all()
    serializer_class = SyncRecordSerializer
    filterset_class = SyncRecordFilterSet
    members_only = True
    cacheable = False  # written by the sync, without touching the registry version
    ordering = ["-started_at", "-id"]
    ordering_fields = ["id", "started_at", "finished_at", "source", "outcome", "bytes", "created", "updated"]
    search_fields = ["url", "message"]
    export_columns = {name: name for name in SyncRecordSerializer.Meta.fields}
    export_name = "sync-records"
