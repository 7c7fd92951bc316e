"""The Django shell of the filing score: registry rows in, FilingScore rows out.

What is assumed where the registry is silent, and the deployment-feasibility formula, are documented in
``compliance.scoring_core`` (pure, shared with the bench); the arithmetic is ``constellations.engine``'s.

One ``ScoringRun`` fixes the analysis window and the as-of date, computes the Sun table once and the
capacity report over every live filing once, then scores any number of filings against them. The Celery
fan-out builds one run per task; the engine caches the Sun table per window and process, so a worker pays
for it once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from compliance import scoring_core as core
from compliance.evaluation import evaluate_filing, fcc_places, filings_for_evaluation
from compliance.models import FilingScore
from constellations import engine
from filings.models import Filing

DEFAULT_STEP_MINUTES = 60.0


def default_window(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The current UTC calendar year: stable all year, so every daily run reuses the same Sun table."""
    today = today or timezone.now().date()
    return dt.date(today.year, 1, 1), dt.date(today.year + 1, 1, 1)


def record_for(filing: Filing) -> core.FilingRecord:
    shells = tuple(
        core.ShellRecord(
            ordinal=s.ordinal,
            altitude_km=s.altitude_km,
            altitude_max_km=s.altitude_max_km,
            inclination_deg=s.inclination_deg,
            inclination_max_deg=s.inclination_max_deg,
            sun_synchronous=s.sun_synchronous,
            ltan_hours=core.ShellRecord.ltan_to_hours(s.ltan),
            planes=s.planes,
            per_plane=s.satellites_per_plane,
            satellites=s.satellites,
        )
        for s in filing.shells.all()
    )
    return core.FilingRecord(
        key=filing.key,
        administration=filing.administration.iso_code if filing.administration_id else "",
        status=filing.status,
        satellites_filed=filing.satellites_filed,
        satellites_authorised=filing.satellites_authorised,
        planes_total=filing.planes_total,
        shells=shells,
    )


def plan_for(filing: Filing) -> core.FilingPlan:
    """The one plan of a filing's engine inputs: what the score is built on and what the pages show."""
    return core.plan_filing(record_for(filing))


def filings_for_scoring():
    return filings_for_evaluation().prefetch_related("shells")


@dataclass
class Outcome:
    filing_key: str
    scored: bool
    total: float | None
    reason: str = ""


class ScoringRun:
    def __init__(self, start=None, end=None, as_of: dt.date | None = None,
                 step_minutes: float = DEFAULT_STEP_MINUTES):
        if start is None or end is None:
            default_start, default_end = default_window()
            start, end = start or default_start, end or default_end
        self.window = engine.make_window(start, end, step_minutes)  # EngineInputError names the parameter
        self.as_of = as_of or timezone.now().date()
        self.sun = engine.sun_directions(self.window)  # once per run (and cached per process)
        self.plans = {f.key: plan_for(f) for f in filings_for_scoring().live()}
        self.report = core.capacity_for(self.plans.values())
        self.fcc_places = fcc_places()  # each FCC filing's place in its system, read once per run
        self.attributions: dict = {}  # each constellation attributed once per run (constellations.deployment)

    def plan(self, filing: Filing) -> core.FilingPlan:
        return self.plans.get(filing.key) or plan_for(filing)

    def figures(self, filing: Filing) -> core.ScoreFigures:
        plan = self.plan(filing)
        if not plan.scorable:
            return core.unscored(plan)
        feasibility = core.deployment_feasibility(evaluate_filing(filing, self.as_of, places=self.fcc_places,
                                                                    memo=self.attributions))
        try:
            return core.score_plan(plan, self.sun, self.report, feasibility)
        except engine.EngineInputError as error:
            return core.unscored(plan, f"the engine refused an input: {error}")

    def score(self, filing: Filing) -> tuple[FilingScore, Outcome]:
        figures = self.figures(filing)  # all the work before the write
        row = store(filing, figures, self)
        return row, Outcome(filing.key, figures.total is not None, figures.total, figures.unscored_reason)


def store(filing: Filing, figures: core.ScoreFigures, run: ScoringRun) -> FilingScore:
    """One transaction: a reader (or a killed worker) sees the previous score or the new one, never a mix."""
    values = {
        **figures.row_values(),
        "computed_at": timezone.now(),
        "as_of": run.as_of,
        "window_start": run.window.start,
        "window_end": run.window.end,
        "step_minutes": run.window.step_minutes,
    }
    with transaction.atomic():
        row, _ = FilingScore.objects.update_or_create(filing=filing, defaults=values)
    return row


def refresh_scores(filings=None, start=None, end=None, as_of=None, step_minutes=DEFAULT_STEP_MINUTES,
                   progress=None) -> list[Outcome]:
    """Score every filing (or the given ones) in this process; ``progress(i, n, outcome)`` after each."""
    run = ScoringRun(start, end, as_of, step_minutes)
    filings = list(filings if filings is not None else filings_for_scoring())
    outcomes = []
    for i, filing in enumerate(filings, start=1):
        _, outcome = run.score(filing)
        outcomes.append(outcome)
        if progress:
            progress(i, len(filings), outcome)
    return outcomes


def score_one(filing_id: int, start=None, end=None, as_of=None, step_minutes=DEFAULT_STEP_MINUTES) -> Outcome | None:
    """Score a single filing (the Celery task's body); None when the filing no longer exists."""
    filing = filings_for_scoring().filter(pk=filing_id).first()
    if filing is None:
        return None
    _, outcome = ScoringRun(start, end, as_of, step_minutes).score(filing)
    return outcome
