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

from constellations.attribution import ASSIGNED, ASSIGNED_CONFIDENCE, INFERRED, ORBIT, SYSTEM
from constellations.deployment import attribution_on, conflicts_on
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
    carried_forward = serializers.BooleanField(
        help_text="True where as_of is past data_as_of or in the future: the last known count held, not observed.")
    confidence = serializers.ChoiceField(choices=[INFERRED], help_text="Catalog-derived counts are inferred.")
    data_note = serializers.CharField(help_text="The data date in words, as the pages and exports show it.")
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


class ConflictSerializer(serializers.Serializer):
    norad_id = serializers.IntegerField()
    filing = serializers.CharField(help_text="The filing (key) the satellite counts for.")
    step = serializers.ChoiceField(choices=[ASSIGNED, ORBIT, SYSTEM], help_text="The step of the rule that "
                                   "assigned it: assigned (explicit), orbit (its first stable orbit in the "
                                   "filing's shells), system (a shell of the system the filing is a stage of).")
    since = serializers.DateField(allow_null=True, help_text="The date of the orbit judged (empty: assigned).")
    others = serializers.ListField(child=serializers.CharField(), help_text="The other filings (keys) that "
                                   "could hold it; it counts for none of them.")


class ConflictsSerializer(serializers.Serializer):
    constellation = serializers.CharField(help_text="The constellation (key).")
    as_of = serializers.DateField()
    data_as_of = serializers.DateField(allow_null=True)
    carried_forward = serializers.BooleanField()
    confidence = serializers.ChoiceField(choices=[INFERRED])
    data_note = serializers.CharField()
    count = serializers.IntegerField(help_text="Satellites listed (each once); the attribution's conflicts.")
    satellites = ConflictSerializer(many=True)


def constellation_conflicts(request, constellation) -> dict:
    as_of = date_param(request, "as_of", timezone.localdate())
    return {"constellation": constellation.key, **conflicts_on(constellation, as_of)}


def constellation_attribution(request, constellation) -> dict:
    as_of = date_param(request, "as_of", timezone.localdate())
    return {"constellation": constellation.key, **attribution_on(constellation, as_of)}
