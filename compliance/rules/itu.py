"""ITU rules for non-GSO filings: RR Nos. 11.44, 11.44C/11.44D, 11.48, 11.49 and Resolution 35.

Figures, titles and citations live in each edition (`rulesets.ITU_RR_2024`); this module holds the logic.
Day counting for No. 11.44C: the first day of the 90-day period is day 1, so the period's
last day is start + 89 days, and the 30-day notice runs from that last day.

Which date starts No. 11.44's seven years (`trigger`): the date of receipt of the relevant complete information
under No. 9.1 or 9.2 (systems not subject to coordination under Section II of Article 9) or under No. 9.30
(systems subject to it). A filing's `receipt_provision` names it; where it is not recorded, a coordination
request's date of receipt is its No. 9.30 date, and an advance publication's is read as its No. 9.1 date with
that assumption stated. Which rule says when the assignments count as brought into use (`biu_rule`): No.
11.44C for fixed-, mobile- and broadcasting-satellite systems (one satellite held 90 continuous days on a
notified plane), No. 11.44D for others (deployed on a notified plane); see bands.biu_provision.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from . import codes as c
from .bands import biu_provision
from .calendar import add_days, add_months, add_years
from .common import (Context, Judgement, build, closed_reason, effective_due, judge_continuous,
                     judge_count, judge_deadline, known, not_applicable, not_computable, timing, waive)
from .facts import FilingFacts
from .projection import share
from .results import MilestoneResult
from .rulesets import Param, RuleSet

RES35_CODES = ("res35_m1", "res35_m2", "res35_m3")
ASSUMED_RES35 = "Res. 35 assumed to apply: band table unconfirmed"
CANCELLATION = ("cancellation: frequency assignments not brought into use within the regulatory period are "
                "cancelled by the Bureau (RR No. 11.44), and the information published under Nos. 9.2B/9.38 "
                "with them (RR No. 11.48)")
IF_MISSED = "if missed: "
C_1144C, C_1144D = "No. 11.44C", "No. 11.44D"


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


# --- RR No. 11.44: which date of receipt starts the seven years -------------------------------------

def trigger(facts: FilingFacts) -> tuple[str, str]:
    """The provision the No. 11.44 date of receipt falls under ("No. 9.30", ...; "" if unknown), and the
    assumption made to name it ("" when recorded or implied by the filing's kind)."""
    if facts.receipt_provision:
        return f"No. {facts.receipt_provision}", ""
    if facts.kind == "itu_cr":
        return "No. 9.30", ""  # a coordination request is sent under No. 9.30
    if facts.kind == "itu_api":
        return "No. 9.1", ("date of receipt read as the No. 9.1 (advance publication) date; if the system is "
                           "subject to coordination (Section II of Article 9), RR No. 11.44 counts from the "
                           "No. 9.30 date of receipt instead")
    return "", ("provision of the date of receipt not recorded (RR No. 11.44: No. 9.1/9.2, or No. 9.30 "
                "for systems subject to coordination); the recorded date of receipt is used")


def biu_rule(facts: FilingFacts) -> tuple[str, str]:
    """No. 11.44C or No. 11.44D, and the assumption made where the services are not recorded."""
    rule, read = biu_provision(facts.bands, facts.res35_applies)
    if read:
        return rule, ""
    return rule, ("services not recorded: RR No. 11.44C (90 continuous days on a notified plane) assumed; "
                  "a system without fixed-, mobile- or broadcasting-satellite service needs only No. 11.44D")


def _biu_citation(spec_provision: str, facts: FilingFacts) -> str:
    trig, _ = trigger(facts)
    rule, _ = biu_rule(facts)
    start = f", from the date of receipt under {trig}" if trig else ""
    return f"{spec_provision}{start}; {rule}"


def _bureau_notes(end: date, rs: RuleSet) -> tuple[str, ...]:
    """Nos. 11.44 and 11.48: the Bureau informs the administration before it cancels."""
    three = add_months(end, -rs.value("biu_cancellation_warning_months"))
    six = add_months(end, -rs.value("publication_cancellation_warning_months"))
    return (f"the Bureau informs the administration by {six.isoformat()} (RR No. 11.48: at least six months "
            f"before the period ends) and by {three.isoformat()} (RR No. 11.44: at least three months before)",)


# --- RR No. 11.44 / 11.44C / 11.44D: bringing into use ------------------------------------------

def _biu_params(ctx: Context, rs: RuleSet) -> list[Param]:
    """The 90-day rules only shape the outcome once a 90-day period is on record (No. 11.44C)."""
    params = [rs.param("biu_years")]
    if known(ctx.facts.brought_into_use_on, ctx.as_of) and biu_rule(ctx.facts)[0] == C_1144C:
        params += [rs.param("biu_period_days"), rs.param("biu_date_is_period_start")]
    return params


def biu(ctx: Context, rs: RuleSet) -> MilestoneResult:
    base, params = rs.spec("itu_biu"), _biu_params(ctx, rs)
    spec = replace(base, provision=_biu_citation(base.provision, ctx.facts))
    assumptions = tuple(a for a in (trigger(ctx.facts)[1], biu_rule(ctx.facts)[1]) if a)
    if ctx.facts.date_of_receipt is None:
        return not_computable(spec, ("date_of_receipt",), params, assumptions=assumptions)
    end = end_of_period(ctx.facts.date_of_receipt, rs)
    relief = effective_due(ctx.facts, spec.code, end, ctx.as_of)
    judgement = judge_biu(ctx, rs, relief.due)
    if relief.waived:
        judgement = waive(judgement)
    status = judgement.status
    notes = relief.notes
    consequence, count = "", None
    if status == c.MISSED:
        consequence, count = CANCELLATION, 0
    elif status in c.OPEN_STATUSES:
        consequence = IF_MISSED + CANCELLATION
    if status in c.OPEN_STATUSES + (c.MISSED,):
        params += [rs.param("biu_cancellation_warning_months"), rs.param("publication_cancellation_warning_months")]
        notes += _bureau_notes(end, rs)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=notes, assumptions=assumptions, consequence=consequence, consequence_count=count)


def judge_biu(ctx: Context, rs: RuleSet, due: date) -> Judgement:
    start = known(ctx.facts.brought_into_use_on, ctx.as_of)
    if start is None:
        return _biu_not_started(ctx, due)
    if biu_rule(ctx.facts)[0] == C_1144D:  # deployment on a notified plane is bringing into use
        verdict = c.MET if start <= due else c.MISSED
        return Judgement(verdict, notes=(f"deployed on a notified orbital plane on {start.isoformat()} "
                                         f"(RR No. 11.44D)",))
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
            "no bringing-into-use date recorded; if none occurred the " + CANCELLATION,))
    return Judgement(timing(due, ctx.as_of, ctx.warning_days))


def _notice_on_record(ctx: Context, code: str) -> date | None:
    """The first bringing-into-use notice on record by as_of (Notice of kind biu_notice, or notices_filed)."""
    dates = [n.submitted_on for n in ctx.facts.notices_of("biu_notice", ctx.as_of)]
    legacy = known(ctx.facts.notice_for(code), ctx.as_of)
    if legacy is not None:
        dates.append(legacy)
    return min(dates, default=None)


def biu_notice(ctx: Context, rs: RuleSet) -> MilestoneResult:
    """No. 11.44C: inform the Bureau within 30 days from the end of the 90-day period.
    No. 11.44D: inform the Bureau not later than 30 days after the end of the No. 11.44 period."""
    rule, rule_assumed = biu_rule(ctx.facts)
    if rule == C_1144D:
        return _biu_notice_1144d(ctx, rs)
    spec = rs.spec("itu_biu_notice")
    params = [rs.param("biu_period_days"), rs.param("biu_notice_days")]
    assumptions = (rule_assumed,) if rule_assumed else ()
    start = known(ctx.facts.brought_into_use_on, ctx.as_of)
    if start is None:
        return _biu_notice_not_started(ctx, rs, spec, params, assumptions)
    default = add_days(last_day_of_biu_period(start, rs), rs.value("biu_notice_days"))
    return _notice_result(ctx, rs, spec, params, default, assumptions)


def _biu_notice_not_started(ctx, rs, spec, params, assumptions) -> MilestoneResult:
    """No 90-day period on record: the notice is not yet due while the regulatory period runs."""
    receipt = ctx.facts.date_of_receipt
    if receipt is None:
        return not_computable(spec, ("date_of_receipt", "brought_into_use_on"), params, assumptions=assumptions)
    end = end_of_period(receipt, rs)
    params = params + [rs.param("biu_years"), rs.param("biu_date_is_period_start")]
    if ctx.as_of > end:
        return not_computable(spec, ("brought_into_use_on",), params, assumptions=assumptions)
    last_start = end if rs.value("biu_date_is_period_start") else add_days(end, 1 - rs.value("biu_period_days"))
    latest = add_days(last_day_of_biu_period(last_start, rs), rs.value("biu_notice_days"))
    note = (f"due {rs.value('biu_notice_days')} days after the end of the 90-day period, which has not begun; "
            f"at the latest {latest.isoformat()} (a period beginning on {last_start.isoformat()})")
    return build(spec, params, Judgement(timing(latest, ctx.as_of, ctx.warning_days)), due_date=latest,
                 notes=(note,), assumptions=assumptions)


def _biu_notice_1144d(ctx: Context, rs: RuleSet) -> MilestoneResult:
    days = rs.param("biu_notice_1144d_days")
    spec = replace(rs.spec("itu_biu_notice"), provision=f"RR {C_1144D}")
    params = [rs.param("biu_years"), days]
    if ctx.facts.date_of_receipt is None:
        return not_computable(spec, ("date_of_receipt",), params)
    default = add_days(end_of_period(ctx.facts.date_of_receipt, rs), days.value)
    return _notice_result(ctx, rs, spec, params, default, ())


def _notice_result(ctx, rs, spec, params, default: date, assumptions) -> MilestoneResult:
    relief = effective_due(ctx.facts, spec.code, default, ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, _notice_on_record(ctx, spec.code), "biu_notice")
    if relief.waived:
        judgement = waive(judgement)
    late = ("Bureau not informed within the time the text gives: the notified date of bringing into use "
            "may not be recognised (the text states no other consequence)")
    consequence = _consequence(judgement.status, late)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, assumptions=assumptions, consequence=consequence)


def _consequence(status: str, what: str) -> str:
    """What a miss brings: stated once missed, announced while the deadline is open."""
    if status == c.MISSED:
        return what
    return IF_MISSED + what if status in c.OPEN_STATUSES else ""


# --- RR No. 11.49: suspension -----------------------------------------------------------------

def _suspension_dates(ctx: Context) -> tuple[date | None, date | None, date | None]:
    """(date of suspension, date brought back into use, date the Bureau was informed of the suspension),
    each as known on as_of: the filing's dates, else the suspension / resumption notices on record."""
    facts, as_of = ctx.facts, ctx.as_of
    notices = facts.notices_of("suspension", as_of)
    suspended = known(facts.suspended_on, as_of)
    if suspended is None and notices:
        suspended = known(notices[-1].as_of, as_of)
    if suspended is None:
        return None, None, None
    informed = min((n.submitted_on for n in notices if n.as_of in (None, suspended)), default=None)
    resumed = known(facts.resumed_on, as_of)
    if resumed is None:
        back = [n.as_of or n.submitted_on for n in facts.notices_of("resumption", as_of)]
        resumed = min((d for d in back if d >= suspended and d <= as_of), default=None)
    return suspended, resumed, informed


def suspension(ctx: Context, rs: RuleSet) -> MilestoneResult:
    spec = rs.spec("itu_suspension")
    params = [rs.param("suspension_max_years"), rs.param("suspension_notice_after_months")]
    suspended, resumed, informed = _suspension_dates(ctx)
    if suspended is None:
        return not_applicable(spec, "no suspension recorded")
    default = add_years(suspended, rs.value("suspension_max_years"))
    relief = effective_due(ctx.facts, spec.code, default, ctx.as_of)
    judgement = judge_deadline(ctx, relief.due, resumed, "resumed_on")
    if relief.waived:
        judgement = waive(judgement)
    lost = (f"not brought back into use within {rs.value('suspension_max_years')} years of the suspension "
            "(RR No. 11.49): the recorded assignments are liable to cancellation")
    consequence = _consequence(judgement.status, lost)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=(f"suspended on {suspended.isoformat()}",) + relief.notes
                 + _suspension_notice_notes(ctx, rs, suspended, resumed, informed),
                 consequence=consequence)


def _suspension_notice_notes(ctx, rs, suspended: date, resumed: date | None,
                             informed: date | None) -> tuple[str, ...]:
    """No. 11.49: a suspension exceeding six months must be notified (with its date) to the Bureau."""
    months = rs.value("suspension_notice_after_months")
    threshold = add_months(suspended, months)
    if resumed is not None and resumed <= threshold:
        return (f"back in use on {resumed.isoformat()}, within {months} months: no notice of suspension "
                "needed (RR No. 11.49)",)
    if resumed is None and ctx.as_of <= threshold:
        return (f"if still suspended after {threshold.isoformat()} the administration must inform the Bureau "
                "of the date of suspension (RR No. 11.49)",)
    told = (f"Bureau informed on {informed.isoformat()}" if informed is not None
            else "no notice of the suspension on record")
    return (f"suspended for more than {months} months (beyond {threshold.isoformat()}): the administration must "
            f"inform the Bureau of the date of suspension (RR No. 11.49); {told}",)


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
