"""FCC rules for NGSO authorisations: 47 CFR 25.164 (milestones), 25.161 (termination),
25.165 (surety bond). Figures, titles and citations live in each edition (`rulesets.FCC_PART25_2021`).
"""
from __future__ import annotations

import math
from datetime import date
from fractions import Fraction

from . import codes as c
from .calendar import add_days, add_years, days_between
from .common import (Context, build, closed_reason, effective_due, judge_continuous,
                     judge_count, judge_deadline, known, not_applicable, not_computable, waive)
from .projection import share
from .results import MilestoneResult
from .rulesets import FCC_PART25_2021, RuleSet

# milestone code -> (years param, percentage param, its report code)
MILESTONES = {"fcc_m50": ("m50_years", "m50_pct", "fcc_report_m50"),
              "fcc_m100": ("m100_years", "m100_pct", "fcc_report_m100")}


def evaluate_fcc(ctx: Context, rs: RuleSet) -> list[MilestoneResult]:
    reason = _inapplicable(ctx)
    if reason:
        return [not_applicable(rs.spec(code), reason) for code in c.FCC_CODES]
    if ctx.facts.grant_date is None:
        return [not_computable(rs.spec(code), ("grant_date",)) for code in c.FCC_CODES]
    bond_result = bond(ctx, rs)
    surrendered = known(ctx.facts.surrendered_on, ctx.as_of)
    if surrendered is not None:
        why = f"authorisation surrendered on {surrendered.isoformat()}"
        return [bond_result] + [not_applicable(rs.spec(code), why) for code in c.FCC_CODES[1:]]
    m50, m100 = milestone(ctx, rs, "fcc_m50"), milestone(ctx, rs, "fcc_m100")
    return [bond_result, m50, report(ctx, rs, "fcc_report_m50", m50),
            m100, report(ctx, rs, "fcc_report_m100", m100), maintain50(ctx, rs, m100)]


def _inapplicable(ctx: Context) -> str | None:
    facts = ctx.facts
    closed = closed_reason(facts)
    if closed:
        return closed
    if facts.regulator_key != "fcc" or facts.kind not in c.FCC_KINDS:
        return f"FCC Part 25 rules apply to FCC filings, not a {facts.regulator} {facts.kind}"
    if facts.status in c.PENDING_STATUSES:
        return "not granted: FCC milestones start at grant"
    if facts.grant_date is not None and facts.grant_date > ctx.as_of:
        return f"not granted as of {ctx.as_of.isoformat()}"
    return None


def _rounding(rs: RuleSet, total: int, pct: int) -> list:
    """25.164 gives no rounding rule; it only matters (and weakens confidence) for fractional shares."""
    return [rs.param("rounding")] if total * pct % 100 else []


def _falls_to(ctx: Context, day: date, authorised: int) -> int:
    """25.161(a)(2)/(d): authority survives only for stations in orbit on that day."""
    return min(authorised, ctx.series.count_at(day, "in_orbit") or 0)


def milestone(ctx: Context, rs: RuleSet, code: str) -> MilestoneResult:
    spec, (years_name, pct_name, _) = rs.spec(code), MILESTONES[code]
    pct = rs.param(pct_name)
    default = add_years(ctx.facts.grant_date, rs.value(years_name))
    params = [pct] if ctx.facts.condition_for(code) else [rs.param(years_name), pct]
    relief = effective_due(ctx.facts, code, default, ctx.as_of)
    total = ctx.facts.satellites_authorised
    if total is None:
        return not_computable(spec, ("satellites_authorised",), params, due_date=relief.due,
                              original_due_date=relief.original)
    params += _rounding(rs, total, pct.value)
    required = share(total, pct.value, rs.value("rounding"))
    judgement = judge_count(ctx, relief.due, required, rs.value("deployment_measure"))
    if relief.waived:
        judgement = waive(judgement)
    consequence, falls_to = "", None
    if judgement.status == c.MISSED:
        falls_to = _falls_to(ctx, relief.due, total)
        consequence = _termination(code, relief.due, total, falls_to)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, consequence=consequence, consequence_count=falls_to)


def _termination(code: str, due: date, total: int, falls_to: int) -> str:
    if falls_to == 0:
        text = "authorisation terminated in whole: no authorised station in orbit (25.161(a)(1))"
    else:
        text = (f"authority ends for satellites not in orbit on {due.isoformat()}: authorisation "
                f"falls from {total} to {falls_to} (25.161(a)(2))")
    if code == "fcc_m50":
        text += "; surety bond in default (25.165(c))"
    return text


def report(ctx: Context, rs: RuleSet, code: str, parent: MilestoneResult) -> MilestoneResult:
    """25.164(f): show compliance, or say it was not met, within 15 days after the deadline."""
    spec, days = rs.spec(code), rs.param("report_days")
    if parent.status == c.WAIVED:
        return not_applicable(spec, f"{parent.code} waived: no milestone to report on")
    relief = effective_due(ctx.facts, code, add_days(parent.due_date, days.value), ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, ctx.facts.notice_for(code), "notices_filed")
    if relief.waived:
        judgement = waive(judgement)
    late = "milestone report filed late (25.164(f))" if judgement.status == c.MISSED else ""
    return build(spec, [days], judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, consequence=late)


def maintain50(ctx: Context, rs: RuleSet, m100: MilestoneResult) -> MilestoneResult:
    """25.161(d): after the final milestone, keep half of the maximum authorised in service."""
    spec, pct = rs.spec("fcc_maintain50"), rs.param("maintain_pct")
    total = ctx.facts.satellites_authorised
    if total is None:
        return not_computable(spec, ("satellites_authorised",), [pct], due_date=m100.due_date)
    params = [pct] + _rounding(rs, total, pct.value)
    required = share(total, pct.value, rs.value("rounding"))
    judgement = judge_continuous(ctx, m100.due_date, required, rs.value("deployment_measure"))
    consequence, falls_to = "", None
    if judgement.status == c.MISSED:
        falls_to = _falls_to(ctx, ctx.as_of, total)
        consequence = (f"authority ends for satellites not in orbit on {ctx.as_of.isoformat()}: "
                       f"authorisation falls from {total} to {falls_to} (25.161(d))")
    return build(spec, params, judgement, due_date=m100.due_date, consequence=consequence,
                 consequence_count=falls_to,
                 notes=(f"applies continuously after {m100.due_date.isoformat()}; "
                        "based on the authorised number",))


# --- 25.165: surety bond ----------------------------------------------------------------------

def bond_due(grant: date, small_satellite: bool, rs: RuleSet = FCC_PART25_2021) -> date:
    """25.165(a): within 30 days of grant; 1 year and 30 days for 25.122/25.123 licensees."""
    start = add_years(grant, rs.value("bond_small_sat_years")) if small_satellite else grant
    return add_days(start, rs.value("bond_days"))


def bond_amount(grant: date, surrender: date, rs: RuleSet = FCC_PART25_2021) -> int:
    """25.165(a)(1): A = base + variable * D / cap, D = min(cap, days grant->surrender),
    rounded to the nearest $10,000 (exact halves round up)."""
    days = days_between(grant, surrender)
    if days < 0:
        raise ValueError("surrender before grant")
    cap, step = rs.value("bond_cap_days"), rs.value("bond_rounding_usd")
    exact = rs.value("bond_base_usd") + Fraction(rs.value("bond_variable_usd") * min(days, cap), cap)
    return math.floor(exact / step + Fraction(1, 2)) * step


def bond(ctx: Context, rs: RuleSet) -> MilestoneResult:
    spec, grant = rs.spec("fcc_bond"), ctx.facts.grant_date
    params = [rs.param("bond_days"), rs.param("bond_base_usd"), rs.param("bond_variable_usd"),
              rs.param("bond_cap_days"), rs.param("bond_rounding_usd")]
    if ctx.facts.small_satellite:
        params.append(rs.param("bond_small_sat_years"))
    relief = effective_due(ctx.facts, spec.code, bond_due(grant, ctx.facts.small_satellite, rs),
                           ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, ctx.facts.bond_posted_on, "bond_posted_on")
    if relief.waived:
        judgement = waive(judgement)
    surrendered = known(ctx.facts.surrendered_on, ctx.as_of)
    end = surrendered or ctx.as_of
    when = f"surrendered on {surrendered.isoformat()}" if surrendered else \
        f"if surrendered on {ctx.as_of.isoformat()}"
    if end < grant:  # a surrender dated before the grant (a data error), or an evaluation before the grant
        amount = None
        note = f"bond amount {when}: not computable, that date is before the grant on {grant.isoformat()}"
    else:
        amount = bond_amount(grant, end, rs)
        note = (f"bond amount {when}: ${amount:,} (payable on surrender before the first milestone "
                "is met, 25.165(c); released once it is met, 25.165(d))")
    void = "licence null and void automatically (25.165(a))" if judgement.status == c.MISSED else ""
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes + (note,), consequence=void, amount_usd=amount)
