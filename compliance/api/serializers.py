"""Milestones (stored and computed on the fly) and filing scores: read-only, relations named by key."""

import datetime as dt

from rest_framework import serializers

from compliance import risk as milestone_risk
from compliance.models import FilingScore, Milestone
from constellations.deployment import catalog_known_to, count_data_date
from slotwatch.api.serializers import BuiltFieldsMixin

__all__ = ("FilingScoreSerializer", "FilingMilestonesSerializer", "HypotheticalMilestonesSerializer",
           "MilestoneResultSerializer", "MilestoneSerializer")


STATUS_CHOICES = Milestone.Status.choices


def key_of(source: str, help_text: str = ""):
    return serializers.CharField(source=source, read_only=True, allow_null=True, default=None, help_text=help_text)


RISK_HELP = (
    "The milestone's risk (compliance.rules.risk): risk (on_track, uncertain, at_risk, met, missed), chance_of_meeting "
    "(0-1, bootstrap of the monthly additions), rate_needed_per_month against observed_cadence_per_month and its "
    "cadence_band (5th-95th percentile) over cadence_window, cadence_basis (constellation, operator or world), "
    "projection (a month, or 'not on track at the current rate' past 30 years), launches_per_year_needed with the "
    "vehicle's satellites per launch, and consequence_if_missed (never empty)."
)


def risk_of(serializer, filing, result, as_of):
    """The risk fields of one result; the context (per date) is built once per response."""
    if filing is None or as_of is None:
        return None
    contexts = serializer.context.setdefault("_risk_contexts", {})
    if as_of not in contexts:
        contexts[as_of] = milestone_risk.risk_context(as_of)
    return milestone_risk.risk_fields(filing, result, contexts[as_of])


def text_list(help_text: str):
    return serializers.ListField(child=serializers.CharField(), read_only=True, help_text=help_text)


class MilestoneSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    filing = key_of("filing.key", "The filing (key).")
    administration = key_of("filing.administration.iso_code", "The filing's administration (ISO code).")
    operator = key_of("filing.operator.key", "The filing's operator (key).")
    constellation = key_of("filing.constellation.key", "The filing's constellation (key).")
    missing_facts = text_list("Facts the rule needed and the registry does not have.")
    notes = text_list("How the result was reached.")
    assumptions = text_list("Estimates the result rests on.")
    status = serializers.ChoiceField(choices=STATUS_CHOICES, read_only=True)
    deployed_data_as_of = serializers.SerializerMethodField(
        help_text="The last date the catalog knew the deployed count on (evaluated_as_of if earlier); empty for "
        "published counts, which are dated by their reports.")
    deployed_carried_forward = serializers.SerializerMethodField(
        help_text="True where the deployed count is the catalog's last one held past its data date, or into the "
        "future; empty for published counts.")
    deployed_confidence = serializers.SerializerMethodField(
        help_text="inferred (from the catalog, never confirmed) or reported (published counts).")
    risk = serializers.SerializerMethodField(help_text=RISK_HELP)

    class Meta:
        model = Milestone
        fields = [
            "id", "filing", "administration", "operator", "constellation", "code", "regime", "title", "provision",
            "source", "confidence", "status", "due_date", "original_due_date", "report_due_date", "required",
            "deployed", "shortfall", "rate_needed_per_month", "projected_date", "projection_rate_per_month",
            "consequence", "consequence_count", "amount_usd", "missing_facts", "notes", "assumptions",
            "deployment_source", "deployed_data_as_of", "deployed_carried_forward", "deployed_confidence",
            "edition", "evaluated_as_of", "evaluated_at", "risk",
        ]
        read_only_fields = fields

    def get_risk(self, row) -> dict | None:
        return risk_of(self, row.filing, row, row.evaluated_as_of)

    def _dated(self, milestone):
        """The count's DataDate (None for a published count or none), the catalog's dates read once a response."""
        if milestone.deployed is None or not milestone.deployment_source.startswith("catalog"):
            return None
        root = self.root
        if not hasattr(root, "_catalog_known"):
            root._catalog_known = catalog_known_to()
        return count_data_date(milestone.evaluated_as_of, known=root._catalog_known)

    def get_deployed_data_as_of(self, milestone) -> dt.date | None:
        dated = self._dated(milestone)
        return dated.data_as_of if dated else None

    def get_deployed_carried_forward(self, milestone) -> bool | None:
        dated = self._dated(milestone)
        return dated.carried_forward if dated else None

    def get_deployed_confidence(self, milestone) -> str | None:
        if milestone.deployed is None or not milestone.deployment_source:
            return None
        return "inferred" if milestone.deployment_source.startswith("catalog") else "reported"


class MilestoneResultSerializer(serializers.Serializer):
    """One rule's result, computed now (compliance.rules.MilestoneResult)."""

    code = serializers.CharField()
    regime = serializers.CharField()
    title = serializers.CharField()
    provision = serializers.CharField()
    source = serializers.CharField()
    confidence = serializers.CharField()
    status = serializers.ChoiceField(choices=STATUS_CHOICES)
    due_date = serializers.DateField(allow_null=True)
    original_due_date = serializers.DateField(allow_null=True)
    report_due_date = serializers.DateField(allow_null=True)
    required = serializers.IntegerField(allow_null=True)
    deployed = serializers.IntegerField(allow_null=True)
    shortfall = serializers.IntegerField(allow_null=True)
    rate_needed_per_month = serializers.FloatField(allow_null=True)
    projected_date = serializers.DateField(allow_null=True)
    projection_rate_per_month = serializers.FloatField(allow_null=True)
    consequence = serializers.CharField(allow_blank=True)
    consequence_count = serializers.IntegerField(allow_null=True)
    amount_usd = serializers.IntegerField(allow_null=True)
    missing_facts = text_list("Facts the rule needed and the registry does not have.")
    notes = text_list("How the result was reached.")
    assumptions = text_list("Estimates the result rests on.")
    deployment_source = serializers.CharField(allow_blank=True)
    edition = serializers.CharField(allow_blank=True, help_text="The rule-set edition that governed (its key).")
    risk = serializers.SerializerMethodField(help_text=RISK_HELP + " Null for a hypothetical grant.")

    def get_risk(self, result) -> dict | None:
        return risk_of(self, self.context.get("filing"), result, self.context.get("as_of"))


class FilingMilestonesSerializer(serializers.Serializer):
    filing = serializers.CharField(help_text="The filing (key).")
    as_of = serializers.DateField(help_text="The date the rules were evaluated as of.")
    data_as_of = serializers.DateField(
        allow_null=True, help_text="Where a result's deployed count comes from the catalog: the last date the "
        "catalog knows (as_of if earlier); empty otherwise.")
    carried_forward = serializers.BooleanField(
        help_text="True where as_of is past data_as_of or in the future: the count is the last known one held.")
    deployed_confidence = serializers.ChoiceField(
        choices=["inferred", "reported"], allow_null=True,
        help_text="inferred: the deployed counts come from the catalog (never confirmed); reported: published "
        "counts; empty when no count is known.")
    data_note = serializers.CharField(allow_blank=True, help_text="The data date in words, as the pages show it.")
    results = MilestoneResultSerializer(many=True)


class HypotheticalResultSerializer(MilestoneResultSerializer):
    """A result that WOULD apply if the pending application were granted on the date asked for."""

    hypothetical = serializers.SerializerMethodField(help_text="Always true: what would apply, not what applies.")

    def get_hypothetical(self, result) -> bool:
        return True


class HypotheticalMilestonesSerializer(serializers.Serializer):
    """The milestones a pending FCC application would have if granted on ``hypothetical_grant`` (47 CFR 25.164(b),
    25.165(a) counted from that day, for the number of satellites applied for)."""

    filing = serializers.CharField(help_text="The filing (key).")
    as_of = serializers.DateField(help_text="The date evaluated as of: the later of as_of and the grant date.")
    hypothetical = serializers.BooleanField(help_text="Always true: labelled hypothetical.")
    hypothetical_grant = serializers.DateField(help_text="The grant date assumed.")
    results = HypotheticalResultSerializer(many=True)


class FilingScoreSerializer(BuiltFieldsMixin, serializers.ModelSerializer):
    filing = key_of("filing.key", "The filing (key).")
    administration = key_of("filing.administration.iso_code", "The filing's administration (ISO code).")
    operator = key_of("filing.operator.key", "The filing's operator (key).")
    components = serializers.JSONField(read_only=True, help_text="[{name, value, weight, weighted, explanation}]")

    class Meta:
        model = FilingScore
        fields = [
            "id", "filing", "administration", "operator", "computed_at", "as_of", "window_start", "window_end",
            "step_minutes", "unscored_reason", "total", "deployment_feasibility", "contention", "compute_yield",
            "components", "satellites", "sunlit_mean", "sunlit_by_shell", "pflops_broadband",
            "mwh_per_year_broadband", "pflops_orbital_data_centre", "mwh_per_year_orbital_data_centre", "yields",
            "oversubscription_max", "contending_count", "contending_filings", "bands", "assumptions", "inputs",
        ]
        read_only_fields = fields
