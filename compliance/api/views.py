from django.db.models import F

from compliance.filtersets import FilingScoreFilterSet, MilestoneFilterSet
from compliance.api.serializers import FilingScoreSerializer, MilestoneSerializer
from compliance.models import FilingScore, Milestone
from constellations.api.series import CountDate
from slotwatch.api.exports import Named
from slotwatch.api.viewsets import RegistryReadOnlyViewSet

__all__ = ("FilingScoreViewSet", "MilestoneViewSet")

FILING_KEYS = {
    "filing": "filing__key", "filing_name": Named("filing__name"),
    "administration": "filing__administration__iso_code", "administration_name": Named("filing__administration__name"),
    "operator": "filing__operator__key", "operator_name": Named("filing__operator__name"),
}


def nulls_last(*names):
    """Ordering names sorted with empty values last in both directions (the same on SQLite and PostgreSQL)."""
    return {name: (name,) for name in names}


class MilestoneViewSet(RegistryReadOnlyViewSet):
    """Each filing's milestones as of the last daily evaluation (``evaluated_as_of``): one row per rule.

    For another date, ``GET /api/v1/filings/{id}/milestones/?as_of=YYYY-MM-DD`` computes them on the fly.
    Empty dates and figures sort last either way.
    """

    queryset = Milestone.objects.select_related("filing__administration", "filing__operator",
                                                "filing__constellation")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilterSet
    # Rows are written by compliance.storage.store_batch, which bumps the results' version token itself.
    deferred_join = True  # page ids first, then the rows with their filing's relations (slotwatch.api.pagination)
    ordering = [F("due_date").asc(nulls_last=True), "filing__key", "code"]
    ordering_fields = ["id", "filing__key", "code", "regime", "status", "evaluated_as_of"]
    ordering_aliases = nulls_last(
        "due_date", "original_due_date", "report_due_date", "projected_date", "required", "deployed", "shortfall",
        "rate_needed_per_month", "amount_usd",
    )
    search_fields = ["filing__key", "filing__name", "title", "provision", "consequence"]
    export_columns = {
        "id": "id", **FILING_KEYS, "constellation": "filing__constellation__key", "code": "code",
        "regime": "regime", "title": "title", "provision": "provision", "source": "source",
        "confidence": "confidence", "status": "status", "due_date": "due_date",
        "original_due_date": "original_due_date", "report_due_date": "report_due_date", "required": "required",
        "deployed": "deployed", "shortfall": "shortfall", "rate_needed_per_month": "rate_needed_per_month",
        "projected_date": "projected_date", "projection_rate_per_month": "projection_rate_per_month",
        "consequence": "consequence", "consequence_count": "consequence_count", "amount_usd": "amount_usd",
        "missing_facts": "missing_facts", "notes": "notes", "assumptions": "assumptions",
        "deployment_source": "deployment_source",
        # the data date of the deployed count (constellations.deployment.count_data_date), as the pages say it
        "deployed_data_as_of": CountDate("data_as_of"), "deployed_carried_forward": CountDate("carried_forward"),
        "deployed_confidence": CountDate("confidence"),
        "evaluated_as_of": "evaluated_as_of", "evaluated_at": "evaluated_at",
    }
    export_name = "milestones"


SCORE_COMPONENTS = ["total", "deployment_feasibility", "contention", "compute_yield"]


class FilingScoreViewSet(RegistryReadOnlyViewSet):
    """The engine's score of each filing, with its components and their explanations (``components``).

    A filing that cannot be scored keeps a row with empty figures and ``unscored_reason``. Empty figures sort
    last either way.
    """

    queryset = FilingScore.objects.select_related("filing__administration", "filing__operator")
    serializer_class = FilingScoreSerializer
    filterset_class = FilingScoreFilterSet
    cacheable = False  # scores are written by compliance.scoring without touching the registry version
    export_version_field = "computed_at"  # set each time a score is written (slotwatch.api.export_cache)
    ordering = [F("total").desc(nulls_last=True), "filing__key"]
    ordering_fields = ["id", "filing__key", "computed_at", "as_of"]
    ordering_aliases = nulls_last(
        *SCORE_COMPONENTS, "satellites", "sunlit_mean", "pflops_broadband", "mwh_per_year_broadband",
        "pflops_orbital_data_centre", "mwh_per_year_orbital_data_centre", "oversubscription_max",
        "contending_count",
    )
    search_fields = ["filing__key", "filing__name", "unscored_reason"]
    export_columns = {
        "id": "id", **FILING_KEYS, "computed_at": "computed_at", "as_of": "as_of", "window_start": "window_start",
        "window_end": "window_end", "step_minutes": "step_minutes", "unscored_reason": "unscored_reason",
        **{name: name for name in SCORE_COMPONENTS}, "components": "components", "satellites": "satellites",
        "sunlit_mean": "sunlit_mean", "pflops_broadband": "pflops_broadband",
        "mwh_per_year_broadband": "mwh_per_year_broadband",
        "pflops_orbital_data_centre": "pflops_orbital_data_centre",
        "mwh_per_year_orbital_data_centre": "mwh_per_year_orbital_data_centre",
        "oversubscription_max": "oversubscription_max", "contending_count": "contending_count",
        "contending_filings": "contending_filings", "assumptions": "assumptions",
    }
    export_name = "scores"
