"""Registry serializers. Relations are read and written by natural key (ISO code, slug), so what the API
returns can be sent back unchanged and an export row reads like an import row."""

from rest_framework import serializers

from constellations.models import Constellation
from filings.models import (
    MAX_SHELLS, PER_PLANE_MESSAGE, Administration, Filing, FilingNotice, FilingShell, FrequencyBand, Operator, Source,
    is_per_plane_list,
)
from slotwatch.api.serializers import KeyRelatedField, ValidatedModelSerializer

__all__ = (
    "AdministrationSerializer",
    "FilingNoticeSerializer",
    "FilingSerializer",
    "FilingShellSerializer",
    "NestedFilingShellSerializer",
    "NestedFrequencyBandSerializer",
    "OperatorSerializer",
    "SourceSerializer",
)


def source_keys(**kwargs):
    return KeyRelatedField(
        "source", slug_field="key", queryset=Source.objects.all(), many=True, required=False, **kwargs
    )


class SourceSerializer(ValidatedModelSerializer):
    class Meta:
        model = Source
        fields = ["id", "key", "url", "title", "publisher", "accessed_on"]


class AdministrationSerializer(ValidatedModelSerializer):
    sources = source_keys()

    class Meta:
        model = Administration
        fields = ["id", "iso_code", "itu_symbol", "name", "confidence", "notes", "sources"]


class OperatorSerializer(ValidatedModelSerializer):
    administration = KeyRelatedField(
        "administration", slug_field="iso_code", queryset=Administration.objects.all(), allow_null=True,
        required=False,
    )
    sources = source_keys()

    class Meta:
        model = Operator
        fields = ["id", "key", "name", "short_name", "administration", "confidence", "notes", "sources"]


SHELL_FIELDS = [
    "id", "ordinal", "altitude_km", "altitude_max_km", "inclination_deg", "inclination_max_deg", "sun_synchronous",
    "ltan", "planes", "satellites_per_plane", "satellite_count", "satellites", "confidence", "notes", "sources",
]


class NestedFilingShellSerializer(ValidatedModelSerializer):
    """A shell inside its filing; its ordinal is its position in the list."""

    satellites = serializers.IntegerField(read_only=True, help_text="The count, or planes × per plane.")
    sources = source_keys()
    clean_exclude = ("filing", "ordinal")

    class Meta:
        model = FilingShell
        fields = SHELL_FIELDS
        read_only_fields = ["id", "ordinal"]


class FilingShellSerializer(ValidatedModelSerializer):
    filing = KeyRelatedField("filing", slug_field="key", queryset=Filing.objects.all())
    satellites = serializers.IntegerField(read_only=True, help_text="The count, or planes × per plane.")
    sources = source_keys()

    class Meta:
        model = FilingShell
        fields = ["id", "filing", *SHELL_FIELDS[1:]]


class NestedFrequencyBandSerializer(ValidatedModelSerializer):
    """A frequency band inside its filing, as numbers (GHz); its ordinal is its position in the list."""

    sources = source_keys()
    clean_exclude = ("filing", "ordinal")

    class Meta:
        model = FrequencyBand
        fields = ["id", "ordinal", "low_ghz", "high_ghz", "service", "direction", "label", "confidence", "notes",
                  "sources"]
        read_only_fields = ["id", "ordinal"]


class FilingSerializer(ValidatedModelSerializer):
    administration = KeyRelatedField(
        "administration", slug_field="iso_code", queryset=Administration.objects.all()
    )
    operator = KeyRelatedField(
        "operator", slug_field="key", queryset=Operator.objects.all(), allow_null=True, required=False
    )
    constellation = KeyRelatedField(
        "constellation", slug_field="key", queryset=Constellation.objects.all(), allow_null=True, required=False
    )
    parent = KeyRelatedField(
        "filing", slug_field="key", queryset=Filing.objects.all(), allow_null=True, required=False,
        help_text="The filing this one modifies or supersedes.",
    )
    sources = source_keys()
    primary_record_url = serializers.CharField(
        read_only=True, help_text="The regulator's own record: the ITU Space Network List page of the network, or "
        "the FCC ICFS record of the file number; empty where the filing names neither.")
    shells = NestedFilingShellSerializer(
        many=True, required=False, max_length=MAX_SHELLS,  # counted before any shell is validated
        help_text="Every shell of the filing, in order. When given, the list replaces the stored shells "
        "(matched by position); leave it out to keep them.",
    )

    bands = NestedFrequencyBandSerializer(
        many=True, required=False,
        help_text="The filing's frequency bands as numbers, in order (Res. 35 resolves 1 is decided from them "
        "unless res35_applies is set). When given, the list replaces the stored bands (matched by position); "
        "leave it out to keep them.",
    )

    class Meta:
        model = Filing
        fields = [
            "id", "key", "name", "regulator", "kind", "status", "reference", "itu_network_name", "administration",
            "operator", "constellation", "parent", "date_of_receipt", "grant_date", "satellites_filed",
            "satellites_authorised", "planes_total", "frequency_bands", "bands", "services", "res35_applies",
            "receipt_provision", "small_satellite", "brought_into_use_on", "suspended_on", "resumed_on",
            "surrendered_on", "bond_posted_on", "confidence", "notes", "sources", "shells", "updated_at",
            "primary_record_url",
        ]

    def validate_parent(self, parent):
        if parent is not None and self.instance is not None and parent.pk == self.instance.pk:
            raise serializers.ValidationError("A filing cannot modify itself.")
        return parent

    def create(self, validated_data):
        shells = validated_data.pop("shells", None)
        bands = validated_data.pop("bands", None)
        filing = super().create(validated_data)
        if shells is not None:
            self.save_shells(filing, shells)
        if bands is not None:
            self.save_bands(filing, bands)
        return filing

    def update(self, instance, validated_data):
        shells = validated_data.pop("shells", None)
        bands = validated_data.pop("bands", None)
        filing = super().update(instance, validated_data)
        if shells is not None:
            self.save_shells(filing, shells)
        if bands is not None:
            self.save_bands(filing, bands)
        return filing

    @staticmethod
    def save_shells(filing, shells: list[dict]) -> None:
        """Make the filing's shells exactly the given list: update by position, add, delete the rest."""
        _save_by_position(filing, FilingShell, filing.shells.all(), shells)

    @staticmethod
    def save_bands(filing, bands: list[dict]) -> None:
        """Make the filing's frequency bands exactly the given list, as save_shells does for shells."""
        _save_by_position(filing, FrequencyBand, filing.bands.all(), bands)


def _save_by_position(filing, model, current, items: list[dict]) -> None:
    stored = {item.ordinal: item for item in current}
    writable = [f for f in model._meta.concrete_fields if f.name not in ("id", "filing", "ordinal")]
    for ordinal, values in enumerate(items, start=1):
        sources = values.pop("sources", None)
        row = stored.pop(ordinal, None) or model(filing=filing, ordinal=ordinal)
        for field in writable:
            setattr(row, field.attname, values.get(field.name, field.get_default()))
        row.save()
        if sources is not None:
            row.sources.set(sources)
    for leftover in stored.values():
        leftover.delete()
    filing._prefetched_objects_cache = {}


class PerPlaneField(serializers.ListField):
    """A list of whole numbers, refused in the model's words (FilingNotice.clean)."""

    def to_internal_value(self, data):
        if not is_per_plane_list(data):
            raise serializers.ValidationError(PER_PLANE_MESSAGE)
        return list(data)


class FilingNoticeSerializer(ValidatedModelSerializer):
    """A notice or report on record, its filing named by key."""

    filing = KeyRelatedField("filing", slug_field="key", queryset=Filing.objects.all())
    satellites_per_plane = PerPlaneField(
        child=serializers.IntegerField(min_value=0), required=False, allow_empty=True,
        help_text="The satellites declared on each notified orbital plane, in order, where given.",
    )
    sources = source_keys()

    class Meta:
        model = FilingNotice
        fields = [
            "id", "filing", "kind", "submitted_on", "provision", "as_of", "satellites_declared",
            "satellites_per_plane", "total_after", "confidence", "notes", "sources",
        ]
