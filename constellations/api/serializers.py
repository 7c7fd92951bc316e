from rest_framework import serializers

from constellations.models import CatalogImport, Constellation, SpaceObject, SyncRecord
from filings.api.serializers import source_keys
from filings.models import Administration, Operator
from slotwatch.api.serializers import BuiltFieldsMixin, KeyRelatedField, ValidatedModelSerializer


class ConstellationSerializer(ValidatedModelSerializer):
    operator = KeyRelatedField(
        "operator", slug_field="key", queryset=Operator.objects.all(), allow_null=True, required=False
    )
    administration = KeyRelatedField(
        "administration", slug_field="iso_code", queryset=Administration.objects.all(), allow_null=True,
        required=False,
    )
    sources = source_keys()

    class Meta:
        model = Constellation
        fields = ["id", "key", "name", "operator", "administration", "confidence", "notes", "sources"]


class SpaceObjectSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    id = serializers.IntegerField(source="pk", read_only=True, help_text="The NORAD id (the record's key).")
    constellation = serializers.CharField(source="constellation.key", read_only=True, allow_null=True, default=None,
                                          help_text="The constellation (key).")
    shell = serializers.IntegerField(source="shell_id", read_only=True, allow_null=True,
                                     help_text="The filing shell (id) it counts toward, on station only.")
    filing = serializers.CharField(source="shell.filing.key", read_only=True, allow_null=True, default=None,
                                   help_text="The filing (key) of that shell.")

    class Meta:
        model = SpaceObject
        fields = [
            "id", "norad_id", "name", "cospar_id", "object_type", "owner", "launch_date", "launch_date_estimated",
            "decay_date", "epoch", "source_as_of", "mean_motion", "eccentricity", "raan_deg", "arg_perigee_deg",
            "mean_anomaly_deg", "bstar", "mean_altitude_km", "perigee_km", "apogee_km", "inclination_deg",
            "constellation", "membership_basis", "orbit_state", "shell", "filing", "updated_at",
        ]
        read_only_fields = fields


CATALOG_IMPORT_FIELDS = [
    "id", "file_name", "format", "sha256", "content_sha256", "data_as_of", "created", "updated", "unchanged",
    "rejected", "duplicates_skipped", "started_at", "finished_at", "status", "message",
]


class CatalogImportSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = CatalogImport
        fields = CATALOG_IMPORT_FIELDS
        read_only_fields = fields


class CatalogImportDetailSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    rejections = serializers.JSONField(read_only=True, help_text="[{line, norad, reason}], the first 1,000.")

    class Meta:
        model = CatalogImport
        fields = [*CATALOG_IMPORT_FIELDS, "rejections"]
        read_only_fields = fields


class SyncRecordSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    class Meta:
        model = SyncRecord
        fields = ["id", "source", "url", "started_at", "finished_at", "bytes", "created", "updated", "unchanged",
                  "rejected", "outcome", "message", "etag", "last_modified", "content_sha256"]
        read_only_fields = fields
