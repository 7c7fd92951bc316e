"""What the pages show, gathered from the database and the two pure cores (rules and engine).

Views call these; they return plain values the templates and figure builders use. Every function
keeps its query count fixed (no per-row queries) except on-the-fly evaluation for an "as of" date
other than today, which runs the rules shell per filing (compliance.evaluation.evaluate_filing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.utils import timezone

from compliance.evaluation import deployment_by_filing, deployment_for, evaluate_filing, filings_for_evaluation
from compliance.models import Milestone
from filings.models import Filing

OPEN_STATUSES = ("due_soon", "upcoming")
CLOSED_FILING_STATUSES = ("superseded", "denied", "withdrawn", "cancelled")
AS_OF_MIN, AS_OF_YEARS_AHEAD = dt.date(1990, 1, 1), 30


def today() -> dt.date:
    return timezone.localdate()


def parse_as_of(raw: str | None) -> tuple[dt.date, str]:
    """The "as of" date from a query parameter: (date, error message or "")."""
    now = today()
    if not raw:
        return now, ""
    try:
        value = dt.date.fromisoformat(raw.strip())
    except ValueError:
        return now, f"“{raw[:40]}” is not a date (YYYY-MM-DD); showing today."
    latest = now.replace(year=now.year + AS_OF_YEARS_AHEAD)
    if not AS_OF_MIN <= value <= latest:
        return now, f"Choose a date between {AS_OF_MIN:%Y} and {latest:%Y}; showing today."
    return value, ""


class EvaluatedResult:
    """A rules-core MilestoneResult evaluated on the fly, with its filing, read like a Milestone row."""

    def __init__(self, filing: Filing, result):
        self.filing = filing
        self._result = result

    def __getattr__(self, name):
        return getattr(self._result, name)


@dataclass
class Results:
    items: list  # Milestone rows or EvaluatedResult
    as_of: dt.date
    stored: bool  # True: the materialised Milestone rows; False: evaluated on the fly
    evaluated_as_of: dt.date | None


def all_results(as_of: dt.date) -> Results:
    """Every filing's milestone results as of a date: today's stored rows, else evaluated now."""
    if as_of == today():
        rows = list(
            Milestone.objects.select_related("filing__administration", "filing__operator", "filing__constellation")
        )
        if rows:
            return Results(rows, as_of, True, max(r.evaluated_as_of for r in rows))
    filings = list(filings_for_evaluation())
    series = deployment_by_filing(filings)
    items = []
    for filing in filings:
        items += [EvaluatedResult(filing, r) for r in evaluate_filing(filing, as_of, deployment=series[filing.pk])]
    return Results(items, as_of, False, as_of)


def next_deadlines(results, as_of: dt.date, days: int = 365) -> list:
    end = as_of + dt.timedelta(days=days)
    rows = [r for r in results if r.status in OPEN_STATUSES and r.due_date and as_of <= r.due_date <= end]
    return sorted(rows, key=lambda r: (r.due_date, r.filing.name))


def at_risk(results) -> list:
    """Missed or due soon, or projected (at the current rate) to reach the requirement after the due date."""
    def risky(r):
        if r.status in ("missed", "due_soon"):
            return True
        return r.status == "upcoming" and r.projected_date and r.due_date and r.projected_date > r.due_date

    order = {"missed": 0, "due_soon": 1, "upcoming": 2}
    rows = [r for r in results if risky(r)]
    return sorted(rows, key=lambda r: (order.get(r.status, 3), r.due_date or dt.date.max, r.filing.name))


def late_projection(result) -> bool:
    return bool(result.projected_date and result.due_date and result.projected_date > result.due_date)


# -- change history (changelog.ChangeRecord, used when that app is installed) ---------------------------------


def _change_model():
    if not apps.is_installed("changelog"):
        return None
    try:
        return apps.get_model("changelog", "ChangeRecord")
    except LookupError:
        return None


def _describe(change) -> str:
    action = change.get_action_display() if hasattr(change, "get_action_display") else change.action
    fields = ", ".join(sorted(change.diff)) if isinstance(change.diff, dict) and change.action == "update" else ""
    who = change.user_name or "unknown"
    return f"{action} {change.object_repr}" + (f" ({fields})" if fields else "") + f" by {who} via {change.via}"


def changes(filing: Filing | None = None, limit: int = 10) -> list[dict] | None:
    """The latest change records ([{when, filing, text}]) of one filing (its own and its shells', conditions'
    and waivers') or of every filing; None when the change-record model is not installed."""
    model = _change_model()
    if model is None:
        return None
    from django.contrib.contenttypes.models import ContentType

    filing_type = ContentType.objects.get_for_model(Filing)
    queryset = model.objects.filter(Q(object_type=filing_type) | Q(related_type=filing_type))
    if filing is not None:
        queryset = queryset.filter(
            Q(object_type=filing_type, object_id=filing.pk) | Q(related_type=filing_type, related_id=filing.pk)
        )
    rows = list(queryset.order_by("-time", "-pk")[:limit])
    ids = {r.object_id if r.object_type_id == filing_type.pk else r.related_id for r in rows}
    filings = {f.pk: f for f in Filing.objects.filter(pk__in=ids)} if filing is None else {filing.pk: filing}
    return [{
        "when": r.time, "text": _describe(r),
        "filing": filings.get(r.object_id if r.object_type_id == filing_type.pk else r.related_id),
    } for r in rows]


def score_of(filing: Filing):
    """The filing's FilingScore row (compliance.scoring), or None where the model or the row is absent."""
    if not any(m.__name__ == "FilingScore" for m in apps.get_app_config("compliance").get_models()):
        return None
    try:
        return filing.score
    except ObjectDoesNotExist:
        return None


# -- deployment ---------------------------------------------------------------------------------------------


def deployment_points(filing: Filing):
    """The series the rules use for this filing, as [(date, in_orbit)], and its source label."""
    series = deployment_for(filing)
    return [(p.on, p.in_orbit) for p in series.points], series


def warning_days() -> int:
    return settings.SLOTWATCH_DUE_SOON_DAYS
