"""Filters for constellations, catalog objects and catalog imports, shared by the API and the pages."""

import django_filters

from constellations.models import CatalogImport, Constellation, MembershipBasis, OrbitState, SpaceObject, SyncRecord
from filings.filtersets import confidence, source
from filings.models import Administration, Filing, FilingShell, Operator
from slotwatch.filtersets import (
    CharInFilter,
    KeyFilter,
    MomentRangeFilter,
    NumberInFilter,
    PresenceFilter,
    RegistryFilterSet,
    YesNoFilter,
    contains,
    ids,
    keys,
)


class ConstellationFilterSet(RegistryFilterSet):
    key = keys()
    name = contains("name")
    operator = KeyFilter("operator", Operator, "key", "operator")
    operator_id = ids("operator", Operator)
    administration = KeyFilter("administration", Administration, "iso_code", "administration")
    administration_id = ids("administration", Administration)
    confidence = confidence()
    source = source()

    class Meta:
        model = Constellation
        fields = []


class SpaceObjectFilterSet(RegistryFilterSet):
    id = NumberInFilter(field_name="pk", label="One or more NORAD ids, comma-separated.")
    norad_id = django_filters.RangeFilter(label="NORAD id range (norad_id_min, norad_id_max).")
    name = contains("name")
    cospar_id = contains("cospar_id")
    object_type = CharInFilter(label="PAYLOAD, ROCKET BODY, DEBRIS or UNKNOWN; several comma-separated.")
    owner = CharInFilter(label="Owner code as the catalog gives it; several comma-separated.")
    launch_date = django_filters.DateFromToRangeFilter()
    launch_date_estimated = YesNoFilter()
    decay_date = django_filters.DateFromToRangeFilter()
    decayed = PresenceFilter(field_name="decay_date", label="true: re-entered (has a decay date); false: in orbit.")
    epoch = MomentRangeFilter()
    source_as_of = MomentRangeFilter()
    mean_motion = django_filters.RangeFilter()
    eccentricity = django_filters.RangeFilter()
    raan_deg = django_filters.RangeFilter()
    arg_perigee_deg = django_filters.RangeFilter()
    mean_anomaly_deg = django_filters.RangeFilter()
    bstar = django_filters.RangeFilter()
    mean_altitude_km = django_filters.RangeFilter()
    perigee_km = django_filters.RangeFilter()
    apogee_km = django_filters.RangeFilter()
    inclination_deg = django_filters.RangeFilter()
    constellation = KeyFilter("constellation", Constellation, "key", "constellation")
    constellation_id = ids("constellation", Constellation)
    membership_basis = django_filters.MultipleChoiceFilter(choices=MembershipBasis.choices)
    orbit_state = django_filters.MultipleChoiceFilter(choices=OrbitState.choices)
    shell = ids("shell", FilingShell)
    filing = KeyFilter("shell__filing", Filing, "key", "filing",
                       label="Counts toward a shell of this filing (key); repeat for several.")
    updated_at = MomentRangeFilter()

    class Meta:
        model = SpaceObject
        fields = []


class CatalogImportFilterSet(RegistryFilterSet):
    file_name = contains("file_name")
    # not "format": ?format= asks for an export
    file_format = CharInFilter(field_name="format", label="Detected format, e.g. tle, omm_json; several comma-separated.")
    sha256 = CharInFilter()
    content_sha256 = CharInFilter()
    data_as_of = django_filters.DateFromToRangeFilter()
    created = django_filters.RangeFilter()
    updated = django_filters.RangeFilter()
    unchanged = django_filters.RangeFilter()
    rejected = django_filters.RangeFilter()
    duplicates_skipped = django_filters.RangeFilter()
    started_at = MomentRangeFilter()
    finished_at = MomentRangeFilter()
    status = django_filters.MultipleChoiceFilter(choices=CatalogImport.Status.choices)
    message = contains("message")

    class Meta:
        model = CatalogImport
        fields = []


class SyncRecordFilterSet(RegistryFilterSet):
    source = django_filters.MultipleChoiceFilter(choices=SyncRecord.Source.choices)
    url = contains("url")
    started_at = MomentRangeFilter()
    finished_at = MomentRangeFilter()
    bytes = django_filters.RangeFilter()
    created = django_filters.RangeFilter()
    updated = django_filters.RangeFilter()
    unchanged = django_filters.RangeFilter()
    rejected = django_filters.RangeFilter()
    outcome = django_filters.MultipleChoiceFilter(choices=SyncRecord.Outcome.choices)
    message = contains("message")
    etag = CharInFilter()
    last_modified = CharInFilter()
    content_sha256 = CharInFilter()

    class Meta:
        model = SyncRecord
        fields = []
