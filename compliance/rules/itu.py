"""ITU rules for non-GSO filings: RR Nos. 11.44, 11.44C, 11.49 and Resolution 35.

Figures, titles and citations live in each edition (`rulesets.ITU_RR_2024`); this module holds the logic.
Day counting for No. 11.44C: the first day of the 90-day period is day 1, so the period's
last day is start + 89 days, and the 30-day notice runs from that last day.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from . import codes as c
from .calendar import add_days, add_years
from .common import (Context, Judgement, build, closed_reason, effective_due, judge_continuous,
                     judge_count, judge_deadline, known, not_applicable, not_computable, timing, waive)
from .projection import share
from .results import MilestoneResult
from .rulesets import Param, RuleSet

RES35_CODES = ("res35_m1", "res35_m2", "res35_m3")
ASSUMED_RES35 = "Res. 35 assumed to apply: band table unconfirmed"
TRIGGER = "regulatory period counted from this filing's date of receipt (API vs CR trigger unconfirmed)"
CANCELLATION = ("marked for cancellation: frequency assignments not brought into use within the "
                "regulatory period (RR No. 11.44; cancellation procedure unconfirmed)")


def evaluate_itu(ctx: Context, rs: RuleSet) -> list[MilestoneResult]:
    reason = _inapplicable(ctx)
    if reason:
        return [not_applicable(rs.spec(code), reason) for code in c.ITU_CODES]
    return [biu(ctx, rs), biu_notice(ctx, rs), suspension(ctx, rs), *res35(ctx, rs)]


def _inapplicable(ctx: Context) -> str | None:
    facts = ctx.facts
    closed = closed_reason(facts)
    if closed:
        return closed
    if facts.regulator_key != "itu" or facts.kind not in c.ITU_KINDS:
        return f"ITU rules apply to ITU filings, not a {facts.regulator} {facts.kind}"
    return None


def end_of_period(receipt: date, rs: RuleSet) -> date:
    """RR No. 11.44: the regulatory period for bringing into use ends 7 years after receipt."""
    return add_years(receipt, rs.value("biu_years"))


def last_day_of_biu_period(start: date, rs: RuleSet) -> date:
    return add_days(start, rs.value("biu_period_days") - 1)  # start is day 1 of the 90


# --- RR No. 11.44 / 11.44C: bringing into use --------------------------------------------------

def _biu_params(ctx: Context, rs: RuleSet) -> list[Param]:
    """The 90-day rules only shape the outcome once a 90-day period is on record."""
    params = [rs.param("biu_years")]
    if known(ctx.facts.brought_into_use_on, ctx.as_of):
        params += [rs.param("biu_period_days"), rs.param("biu_date_is_period_start")]
    return params


def biu(ctx: Context, rs: RuleSet) -> MilestoneResult:
    spec, params = rs.spec("itu_biu"), _biu_params(ctx, rs)
    if ctx.facts.date_of_receipt is None:
        return not_computable(spec, ("date_of_receipt",), params)
    relief = effective_due(ctx.facts, spec.code, end_of_period(ctx.facts.date_of_receipt, rs), ctx.as_of)
    judgement = judge_biu(ctx, rs, relief.due)
    if relief.waived:
        judgement = waive(judgement)
    missed = judgement.status == c.MISSED
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, assumptions=(TRIGGER,),
                 consequence=CANCELLATION if missed else "", consequence_count=0 if missed else None)


def judge_biu(ctx: Context, rs: RuleSet, due: date) -> Judgement:
    start = known(ctx.facts.brought_into_use_on, ctx.as_of)
    if start is None:
        return _biu_not_started(ctx, due)
    last_day = last_day_of_biu_period(start, rs)
    anchor = start if rs.value("biu_date_is_period_start") else last_day
    period = f"90-day period from {start.isoformat()} to {last_day.isoformat()}"
    if anchor > due:
        return Judgement(c.MISSED, notes=(f"{period}: too late",))
    if last_day > ctx.as_of:  # period still running: not yet a bringing into use
        status = timing(due, ctx.as_of, ctx.warning_days) if ctx.as_of <= due else c.DUE_SOON
        return Judgement(status, notes=(f"{period} in progress",))
    return Judgement(c.MET, notes=(period,))


def _biu_not_started(ctx: Context, due: date) -> Judgement:
    if ctx.as_of > due:
        return Judgement(c.NOT_COMPUTABLE, missing=("brought_into_use_on",), notes=(
            "no bringing-into-use date recorded; if none occurred the filing is " + CANCELLATION,))
    return Judgement(timing(due, ctx.as_of, ctx.warning_days))


def biu_notice(ctx: Context, rs: RuleSet) -> MilestoneResult:
    """No. 11.44C: inform the Bureau within 30 days from the end of the 90-day period."""
    spec = rs.spec("itu_biu_notice")
    params = [rs.param("biu_period_days"), rs.param("biu_notice_days")]
    start = known(ctx.facts.brought_into_use_on, ctx.as_of)
    if start is None:
        return not_computable(spec, ("brought_into_use_on",), params)
    default = add_days(last_day_of_biu_period(start, rs), rs.value("biu_notice_days"))
    relief = effective_due(ctx.facts, spec.code, default, ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, ctx.facts.notice_for(spec.code), "notices_filed")
    if relief.waived:
        judgement = waive(judgement)
    late = "Bureau not informed in time: bringing into use may not be recognised (consequence unconfirmed)"
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, consequence=late if judgement.status == c.MISSED else "")


# --- RR No. 11.49: suspension -----------------------------------------------------------------

def suspension(ctx: Context, rs: RuleSet) -> MilestoneResult:
    spec, params = rs.spec("itu_suspension"), [rs.param("suspension_max_years")]
    suspended = known(ctx.facts.suspended_on, ctx.as_of)
    if suspended is None:
        return not_applicable(spec, "no suspension recorded")
    default = add_years(suspended, rs.value("suspension_max_years"))
    relief = effective_due(ctx.facts, spec.code, default, ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, ctx.facts.resumed_on, "resumed_on")
    if relief.waived:
        judgement = waive(judgement)
    lost = ("not brought back into use within the suspension limit: assignment liable to "
            "cancellation (mechanism unconfirmed)")
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=(f"suspended on {suspended.isoformat()}",) + relief.notes,
                 consequence=lost if judgement.status == c.MISSED else "")


# --- Resolution 35 ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Res35Step:
    code: str
    due: date
    provision: str
    pct: Param
    reduction: Param
    date_params: tuple[Param, ...]


def res35_schedule(receipt: date, rs: RuleSet) -> tuple[Res35Step, ...]:
    """M1-M3: 2/5/7 years after the end of the regulatory period (resolves 7), or the fixed
    transitional dates (resolves 8) when that period ended before the cutoff. A transitional step
    cites the provision of the fixed date it uses."""
    end = end_of_period(receipt, rs)
    cutoff = rs.param("res35_transition_cutoff")
    transitional = end < cutoff.value
    steps = []
    for n, code in enumerate(RES35_CODES, start=1):
        if transitional:
            fixed = rs.param(f"res35_transitional_m{n}")
            due, provision, used = fixed.value, fixed.provision, (fixed, cutoff)
        else:
            years = rs.param(f"res35_m{n}_years")
            due, provision, used = add_years(end, years.value), rs.provision(code).citation, (years,)
        steps.append(Res35Step(code, due, provision, rs.param(f"res35_m{n}_pct"),
                               rs.param(f"res35_m{n}_reduction_pct"), (rs.param("biu_years"),) + used))
    return tuple(steps)


def res35(ctx: Context, rs: RuleSet) -> list[MilestoneResult]:
    codes = RES35_CODES + ("res35_post",)
    reason = _res35_inapplicable(ctx, rs)
    if reason:
        return [not_applicable(rs.spec(code), reason) for code in codes]
    if ctx.facts.date_of_receipt is None:
        return [not_computable(rs.spec(code), ("date_of_receipt",)) for code in codes]
    assumed = (ASSUMED_RES35,) if ctx.facts.res35_applies is None else ()
    steps = res35_schedule(ctx.facts.date_of_receipt, rs)
    results = [res35_milestone(ctx, rs, step, assumed) for step in steps]
    return results + [res35_post(ctx, rs, results[-1].due_date, assumed)]


def _res35_inapplicable(ctx: Context, rs: RuleSet) -> str | None:
    if ctx.facts.res35_applies is False:
        return "Res. 35 does not apply: bands/services outside the Res. 35 table"
    receipt = ctx.facts.date_of_receipt
    if receipt is not None and judge_biu(ctx, rs, end_of_period(receipt, rs)).status == c.MISSED:
        return "not brought into use within the regulatory period: " + CANCELLATION
    return None


def _rounding_params(rs: RuleSet, total: int, pct: int) -> tuple[Param, ...]:
    """The rounding rule only matters (and only weakens confidence) when pct % of total is fractional."""
    return (rs.param("res35_rounding"),) if total * pct % 100 else ()


def res35_milestone(ctx: Context, rs: RuleSet, step: Res35Step,
                    assumed: tuple[str, ...]) -> MilestoneResult:
    spec = replace(rs.spec(step.code), provision=step.provision)
    params = list(step.date_params) + [step.pct]
    relief = effective_due(ctx.facts, step.code, step.due, ctx.as_of)
    report_due = add_days(relief.due, rs.value("res35_report_days"))
    report_note = (f"deployment information due by {report_due.isoformat()} "
                   f"({rs.value('res35_report_days')} days after the milestone: unconfirmed)")
    total = ctx.facts.satellites_filed
    if total is None:
        return not_computable(spec, ("satellites_filed",), params, due_date=relief.due,
                              report_due_date=report_due, assumptions=assumed)
    params += _rounding_params(rs, total, step.pct.value)
    required = share(total, step.pct.value, rs.value("res35_rounding"))
    judgement = judge_count(ctx, relief.due, required, rs.value("deployment_measure"))
    if relief.waived:
        judgement = waive(judgement)
    consequence, reduced = "", None
    if judgement.status == c.MISSED:
        params.append(step.reduction)
        reduced = min(total, judgement.deployed * 100 // step.reduction.value)
        consequence = (f"recorded number of satellites reduced from {total} to {reduced} "
                       f"(deployed {judgement.deployed} / {step.reduction.value} %; formula unconfirmed)")
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 report_due_date=report_due, notes=relief.notes + (report_note,),
                 assumptions=assumed, consequence=consequence, consequence_count=reduced)


def res35_post(ctx: Context, rs: RuleSet, m3_due: date, assumed: tuple[str, ...]) -> MilestoneResult:
    """After M3 the deployed number must stay at or above a share of the filed number (the
    edition's post-milestone procedure)."""
    spec, pct = rs.spec("res35_post"), rs.param("res35_post_pct")
    params = [pct]
    total = ctx.facts.satellites_filed
    if total is None:
        return not_computable(spec, ("satellites_filed",), params, due_date=m3_due, assumptions=assumed)
    params += _rounding_params(rs, total, pct.value)
    required = share(total, pct.value, rs.value("res35_rounding"))
    judgement = judge_continuous(ctx, m3_due, required, rs.value("deployment_measure"))
    fell = ("deployment below the post-milestone threshold: notify the Bureau and restore, or the "
            "recorded number may be reduced (procedure unconfirmed)")
    return build(spec, params, judgement, due_date=m3_due, assumptions=assumed,
                 notes=(f"applies continuously after {m3_due.isoformat()}; based on the filed number",),
                 consequence=fell if judgement.status == c.MISSED else "")
