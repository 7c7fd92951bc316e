"""``/api/v1/constellations/{id}/attribution/?as_of=YYYY-MM-DD``: which filing each satellite in orbit counts for.

The reconciliation of constellations.deployment.attribution_on: satellites per filing plus the unattributed ones
equal the constellation's satellites in orbit on ``as_of`` (default today). The same attribution feeds the
deployment series the milestones read (constellations.deployment.deployment_for), so both count alike.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from constellations.attribution import ASSIGNED_CONFIDENCE, INFERRED
from constellations.deployment import attribution_on
from slotwatch.api.params import date_param

ATTRIBUTION_PARAMETERS = [
    OpenApiParameter("as_of", OpenApiTypes.DATE, OpenApiParameter.QUERY,
                     description="The date counted, YYYY-MM-DD (default today)."),
]


class FilingShareSerializer(serializers.Serializer):
    filing = serializers.CharField(help_text="The filing (key).")
    satellites = serializers.IntegerField(help_text="Its satellites in orbit on as_of.")
    confidence = serializers.ChoiceField(
        choices=[INFERRED, ASSIGNED_CONFIDENCE],
        help_text="inferred: attributed from the catalog by the rule (orbits, dates); assigned: every one of "
        "them explicitly assigned to the filing.")


class AttributionSerializer(serializers.Serializer):
    constellation = serializers.CharField(help_text="The constellation (key).")
    as_of = serializers.DateField()
    data_as_of = serializers.DateField(
        allow_null=True, help_text="The latest catalog date the count rests on: as_of where the data reach it, "
        "else the newest imported file's date (a count carried forward past it); empty without catalog data.")
    element_sets_as_of = serializers.DateField(allow_null=True, help_text="The newest element-set snapshot.")
    decays_known_to = serializers.DateField(allow_null=True,
                                            help_text="The newest SATCAT imported: decays are known up to it.")
    in_orbit = serializers.IntegerField(help_text="The constellation's catalogued satellites in orbit on as_of.")
    filings = FilingShareSerializer(many=True, help_text="Each filing that can hold satellites, in the rule's order.")
    unattributed = serializers.IntegerField(help_text="Satellites in orbit that count for no filing.")
    unattributed_reasons = serializers.DictField(child=serializers.IntegerField(),
                                                 help_text="The unattributed ones by reason.")
    conflicts = serializers.IntegerField(help_text="Satellites whose orbit several filings could hold (assigned by "
                                         "the rule, counted once).")


def constellation_attribution(request, constellation) -> dict:
    as_of = date_param(request, "as_of", timezone.localdate())
    return {"constellation": constellation.key, **attribution_on(constellation, as_of)}
