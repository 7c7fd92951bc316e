"""Pieces every regime shares: the evaluation context, status judgements, result building.

Boundary convention for all count and deadline rules: the due date itself is in time.
- as_of <= due: not final yet (met early if the requirement is already reached);
- as_of >  due: final, judged on the count known ON the due date.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Sequence

from . import codes as c
from .calendar import days_between
from .deployment import DEFAULT_RATE_WINDOW_DAYS, DeploymentSeries, Reading
from .facts import FilingFacts
from .projection import per_month, projected_date, rate_needed_per_month
from .results import MilestoneResult
from .rulesets import UNCONFIRMED, Param, Spec, weakest

DEFAULT_WARNING_DAYS = 180


@dataclass(frozen=True)
class Context:
    facts: FilingFacts
    series: DeploymentSeries
    as_of: date
    warning_days: int = DEFAULT_WARNING_DAYS
    rate_window_days: int = DEFAULT_RATE_WINDOW_DAYS


@dataclass(frozen=True)
class Judgement:
    status: str
    required: int | None = None
    deployed: int | None = None
    reading: Reading | None = None
    missing: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    rate_needed: float | None = None
    projected: date | None = None
    rate_per_month: float | None = None

    def result_fields(self) -> dict:
        shortfall = None
        if self.required is not None and self.deployed is not None:
            shortfall = max(self.required - self.deployed, 0)
        return dict(
            status=self.status, required=self.required, deployed=self.deployed,
            shortfall=shortfall, rate_needed_per_month=self.rate_needed,
            projected_date=self.projected, projection_rate_per_month=self.rate_per_month,
            missing_facts=self.missing,
            deployment_source=self.reading.describe() if self.reading else "",
        )


def known(day: date | None, as_of: date) -> date | None:
    """A dated fact counts only once it has happened: evaluating as of an earlier date ignores it."""
    return day if day is not None and day <= as_of else None


def timing(due: date, as_of: date, warning_days: int) -> str:
    """Status of a deadline that has not passed yet (as_of <= due)."""
    return c.DUE_SOON if days_between(as_of, due) <= warning_days else c.UPCOMING


def _measure_note(reading: Reading | None, measure: str) -> tuple[str, ...]:
    if reading is None or reading.measure == measure:
        return ()
    return (f"{measure} count unknown; {reading.measure} count used",)


def judge_count(ctx: Context, due: date, required: int, measure: str) -> Judgement:
    """Has `required` been deployed by `due`? (deployment ON the due date counts)."""
    if ctx.as_of > due:
        return _judge_final(ctx, due, required, measure)
    return _judge_pending(ctx, due, required, measure)


def _judge_final(ctx: Context, due: date, required: int, measure: str) -> Judgement:
    reading = ctx.series.reading_at(due, measure)
    if reading is None:
        return Judgement(c.NOT_COMPUTABLE, required, missing=("deployment",),
                         notes=(f"no deployment count on or before {due.isoformat()}",))
    status = c.MET if reading.count >= required else c.MISSED
    return Judgement(status, required, reading.count, reading,
                     assumptions=_measure_note(reading, measure))


def _judge_pending(ctx: Context, due: date, required: int, measure: str) -> Judgement:
    reading = ctx.series.reading_at(ctx.as_of, measure)
    count = reading.count if reading else 0
    notes = () if reading else ("no deployment count yet; counted as 0",)
    if count >= required:
        notes += (f"requirement reached before the due date; it must still hold on {due.isoformat()}",)
        return Judgement(c.MET, required, count, reading, notes=notes,
                         assumptions=_measure_note(reading, measure))
    rate = ctx.series.recent_rate(ctx.as_of, ctx.rate_window_days, measure)
    return Judgement(
        timing(due, ctx.as_of, ctx.warning_days), required, count, reading, notes=notes,
        assumptions=_measure_note(reading, measure),
        rate_needed=rate_needed_per_month(count, required, ctx.as_of, due),
        projected=projected_date(count, required, ctx.as_of, rate),
        rate_per_month=per_month(rate),
    )


def judge_continuous(ctx: Context, start: date, required: int, measure: str) -> Judgement:
    """A keep-at-least rule that binds from the day after `start` (the milestone itself governs `start`).

    Before it binds it cannot be met yet: a count already at the requirement is noted, the status stays open."""
    if ctx.as_of <= start:
        pending = _judge_pending(ctx, start, required, measure)
        if pending.status != c.MET:
            return pending
        return replace(pending, status=timing(start, ctx.as_of, ctx.warning_days),
                       notes=tuple(n for n in pending.notes if not n.startswith("requirement reached")) + (
                           f"held today ({pending.deployed:,} of {required:,}); the duty binds from "
                           f"{start.isoformat()}",))
    reading = ctx.series.reading_at(ctx.as_of, measure)
    if reading is None:
        return Judgement(c.NOT_COMPUTABLE, required, missing=("deployment",))
    status = c.MET if reading.count >= required else c.MISSED
    return Judgement(status, required, reading.count, reading,
                     assumptions=_measure_note(reading, measure))


def judge_deadline(ctx: Context, due: date, done_on: date | None, fact: str) -> Judgement:
    """A one-off act (notice, bond) due by `due`; done ON the due date is in time."""
    done = known(done_on, ctx.as_of)
    if done is not None:
        return Judgement(c.MET if done <= due else c.MISSED,
                         notes=(f"done on {done.isoformat()}",))
    if ctx.as_of > due:
        return Judgement(c.NOT_COMPUTABLE, missing=(fact,),
                         notes=(f"no record of the {c.fact_label(fact)} by {due.isoformat()}",))
    return Judgement(timing(due, ctx.as_of, ctx.warning_days))


def unconfirmed_assumptions(params: Sequence[Param]) -> tuple[str, ...]:
    out = []
    for p in params:
        if p.confidence == UNCONFIRMED:
            note = f" ({p.note})" if p.note else ""
            out.append(f"{p.provision}: {p.name} = {_show(p.value)} is unconfirmed{note}")
    return tuple(out)


def _show(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def build(spec: Spec, params: Sequence[Param], judgement: Judgement, *,
          notes: Sequence[str] = (), assumptions: Sequence[str] = (), **extra) -> MilestoneResult:
    sources = tuple(dict.fromkeys(p.source for p in params))
    return MilestoneResult(
        code=spec.code, regime=spec.regime, title=spec.title, provision=spec.provision, edition=spec.edition,
        source="; ".join(sources), confidence=weakest(*params),
        notes=tuple(notes) + judgement.notes,
        assumptions=tuple(dict.fromkeys(
            tuple(assumptions) + judgement.assumptions + unconfirmed_assumptions(params))),
        **judgement.result_fields(), **extra,
    )


def not_applicable(spec: Spec, reason: str, params: Sequence[Param] = ()) -> MilestoneResult:
    return build(spec, params, Judgement(c.NOT_APPLICABLE), notes=(reason,))


def not_computable(spec: Spec, missing: Sequence[str], params: Sequence[Param] = (),
                   **extra) -> MilestoneResult:
    reason = "missing facts: " + ", ".join(missing)
    return build(spec, params, Judgement(c.NOT_COMPUTABLE, missing=tuple(missing)),
                 notes=(reason,), **extra)


def closed_reason(facts: FilingFacts) -> str | None:
    """Superseded, denied, withdrawn or cancelled filings carry no live obligations."""
    if facts.status in c.CLOSED_STATUSES:
        return f"filing is {facts.status}: no obligations tracked"
    return None


@dataclass(frozen=True)
class Relief:
    """The due date after grant conditions, waivers and extensions known as of the evaluation date."""

    due: date
    original: date | None = None  # the date an extension replaced
    waived: bool = False
    notes: tuple[str, ...] = ()


def effective_due(facts: FilingFacts, code: str, default: date, as_of: date) -> Relief:
    """Grant condition first (it replaces the default schedule), then the latest relief granted by as_of."""
    due, notes = default, ()
    condition = facts.condition_for(code)
    if condition is not None:
        due, notes = condition, (f"due date set by the grant: {condition.isoformat()}",)
    granted = sorted((w for w in facts.waivers if w.milestone_code == code
                      and w.granted_on <= as_of), key=lambda w: w.granted_on)
    if not granted:
        return Relief(due, notes=notes)
    latest = granted[-1]
    detail = f": {latest.note}" if latest.note else ""
    if latest.kind == "waiver":
        return Relief(due, waived=True,
                      notes=notes + (f"waived on {latest.granted_on.isoformat()}{detail}",))
    moved = (f"extended on {latest.granted_on.isoformat()} from {due.isoformat()} "
             f"to {latest.extended_to.isoformat()}{detail}")
    return Relief(latest.extended_to, original=due, notes=notes + (moved,))


def waive(judgement: Judgement) -> Judgement:
    """A waived milestone keeps its counts for information but has no status to chase."""
    return replace(judgement, status=c.WAIVED, rate_needed=None, projected=None,
                   rate_per_month=None)
