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

import math
import re
from dataclasses import dataclass, replace
from datetime import date

from . import codes as c
from .bands import biu_provision
from .calendar import add_days, add_months, add_years, days_between
from .common import (Context, Judgement, build, closed_reason, effective_due, judge_count, judge_deadline, known, not_applicable, not_computable, timing, waive)
from .deployment import Reading
from .facts import FilingFacts, Notice
from .projection import share
from .results import MilestoneResult
from .rulesets import Param, RuleSet

RES35_CODES = ("res35_m1", "res35_m2", "res35_m3")
CANCELLATION = ("cancellation: frequency assignments not brought into use within the regulatory period are "
                "cancelled by the Bureau (RR No. 11.44), and the information published under Nos. 9.2B/9.38 "
                "with them (RR No. 11.48)")
IF_MISSED = "if missed: "
C_1144C, C_1144D = "No. 11.44C", "No. 11.44D"
RES35_ALL_CODES = RES35_CODES + ("res35_post", "res35_m0")  # the order of ITU_CODES
IF_RES35 = "If Resolution 35 applies: "
CONDITIONAL_RES35 = (IF_RES35 + "its band table (resolves 1) is not confirmed for this filing's bands; "
                     "these results follow it only if it applies")


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
#
# Read from the adopted text; every number is a param of the edition naming its resolves. Conventions:
# - a milestone's due date is the expiry of its period, and it is judged on the count ON that day (the
#   boundary convention of common.py); its report_due_date is when the deployment information is due;
# - a count declared in a report on record (facts.notices) wins over the catalog; where none is on record
#   the catalog count stands in, and the result says it is inferred;
# - M1 / M2 are missed by fewer than 10 % / 50 % of the total rounded down to the lower integer
#   (resolves 11 a), b)); "100 %" is met by N or N - 1 (resolves 4, 11 c)); after a miss the total may be
#   no more than 10 x / 2 x / 1 x the number declared deployed (resolves 11), and the later milestones are
#   measured against that total (the latest notified: a modification on record, else the cap, inferred);
# - a suspension under No. 11.49 moves no date (resolves 18): nothing here reads it but a note.

M0_NUMBERS = (("2", ""), ("3", ""))
POST_NUMBERS = (("19", ""), ("20", ""))


@dataclass(frozen=True)
class Res35Step:
    """One milestone of resolves 7 (or 8): judged on the count as of `due`, reported by `report_due`."""

    code: str
    due: date
    report_due: date
    provision: str
    pct: Param
    reduction: Param
    date_params: tuple[Param, ...]
    resolves: str  # '7' or '8'
    letter: str  # 'a', 'b' or 'c'


@dataclass(frozen=True)
class Res35M0:
    """The report of resolves 2 (or 3): the deployment as of `due`, reported by `report_due`."""

    due: date
    report_due: date
    provision: str
    params: tuple[Param, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Total:
    """The total number of satellites a milestone is measured against: the latest notified (resolves 11)."""

    count: int | None
    since: date | None = None  # when it took this value (None: as filed)
    how: str = "as filed"


def cite(*provisions: str) -> str:
    """'X resolves 8 a)' and 'X resolves 11 a)' -> 'X resolves 8 a), 11 a)': one citation, as the text numbers it."""
    heads, tails = [], []
    for provision in provisions:
        head, sep, tail = provision.rpartition("resolves ")
        if not sep:
            return "; ".join(dict.fromkeys(provisions))
        heads.append(head)
        tails.append(tail)
    if len(set(heads)) > 1:
        return "; ".join(dict.fromkeys(provisions))
    return f"{heads[0]}resolves {', '.join(dict.fromkeys(tails))}"


def _cites(provision: str, number: str, letter: str = "") -> bool:
    """Does a notice's provision ('resolves 7 a)', 'Res. 35 resolves 2') name this resolves?"""
    _, sep, tail = provision.lower().rpartition("resolves")
    if not sep:
        return False
    text = tail.replace(" ", "")
    pattern = rf"(?<!\d){number}{letter}\)" if letter else rf"(?<!\d){number}(?!\d)(?![a-c]\))"
    return re.search(pattern, text) is not None


def res35_transitional(receipt: date, rs: RuleSet) -> bool:
    """resolves 3 / 8: the 7-year period of No. 11.44 expired before 1 January 2021."""
    return end_of_period(receipt, rs) < rs.value("res35_transition_cutoff")


def res35_schedule(receipt: date, rs: RuleSet) -> tuple[Res35Step, ...]:
    """M1-M3: 2/5/7 years after the end of the regulatory period, reported 30 days later (resolves 7); or,
    when that period ended before 1 January 2021, as of 1 January 2023/2026/2028 reported by 1 February
    (resolves 8). A transitional step cites the fixed date it uses."""
    end = end_of_period(receipt, rs)
    cutoff = rs.param("res35_transition_cutoff")
    transitional = end < cutoff.value
    steps = []
    for n, (code, letter) in enumerate(zip(RES35_CODES, "abc"), start=1):
        pct, factor = rs.param(f"res35_m{n}_pct"), rs.param(f"res35_m{n}_reduction_factor")
        if transitional:
            fixed, report = rs.param(f"res35_transitional_m{n}"), rs.param(f"res35_transitional_m{n}_report")
            due, report_due, used, resolves = fixed.value, report.value, (cutoff, fixed, report), "8"
            provision = cite(fixed.provision, pct.provision)
            if pct.value == 100:
                provision = cite(rs.param("res35_full_minus").provision, provision)
        else:
            years, days = rs.param(f"res35_m{n}_years"), rs.param("res35_report_days")
            due = add_years(end, years.value)
            report_due, used, resolves = add_days(due, days.value), (cutoff, years, days), "7"
            provision = rs.provision(code).citation
        steps.append(Res35Step(code, due, report_due, provision, pct, factor,
                               (rs.param("biu_years"),) + used, resolves, letter))
    return tuple(steps)


def res35_m0(receipt: date, brought_into_use_on: date | None, rs: RuleSet) -> Res35M0:
    """resolves 2: the deployment information is due 30 days after the end of the 7-year period (No. 11.44) or
    30 days after the end of the 90-day period (No. 11.44C), whichever is later; resolves 3: by 1 February
    2021 when the 7-year period ended before 1 January 2021 (the deployment as of that day)."""
    end = end_of_period(receipt, rs)
    cutoff, exit_ = rs.param("res35_transition_cutoff"), rs.param("res35_m0_exit_pct")
    if end < cutoff.value:
        fixed = rs.param("res35_transitional_m0_report")
        return Res35M0(cutoff.value, fixed.value, cite(fixed.provision, exit_.provision),
                       (rs.param("biu_years"), cutoff, fixed, exit_), (
                           f"7-year period ended on {end.isoformat()}, before {cutoff.value.isoformat()}: "
                           f"deployment as of {cutoff.value.isoformat()}",))
    days = rs.param("res35_m0_report_days")
    params = (rs.param("biu_years"), cutoff, days, exit_)
    provision = cite(days.provision, exit_.provision)
    if brought_into_use_on is None:
        return Res35M0(end, add_days(end, days.value), provision, params, (
            "the end of the No. 11.44C 90-day period is not recorded: if it comes after "
            f"{end.isoformat()}, the report is due {days.value} days after it instead",))
    last = last_day_of_biu_period(brought_into_use_on, rs)
    later = max(end, last)
    which = "the No. 11.44C 90-day period" if last > end else "the 7-year period (No. 11.44)"
    return Res35M0(later, add_days(later, days.value), provision, params + (rs.param("biu_period_days"),),
                   (f"deployment as of the end of {which}, {later.isoformat()}",))


def res35(ctx: Context, rs: RuleSet) -> list[MilestoneResult]:
    reason = _res35_inapplicable(ctx, rs)
    if reason:
        return [not_applicable(rs.spec(code), reason) for code in RES35_ALL_CODES]
    receipt = ctx.facts.date_of_receipt
    if receipt is None:
        results = [not_computable(rs.spec(code), ("date_of_receipt",)) for code in RES35_ALL_CODES]
    else:
        results = _res35_results(ctx, rs, receipt)
    if ctx.facts.res35_applies is None:  # resolves 1 unknown: computed, shown as conditional, never dropped
        results = [replace(r, title=IF_RES35 + r.title, assumptions=(CONDITIONAL_RES35,) + r.assumptions)
                   for r in results]
    return results


def _res35_inapplicable(ctx: Context, rs: RuleSet) -> str | None:
    if ctx.facts.res35_applies is False:
        return "Res. 35 does not apply: bands/services outside the Res. 35 table"
    receipt = ctx.facts.date_of_receipt
    if receipt is not None and judge_biu(ctx, rs, end_of_period(receipt, rs)).status == c.MISSED:
        return "not brought into use within the regulatory period: " + CANCELLATION
    return None


def _res35_results(ctx: Context, rs: RuleSet, receipt: date) -> list[MilestoneResult]:
    m0, complete = res35_m0_result(ctx, rs, receipt)
    total, milestones, earlier = Total(ctx.facts.satellites_filed), [], ""
    for step in res35_schedule(receipt, rs):
        if complete:
            spec = replace(rs.spec(step.code), provision=step.provision)
            milestones.append(not_applicable(spec, complete))
            continue
        result, total, complete = res35_milestone(ctx, rs, step, total, earlier)
        milestones.append(result)
        earlier = ""
        if result.due_date is not None and ctx.as_of <= result.due_date and result.status != c.WAIVED:
            earlier = (f"if {c.MILESTONE_LABELS[step.code]} is missed on {result.due_date.isoformat()}, this "
                       f"milestone is measured against the reduced total ({_short(step.reduction.provision)})")
    return milestones + [res35_post(ctx, rs, receipt, total), m0]


# --- helpers shared by the Res. 35 results ---

def _report(ctx: Context, day: date, numbers: tuple[tuple[str, str], ...],
            until: date | None = None) -> Notice | None:
    """The latest Res. 35 report on record (known as of as_of) for the deployment as of `day`: its as_of is
    that day, or its provision names one of `numbers` and (with `until`) it came between `day` and `until`."""
    found = [n for n in ctx.facts.notices_of("res35_report", ctx.as_of)
             if n.as_of == day or (any(_cites(n.provision, num, letter) for num, letter in numbers)
                                   and (until is None or day <= n.submitted_on < until))]
    return max(found, key=lambda n: n.submitted_on) if found else None


def _declared(report: Notice) -> Reading:
    what = f"report {report.provision}".strip() if report.provision else "Res. 35 report"
    return Reading(report.satellites_declared, "declared", report.as_of or report.submitted_on,
                   f"{what} submitted on {report.submitted_on.isoformat()}")


def _total_on(ctx: Context, day: date, total: Total) -> Total:
    """A modification on record (submitted by `day`, known as of as_of, not older than `total`) replaces it."""
    mods = [n for n in ctx.facts.notices_of("res35_modification", min(day, ctx.as_of))
            if n.total_after is not None and (total.since is None or n.submitted_on >= total.since)]
    if not mods:
        return total
    latest = max(mods, key=lambda n: n.submitted_on)
    return Total(latest.total_after, latest.submitted_on,
                 f"modification on record, submitted on {latest.submitted_on.isoformat()}")


def _reminder_note(rs: RuleSet, report_due: date, provision: str) -> str:
    days = rs.param("res35_reminder_days")
    return (f"deployment information due by {report_due.isoformat()} ({provision}); the Bureau's reminder "
            f"no later than {add_days(report_due, -days.value).isoformat()} ({_short(days.provision)})")


def _no_report(rs: RuleSet, cancellation: bool) -> str:
    first, second = rs.param("res35_first_reminder_days"), rs.param("res35_second_reminder_days")
    then = ("the Bureau keeps taking the entry into account until the Radio Regulations Board decides to "
            "cancel it (resolves 17 a))" if cancellation else
            "the Bureau suppresses the orbital parameters of the satellites not in the last complete deployment "
            "information and no longer considers the assignments under Nos. 9.36, 11.32 or 11.32A (resolves 17 b))")
    return (f"the Bureau sends a reminder ({first.value} days to answer, {_short(first.provision)}), then a "
            f"second ({second.value} days, {_short(second.provision)}); failing the information, {then}")


def _short(provision: str) -> str:
    """'Res. 35 (...) resolves 15' -> 'resolves 15', for a citation inside a sentence."""
    _, sep, tail = provision.rpartition("resolves ")
    return f"resolves {tail}" if sep else provision


def _suspension_notes(ctx: Context) -> tuple[str, ...]:
    suspended = known(ctx.facts.suspended_on, ctx.as_of)
    days = [n.submitted_on for n in ctx.facts.notices_of("suspension", ctx.as_of)]
    day = suspended or (min(days) if days else None)
    if day is None:
        return ()
    return (f"use suspended under No. 11.49 from {day.isoformat()}: the milestones and their requirements are "
            "unchanged (resolves 18)",)


# --- resolves 2, 3, 5, 6: the report at the end of the regulatory period (M0) ---

def res35_m0_result(ctx: Context, rs: RuleSet, receipt: date) -> tuple[MilestoneResult, str | None]:
    """The M0 report, and the exit: 100 % (N or N - 1) reported at M0 means resolves 7 to 18 do not apply."""
    step = res35_m0(receipt, known(ctx.facts.brought_into_use_on, ctx.as_of), rs)
    spec = replace(rs.spec("res35_m0"), provision=step.provision)
    params = list(step.params) + [rs.param("res35_full_minus"), rs.param("res35_reminder_days")]
    relief = effective_due(ctx.facts, "res35_m0", step.due, ctx.as_of)
    due = relief.due
    report_due = add_days(due, days_between(step.due, step.report_due))
    total = _total_on(ctx, due, Total(ctx.facts.satellites_filed)).count
    full = None if total is None else max(total - rs.value("res35_full_minus"), 0)
    notes = list(step.notes) + list(relief.notes) + [_reminder_note(rs, report_due, _short(step.provision))]
    notes += _suspension_notes(ctx)
    report = _report(ctx, step.due, M0_NUMBERS)
    consequence, complete = "", None
    if report is not None:
        late = report.submitted_on > report_due
        declared = report.satellites_declared
        reading = _declared(report) if declared is not None else None
        judgement = Judgement(c.MISSED if late else c.MET, deployed=declared, reading=reading,
                              notes=(f"report submitted on {report.submitted_on.isoformat()}",))
        if late:
            consequence = f"report submitted after {report_due.isoformat()}: " + _no_report(rs, True)
        if declared is not None and full is not None:
            if declared >= full:
                complete = (f"{declared:,} of {total:,} satellites (100 %, resolves 4) reported at the end of the "
                            f"regulatory period: resolves 7 to 18 do not apply (resolves 6); post-milestone "
                            f"reports follow (resolves 19)")
                notes.append(complete)
            else:
                notes.append(f"{declared:,} of {total:,} satellites reported, fewer than 100 %: the assignments "
                             f"are subject to resolves 7 to 18 (resolves 5 b))")
    else:
        measure = rs.value("deployment_measure")
        reading = ctx.series.reading_at(min(due, ctx.as_of), measure)
        count = reading.count if reading else None
        if ctx.as_of <= report_due:
            judgement = Judgement(timing(report_due, ctx.as_of, ctx.warning_days), deployed=count, reading=reading)
            consequence = f"if no report by {report_due.isoformat()}: " + _no_report(rs, True)
        else:
            judgement = Judgement(c.NOT_COMPUTABLE, deployed=count, reading=reading, missing=("res35_report",),
                                  notes=(f"no deployment report on record (due by {report_due.isoformat()})",))
            consequence = "if none was sent: " + _no_report(rs, True)
        if full is not None:
            notes.append(f"if 100 % ({full:,} or more of {total:,}, resolves 4) is deployed and reported, "
                         "resolves 7 to 18 do not apply (resolves 6)")
    if relief.waived:
        judgement = waive(judgement)
        consequence = ""
    return build(spec, params, judgement, due_date=due, original_due_date=relief.original,
                 report_due_date=report_due, notes=notes, consequence=consequence), complete


# --- resolves 7 to 12: the milestones and the reductions ---

def res35_required(total: int, step: Res35Step, rs: RuleSet) -> int:
    """The fewest satellites that are not 'less than' the share of resolves 11: 10 % / 50 % of the total rounded
    down to the lower integer (11 a), b)); for 100 %, N - 1 (resolves 4)."""
    if step.pct.value == 100:
        return max(total - rs.value("res35_full_minus"), 0)
    return share(total, step.pct.value, rs.value("res35_rounding"))


def _times(factor: int, what: str) -> str:
    return what if factor == 1 else f"{factor} x {what}"


def _exemption_note(ctx: Context, rs: RuleSet, step: Res35Step) -> str:
    """resolves 12: no resolves 11 a) for periods ended before 28 Nov 2022, on conditions not on record."""
    before, by = rs.param("res35_m1_exemption_before"), rs.param("res35_m1_exemption_annex2_by")
    if step.letter != "a" or end_of_period(ctx.facts.date_of_receipt, rs) >= before.value:
        return ""
    return (f"resolves 12: the 7-year period ended before {before.value.isoformat()}, so resolves 11 a) does not "
            f"apply if the Annex 2 information was submitted by {by.value.isoformat()} and the Radio Regulations "
            "Board or WRC-23 made a favourable determination; neither is recorded, so this result holds only "
            "without that exemption")


def _judge_milestone(ctx: Context, due: date, required: int, report: Notice | None, measure: str) -> Judgement:
    """A declared count on record decides (resolves 9 a), b): reached early counts); else the catalog."""
    declared = report.satellites_declared if report is not None else None
    if declared is not None and (declared >= required or ctx.as_of > due):
        return Judgement(c.MET if declared >= required else c.MISSED, required, declared, _declared(report),
                         notes=(f"{declared:,} satellites declared deployed in the report on record",))
    judgement = judge_count(ctx, due, required, measure)
    if ctx.as_of > due and judgement.deployed is not None:
        judgement = replace(judgement, notes=judgement.notes + (
            "no deployment report on record: the catalog count on the milestone date stands in (inferred)",))
    return judgement


def res35_milestone(ctx: Context, rs: RuleSet, step: Res35Step, total: Total,
                    earlier: str = "") -> tuple[MilestoneResult, Total, str | None]:
    """One milestone judged against the latest notified total; returns the result, the total the next milestone
    is measured against, and why the milestone process is complete (100 % reported), if it is."""
    spec = replace(rs.spec(step.code), provision=step.provision)
    mod_days, factor = rs.param("res35_modification_days"), step.reduction
    params = list(step.date_params) + [step.pct, rs.param("res35_reminder_days")]
    relief = effective_due(ctx.facts, step.code, step.due, ctx.as_of)
    due = relief.due
    report_due = add_days(due, days_between(step.due, step.report_due))
    reported_under = f"resolves {step.resolves} {step.letter})"
    notes = list(relief.notes) + [_reminder_note(rs, report_due, reported_under)]
    exemption = _exemption_note(ctx, rs, step)
    notes += [n for n in (exemption, earlier) if n]
    notes += _suspension_notes(ctx)
    total = _total_on(ctx, due, total)
    if total.count is None:
        return (not_computable(spec, ("satellites_filed",), params, due_date=due, report_due_date=report_due),
                total, None)
    params.append(rs.param("res35_full_minus") if step.pct.value == 100 else rs.param("res35_rounding"))
    required = res35_required(total.count, step, rs)
    if total.how != "as filed":
        notes.append(f"measured against a total of {total.count:,} ({total.how}; resolves 11)")
    report = _report(ctx, step.due, ((step.resolves, step.letter),))
    judgement = _judge_milestone(ctx, due, required, report, rs.value("deployment_measure"))
    if relief.waived:
        judgement = waive(judgement)
    deployed = judgement.deployed or 0
    cap = min(total.count, factor.value * deployed)
    mod_due = add_days(due, mod_days.value)
    unless = "unless exempt under resolves 12 (not recorded), " if exemption else ""
    consequence, count, after = "", None, total
    if judgement.status == c.MISSED:
        params += [factor, mod_days]
        consequence = (f"{unless}the total may be no more than {cap:,} ({_times(factor.value, f'{deployed:,}')} "
                       f"declared deployed), down from {total.count:,}: the modification is due by "
                       f"{mod_due.isoformat()} ({_short(factor.provision)})")
        count = cap
        after = Total(cap, due, f"inferred: at most {factor.value} x {deployed:,} deployed on {due.isoformat()}"
                      + (", unless exempt under resolves 12" if exemption else ""))
        mods = [n for n in ctx.facts.notices_of("res35_modification", ctx.as_of)
                if n.total_after is not None and due <= n.submitted_on]
        if mods:
            mod = max(mods, key=lambda n: n.submitted_on)
            verdict = "within" if mod.total_after <= cap else "above"
            late = "" if mod.submitted_on <= mod_due else ", after the 90 days"
            notes.append(f"modification on record, submitted on {mod.submitted_on.isoformat()}{late}: total "
                         f"{mod.total_after:,}, {verdict} the cap of {cap:,}")
    elif judgement.status in c.OPEN_STATUSES:
        params += [factor, mod_days]
        consequence = (f"if missed (fewer than {required:,} deployed on {due.isoformat()}): {unless}the total may "
                       f"be no more than {_times(factor.value, 'the number declared deployed')} (today "
                       f"{_times(factor.value, f'{deployed:,}')} = {cap:,}), the modification due by "
                       f"{mod_due.isoformat()} ({_short(factor.provision)})")
        count = cap
    if report is None and judgement.status != c.WAIVED:
        if ctx.as_of <= report_due:
            if consequence:
                consequence += f"; if no report by {report_due.isoformat()}: " + _no_report(rs, False)
        else:
            notes.append(f"no deployment report on record (due by {report_due.isoformat()}); if none was sent: "
                         + _no_report(rs, False))
    complete = None
    declared = report.satellites_declared if report is not None else None
    if declared is not None and declared >= total.count - rs.value("res35_full_minus"):
        complete = (f"100 % of the total ({declared:,} of {total.count:,}, resolves 4) reported on "
                    f"{report.submitted_on.isoformat()}: the milestone process is complete (resolves 9 b), 10 c)); "
                    "post-milestone reports follow (resolves 19)")
    result = build(spec, params, judgement, due_date=due, original_due_date=relief.original,
                   report_due_date=report_due, notes=notes, consequence=consequence, consequence_count=count)
    return result, after, complete


# --- resolves 19 to 21: post-milestone reports ---

def res35_post_x(n: int, rs: RuleSet) -> float:
    """resolves 21: X = 50 % of N for N <= 340; N - 67 log10(N) for 340 < N <= 4,950; 95 % of N above."""
    if n <= rs.value("res35_post_small_max"):
        return n * rs.value("res35_post_small_pct") / 100
    if n <= rs.value("res35_post_mid_max"):
        return n - rs.value("res35_post_log_coefficient") * math.log10(n)
    return n * rs.value("res35_post_pct") / 100


def res35_post_required(n: int, rs: RuleSet) -> int:
    """The fewest whole satellites that are not 'less than X' (resolves 21): X when X is whole, else the next
    whole number (a count c is less than X exactly when c < ceil(X)). Exact integers outside the log range."""
    if n <= rs.value("res35_post_small_max"):
        return share(n, rs.value("res35_post_small_pct"), "ceil")
    if n <= rs.value("res35_post_mid_max"):
        return math.ceil(res35_post_x(n, rs))
    return share(n, rs.value("res35_post_pct"), "ceil")


def res35_post_reports(receipt: date, rs: RuleSet):
    """(count date, report due, provision) of the reports of resolves 19, then 20, in order, without end.

    resolves 19: 30 days after the expiry of the 11-year period after the end of the 7-year period (by 1 February
    2032 under resolves 3, the count as of 1 January 2032); resolves 20: 30 days after the expiry of a four-year
    period from the due date of the resolves 19 submission, "and every four years thereafter": the k-th is 30 days
    after 4 k years from that due date."""
    years, days = rs.param("res35_post_years"), rs.param("res35_post_report_days")
    interval = rs.param("res35_post_interval_years")
    cutoff = rs.value("res35_transition_cutoff")
    end = end_of_period(receipt, rs)
    if end < cutoff:
        first = rs.param("res35_transitional_post_report")
        first_count, first_due, provision = add_years(cutoff, years.value), first.value, first.provision
    else:
        first_count = add_years(end, years.value)
        first_due, provision = add_days(first_count, days.value), years.provision
    yield first_count, first_due, provision
    k = 1
    while True:
        count_day = add_years(first_due, interval.value * k)
        yield count_day, add_days(count_day, days.value), interval.provision
        if count_day == date.max:
            return
        k += 1


def res35_post(ctx: Context, rs: RuleSet, receipt: date, total: Total) -> MilestoneResult:
    """resolves 19-21: the count reported at each post-milestone report against X of the Master Register total;
    below X at one report and still below X on the due date of the next: the total is aligned with the number
    deployed, within 90 days after that due date. Applied provisionally from 1 January 2025 (further resolves)."""
    names = ("res35_post_years", "res35_post_report_days", "res35_post_interval_years", "res35_post_small_max",
             "res35_post_small_pct", "res35_post_log_coefficient", "res35_post_mid_max", "res35_post_pct",
             "res35_post_modification_days", "res35_post_from", "res35_reminder_days")
    params = [rs.param(name) for name in names]
    if res35_transitional(receipt, rs):
        params.append(rs.param("res35_transitional_post_report"))
    p21, mod_days = rs.param("res35_post_pct").provision, rs.value("res35_post_modification_days")
    start = rs.value("res35_post_from")
    past, upcoming = [], None
    for report in res35_post_reports(receipt, rs):
        if report[1] < start:
            continue
        if report[0] >= ctx.as_of:
            upcoming = report
            break
        past.append(report)
    first_count = (past or [upcoming])[0][0]
    if total.count is None:
        return not_computable(rs.spec("res35_post"), ("satellites_filed",), params, due_date=first_count)
    measure = rs.value("deployment_measure")
    provisional = (f"resolves 19 to 23 apply provisionally as of {start.isoformat()} (further resolves)",)

    def threshold(day: date) -> tuple[int, float, int, str]:
        n_total = _total_on(ctx, day, total)
        n = n_total.count
        x, req = res35_post_x(n, rs), res35_post_required(n, rs)
        return n, x, req, (f"X = {x:,.1f} for N = {n:,} ({n_total.how}): fewer than X means fewer than "
                           f"{req:,} (resolves 21)")

    def reported(count_day: date) -> Reading | None:
        found = _report(ctx, count_day, POST_NUMBERS, add_years(count_day, rs.value("res35_post_interval_years")))
        if found is not None and found.satellites_declared is not None:
            return _declared(found)
        return ctx.series.reading_at(count_day, measure)

    def result(judgement: Judgement, report, notes, consequence="", count=None, due=None) -> MilestoneResult:
        count_day, report_due, provision = report
        spec = replace(rs.spec("res35_post"), provision=cite(provision, p21))
        notes = list(notes) + [_reminder_note(rs, report_due, _short(provision))] + list(provisional)
        return build(spec, params, judgement, due_date=due or count_day, report_due_date=report_due,
                     notes=notes, consequence=consequence, consequence_count=count)

    def if_below(next_due: date) -> str:
        return (f"the total must be reduced to the number deployed if it is still below X on {next_due.isoformat()}"
                f" (the due date of the next report), the modification due by "
                f"{add_days(next_due, mod_days).isoformat()} ({_short(p21)})")

    if not past:  # the first report (resolves 19) is ahead
        n, x, req, x_note = threshold(upcoming[0])
        judgement = judge_count(ctx, upcoming[0], req, measure)
        following = next((r for r in res35_post_reports(receipt, rs) if r[0] > upcoming[0]), None)
        consequence = ""
        if judgement.status in c.OPEN_STATUSES and following is not None:  # None: the calendar ends first
            consequence = f"if fewer than X = {x:,.1f} at this report: " + if_below(following[1])
        return result(judgement, upcoming, (x_note,), consequence, None)
    last = past[-1]
    n, x, req, x_note = threshold(last[0])
    reading = reported(last[0])
    if reading is None:
        return result(Judgement(c.NOT_COMPUTABLE, req, missing=("deployment",), notes=(
            f"no deployment count on or before {last[0].isoformat()}",)), last, (x_note,))
    before = None
    if len(past) > 1:
        prev = past[-2]
        prev_reading, prev_req = reported(prev[0]), threshold(prev[0])[2]
        if prev_reading is not None and prev_reading.count < prev_req:
            before = f"{prev_reading.count:,} reported as of {prev[0].isoformat()}, below X"
    if before is not None:  # the second look of resolves 21: on the due date of this report
        due = last[1]
        if ctx.as_of > due:
            remains = reading if reading.measure == "declared" else ctx.series.reading_at(due, measure)
            if remains is not None and remains.count < req:
                judgement = Judgement(c.MISSED, req, remains.count, remains, notes=(before,))
                consequence = (f"below X at two reports: the total must be aligned with the {remains.count:,} "
                               f"deployed (down from {n:,}), the modification due by "
                               f"{add_days(due, mod_days).isoformat()} ({_short(p21)})")
                return result(judgement, last, (x_note,), consequence, remains.count, due=due)
        else:
            judgement = judge_count(ctx, due, req, measure)
            judgement = replace(judgement, notes=judgement.notes + (before,))
            consequence = "" if judgement.status == c.MET else "if still below X: " + if_below(due)
            count = judgement.deployed if consequence else None
            return result(judgement, last, (x_note,), consequence, count, due=due)
    if reading.count < req:  # below X at this report: the next one decides
        n2, x2, req2, x2_note = threshold(upcoming[0])
        judgement = judge_count(ctx, upcoming[1], req2, measure)
        judgement = replace(judgement, notes=judgement.notes + (
            f"{reading.count:,} reported as of {last[0].isoformat()}, below X = {x:,.1f}",))
        consequence = "" if judgement.status == c.MET else if_below(upcoming[1])
        return result(judgement, upcoming, (x2_note,), consequence,
                      judgement.deployed if consequence else None, due=upcoming[1])
    judgement = Judgement(c.MET, req, reading.count, reading, notes=(
        f"next report as of {upcoming[0].isoformat()}, due by {upcoming[1].isoformat()}",))
    return result(judgement, last, (x_note,))
