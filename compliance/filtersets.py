"""Filters for milestones and scores, shared by the API and the pages. A filing's relations are named by key
(``administration=USA``, ``operator=kuiper``, ``constellation=kuiper``, ``filing=kuiper-gen1``); dates and numbers
take ranges."""

import django_filters

from compliance.models import FilingScore, Milestone
from compliance.rules import codes
from compliance.rules.rulesets import CONFIRMED, REPORTED, UNCONFIRMED
from constellations.models import Constellation
from filings.models import Administration, Filing, Operator
from slotwatch.filtersets import (
    KeyFilter, MomentRangeFilter, PresenceFilter, QuerySetMethodFilter, RegistryFilterSet, contains, ids, keys,
)

__all__ = ("FilingScoreFilterSet", "MilestoneFilterSet")


def date_range():
    return django_filters.DateFromToRangeFilter()


def number_range():
    return django_filters.RangeFilter()


class FilingRelationsFilterSet(RegistryFilterSet):
    """The filters every per-filing resource takes: filing, administration, operator, constellation."""

    filing = KeyFilter("filing", Filing, "key", "filing", label="The filing (key); repeat for several.")
    filing_id = ids("filing", Filing)
    administration = KeyFilter("filing__administration", Administration, "iso_code", "administration",
                               label="The filing's administration (ISO code); repeat for several.")
    operator = KeyFilter("filing__operator", Operator, "key", "operator",
                         label="The filing's operator (key); repeat for several.")
    constellation = KeyFilter("filing__constellation", Constellation, "key", "constellation",
                              label="The filing's constellation (key); repeat for several.")


class MilestoneFilterSet(FilingRelationsFilterSet):
    code = django_filters.MultipleChoiceFilter(choices=codes.choices(codes.MILESTONE_LABELS), label="Rule code.")
    regime = django_filters.MultipleChoiceFilter(choices=codes.choices(codes.REGIME_LABELS))
    status = django_filters.MultipleChoiceFilter(choices=Milestone.Status.choices)
    confidence = django_filters.MultipleChoiceFilter(
        choices=[(c, c) for c in (CONFIRMED, REPORTED, UNCONFIRMED)]
    )
    title = contains("title")
    provision = contains("provision")
    edition = keys("edition", "Rule-set edition that governed the result (e.g. ITU_RR_2024); several comma-separated.")
    source = contains("source")
    consequence = contains("consequence")
    deployment_source = contains("deployment_source")
    due_date = date_range()
    original_due_date = date_range()
    report_due_date = date_range()
    projected_date = date_range()
    evaluated_as_of = date_range()
    evaluated_at = MomentRangeFilter()
    required = number_range()
    deployed = number_range()
    shortfall = number_range()
    rate_needed_per_month = number_range()
    projection_rate_per_month = number_range()
    consequence_count = number_range()
    amount_usd = number_range()
    at_risk = QuerySetMethodFilter(
        "at_risk", label="true: missed, due soon, or projected to be reached after the due date (the dashboard's "
                         "'Filings at risk'); false: every other milestone.")

    class Meta:
        model = Milestone
        fields = []


class FilingScoreFilterSet(FilingRelationsFilterSet):
    as_of = date_range()
    computed_at = MomentRangeFilter()
    window_start = MomentRangeFilter()
    window_end = MomentRangeFilter()
    step_minutes = number_range()
    total = number_range()
    deployment_feasibility = number_range()
    contention = number_range()
    compute_yield = number_range()
    satellites = number_range()
    sunlit_mean = number_range()
    pflops_broadband = number_range()
    mwh_per_year_broadband = number_range()
    pflops_orbital_data_centre = number_range()
    mwh_per_year_orbital_data_centre = number_range()
    oversubscription_max = number_range()
    contending_count = number_range()
    scored = PresenceFilter(field_name="total", label="true: scored; false: not scored (see unscored_reason).")
    unscored_reason = contains("unscored_reason")

    class Meta:
        model = FilingScore
        fields = []
