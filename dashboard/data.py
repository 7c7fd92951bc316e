"""What the pages show, gathered from the database and the two pure cores (rules and engine).

Views call these; they return plain values the templates and figure builders use. Every function
keeps its query count fixed (no per-row queries) except on-the-fly evaluation for an "as of" date
other than today, which runs the rules shell per filing (compliance.evaluation.evaluate_filing).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, F, Max, Q, Value, When
from django.utils import timezone

from changelog.models import ChangeRecord
from compliance.evaluation import evaluate_filing, fcc_places, filings_for_evaluation
from compliance.models import FilingScore, Milestone, is_at_risk
from compliance.rules.calendar import add_years
from compliance.rules.codes import DUE_SOON, MISSED, NOT_APPLICABLE, NOT_COMPUTABLE, OPEN_STATUSES, UPCOMING, WAIVED
from constellations.deployment import deployment_by_filing, deployment_for
from filings.models import Filing

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
    latest = add_years(now, AS_OF_YEARS_AHEAD)  # calendar-safe: on 29 February, 28 February 30 years on
    if not AS_OF_MIN <= value <= latest:
        return now, f"Choose a date between {AS_OF_MIN:%Y} and {latest:%Y}; showing today."
    return value, ""


class EvaluatedResult:
    """A rules-core MilestoneResult evaluated on the fly, with its filing, read like a Milestone row."""

    def __init__(self, filing: Filing, result):
        self.filing = filing
        self._result = result

    def __getattr__(self, name):
        if name.startswith("__") or name == "_result":  # unpickling (a cached page) asks before _result is set
            raise AttributeError(name)
        return getattr(self._result, name)


# Rows shown in each overview table; the caption gives the full count and links to the complete list.
OVERVIEW_ROWS = 50
DEADLINE_DAYS = 365
_RISK_ORDER = {MISSED: 0, DUE_SOON: 1, UPCOMING: 2}
_ROW_RELATIONS = ("filing__administration", "filing__operator", "filing__constellation")


@dataclass
class Table:
    rows: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.rows)


@dataclass
class Results:
    """Every filing's milestone results as of a date: today's stored Milestone rows (``stored``), queried for just
    what a page shows, or every filing evaluated on the fly for another date (``items``)."""

    as_of: dt.date
    stored: bool
    evaluated_as_of: dt.date | None
    items: list | None = None  # the evaluated results; None when stored

    def next_deadlines(self, days: int = DEADLINE_DAYS, limit: int | None = None) -> Table:
        limit = limit or OVERVIEW_ROWS
        end = self.as_of + dt.timedelta(days=days)
        if self.stored:
            rows = Milestone.objects.open_due_between(self.as_of, end)
            return _table(rows.select_related(*_ROW_RELATIONS).order_by("due_date", "filing__name", "pk"), limit)
        rows = [r for r in self.items if r.status in OPEN_STATUSES and r.due_date and self.as_of <= r.due_date <= end]
        return Table(sorted(rows, key=lambda r: (r.due_date, r.filing.name))[:limit], len(rows))

    def at_risk(self, limit: int | None = None) -> Table:
        limit = limit or OVERVIEW_ROWS
        if self.stored:
            order = Case(*(When(status=s, then=Value(n)) for s, n in _RISK_ORDER.items()), default=Value(3))
            rows = Milestone.objects.at_risk().select_related(*_ROW_RELATIONS).order_by(
                order, F("due_date").asc(nulls_last=True), "filing__name", "pk")
            return _table(rows, limit)
        rows = [r for r in self.items if is_at_risk(r)]
        rows.sort(key=lambda r: (_RISK_ORDER.get(r.status, 3), r.due_date or dt.date.max, r.filing.name))
        return Table(rows[:limit], len(rows))

    def targets(self) -> list[tuple[str, str, dt.date, int, str]]:
        """(constellation key, filing name, due date, required, status) of every dated requirement of a filing
        that belongs to a constellation: the steps the race chart draws."""
        skipped = (NOT_APPLICABLE, WAIVED, NOT_COMPUTABLE)
        if self.stored:
            return list(Milestone.objects.filter(filing__constellation__isnull=False, due_date__isnull=False,
                                                 required__gt=0).exclude(status__in=skipped)
                        .order_by().values_list("filing__constellation__key", "filing__name", "due_date", "required",
                                                "status"))
        return [(r.filing.constellation.key, r.filing.name, r.due_date, r.required, r.status) for r in self.items
                if r.filing.constellation_id and r.due_date and r.required and r.status not in skipped]


def _table(queryset, limit: int) -> Table:
    rows = list(queryset[:limit])
    return Table(rows, len(rows) if len(rows) < limit else queryset.count())


def all_results(as_of: dt.date) -> Results:
    """Every filing's milestone results as of a date: today's stored rows, else evaluated now."""
    if as_of == today():
        evaluated = Milestone.objects.aggregate(latest=Max("evaluated_as_of"))["latest"]
        if evaluated is not None:
            return Results(as_of, True, evaluated)
    filings = list(filings_for_evaluation().as_of(as_of))  # the registry as it stood on the date
    series = deployment_by_filing(filings)
    places = fcc_places()  # one query for every FCC filing's place in its system, not one each
    items = []
    for filing in filings:
        results = evaluate_filing(filing, as_of, deployment=series[filing.pk], places=places)
        items += [EvaluatedResult(filing, r) for r in results]
    return Results(as_of, False, as_of, items)


def late_projection(result) -> bool:
    return bool(result.projected_date and result.due_date and result.projected_date > result.due_date)


# -- change history (changelog.ChangeRecord) --------------------------------------------------------------------


def _describe(change: ChangeRecord) -> str:
    """What changed and through which channel; never who: the pages are public, and editors' user names are
    account names (staff read them in the admin's change records and through the API's /changes/)."""
    action = change.get_action_display()
    fields = ", ".join(sorted(change.diff)) if isinstance(change.diff, dict) and change.action == "update" else ""
    return f"{action} {change.object_repr}" + (f" ({fields})" if fields else "") + f" via {change.via}"


def changes(filing: Filing | None = None, limit: int = 10) -> list[dict]:
    """The latest change records ([{when, filing, text}]) of one filing (its own and its shells', conditions'
    and waivers') or of every filing."""
    filing_type = ContentType.objects.get_for_model(Filing)
    queryset = ChangeRecord.objects.filter(Q(object_type=filing_type) | Q(related_type=filing_type))
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


def score_of(filing: Filing) -> FilingScore | None:
    """The filing's FilingScore row (compliance.scoring), or None before it is first scored."""
    try:
        return filing.score
    except FilingScore.DoesNotExist:
        return None


# -- deployment ---------------------------------------------------------------------------------------------


def deployment_points(filing: Filing):
    """The series the rules use for this filing, as [(date, in_orbit)], and its source label."""
    series = deployment_for(filing)
    return [(p.on, p.in_orbit) for p in series.points], series


def warning_days() -> int:
    return settings.SLOTWATCH_DUE_SOON_DAYS
