"""FCC rules for NGSO authorisations, to the letter of 47 CFR Part 25 (reference/primary/fcc-47cfr-25.txt):
25.164 (milestones), 25.161 (termination), 25.165 (surety bond). Figures, titles and citations live in each
edition (`rulesets.FCC_PART25_2021`).

What the text says, and where the code follows it:
- 25.164(b)(1)/(2): 50 % six years and all nine years "after the grant of the authorization" to "the recipient of
  an initial authorization": the schedule counts from the system's INITIAL grant (`FilingFacts.initial_grant_date`);
  a modification does not restart it, and a modification record carries no milestones or bond of its own
  (`FilingFacts.governed_by`: its results are not_applicable and name the record whose schedule governs).
- 25.164(b) "50 percent of the maximum number of space stations authorized": the least whole number of stations
  that is 50 percent or more, i.e. half rounded up (param `rounding`).
- 25.164(h): a system granted in stages takes the earliest of the stages' schedules for the entire system. ONE
  result covers the system: the earliest grant carries it, measured against the satellites of every stage known
  on the evaluation date; the later grants' results are not_applicable and name it.
- 25.164(f): within 15 days after each deadline, demonstrate compliance or say it was not met (a notice of kind
  fcc_certification on record answers it; before its due date it is upcoming, never "not computable").
- 25.161(a)(1)-(2): a (b)(1) or (b)(2) miss ends the authority for the stations not in orbit on the milestone
  date (technically identical replacements allowed), or the whole authorisation when none is in orbit; (b)(2)
  binds "a licensee that satisfies the requirement in paragraph (b)(1)".
- 25.161(d): after the 9-year milestone period, keep 50 percent of the maximum number authorised functional in
  authorised orbits, else authority ends for the stations not in orbit on the date of noncompliance.
- 25.165(a), (c), (d): bond within 30 days of grant; in default on surrender before the (b)(1) milestone is met
  or on a (b)(1) miss (never on (b)(2)); released once (b)(1) is met.
- Pending applications: `if_granted` gives the facts as if granted on a date; results are labelled hypothetical.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fractions import Fraction

from . import codes as c
from .calendar import add_days, add_years, days_between
from .common import (Context, Judgement, build, closed_reason, effective_due, judge_continuous,
                     judge_count, judge_deadline, known, not_applicable, not_computable, waive)
from .deployment import DeploymentPoint, DeploymentSeries
from .facts import FilingFacts, Notice, Stage
from .projection import share
from .results import MilestoneResult
from .rulesets import FCC_PART25_2021, RuleSet

# milestone code -> (years param, percentage param, the paragraph its 25.164(f) certification answers)
MILESTONES = {"fcc_m50": ("m50_years", "m50_pct", "(b)(1)"),
              "fcc_m100": ("m100_years", "m100_pct", "(b)(2)")}
REPORT_OF = {"fcc_report_m50": "fcc_m50", "fcc_report_m100": "fcc_m100"}
CERTIFICATION = "fcc_certification"


def evaluate_fcc(ctx: Context, rs: RuleSet) -> list[MilestoneResult]:
    reason = _inapplicable(ctx)
    if reason:
        return [not_applicable(rs.spec(code), reason) for code in c.FCC_CODES]
    if ctx.facts.grant_date is None and ctx.facts.initial_grant_date is None:
        return [not_computable(rs.spec(code), ("grant_date",)) for code in c.FCC_CODES]
    schedule = _schedule(ctx, rs)
    if schedule.head is not None:
        why = (f"granted in stages with {schedule.head}: the earliest schedule applies to the entire system and "
               f"one result covers it, on {schedule.head} (47 CFR 25.164(h))")
        return [not_applicable(rs.spec(code), why) for code in c.FCC_CODES]
    m50 = milestone(ctx, rs, schedule, "fcc_m50")
    bond_result = bond(ctx, rs, schedule, m50)
    surrendered = known(ctx.facts.surrendered_on, ctx.as_of)
    if surrendered is not None:
        why = f"authorisation surrendered on {surrendered.isoformat()}"
        return [bond_result] + [not_applicable(rs.spec(code), why) for code in c.FCC_CODES[1:]]
    m100 = milestone(ctx, rs, schedule, "fcc_m100", after=m50)
    return [bond_result, m50, report(ctx, rs, "fcc_report_m50", m50),
            m100, report(ctx, rs, "fcc_report_m100", m100), maintain50(ctx, rs, schedule, m50, m100)]


def _inapplicable(ctx: Context) -> str | None:
    facts = ctx.facts
    closed = closed_reason(facts)
    if closed:
        return closed
    if facts.regulator_key != "fcc" or facts.kind not in c.FCC_KINDS:
        return f"FCC Part 25 rules apply to FCC filings, not a {facts.regulator} {facts.kind}"
    if facts.governed_by:
        because = f"{facts.governed_because}: " if facts.governed_because else ""
        return f"{because}the schedule of {facts.governed_by} governs"
    if facts.status in c.PENDING_STATUSES:
        return "not granted: FCC milestones start at grant"
    start = _start(facts)
    if start is not None and start > ctx.as_of:
        return f"not granted as of {ctx.as_of.isoformat()}"
    return None


def _start(facts: FilingFacts) -> date | None:
    """25.164(b): the grant of the initial authorisation; a later grant of a modification does not restart it."""
    dates = [d for d in (facts.initial_grant_date, facts.grant_date) if d is not None]
    return min(dates) if dates else None


# --- the schedule: one grant, or a system granted in stages (25.164(h)) ----------------------------------------

@dataclass(frozen=True)
class Schedule:
    start: date  # the grant 25.164(b) and 25.165(a) count from
    total: int | None  # the maximum number of stations authorised that the milestones are measured against
    due: dict  # milestone code -> due date before waivers and extensions
    set_by_grant: dict  # milestone code -> True where a grant set the date instead of 25.164(b)
    notes: tuple[str, ...] = ()
    head: str | None = None  # set when another grant carries the system's result


def _schedule(ctx: Context, rs: RuleSet) -> Schedule:
    facts = ctx.facts
    stages = sorted((s for s in facts.stages if s.grant_date <= ctx.as_of), key=lambda s: (s.grant_date, s.name))
    if len(stages) > 1:
        return _staged(facts, rs, stages)
    start = _start(facts)
    due, by_grant = {}, {}
    for code, (years, _, _) in MILESTONES.items():
        condition = facts.condition_for(code)
        due[code] = condition or add_years(start, rs.value(years))
        by_grant[code] = condition is not None
    notes = ()
    if facts.grant_date is not None and start < facts.grant_date:
        notes = (f"counted from the initial grant on {start.isoformat()}, not from this record's grant on "
                 f"{facts.grant_date.isoformat()}: a modification does not restart 47 CFR 25.164(b)",)
    return Schedule(start, facts.satellites_authorised, due, by_grant, notes)


def _staged(facts: FilingFacts, rs: RuleSet, stages: Sequence[Stage]) -> Schedule:
    head = stages[0]
    own = head.filing_id == facts.filing_id if head.filing_id is not None else head.name == facts.name
    if not own:
        return Schedule(head.grant_date, None, {}, {}, head=head.name)
    due, by_grant = {}, {}
    for code, (years, _, _) in MILESTONES.items():
        own = [getattr(s, code.replace("fcc_", "") + "_due") for s in stages]
        dates = [d if d is not None else add_years(s.grant_date, rs.value(years)) for s, d in zip(stages, own)]
        due[code] = min(dates)
        by_grant[code] = own[dates.index(due[code])] is not None
    total = sum(s.satellites_authorised for s in stages)
    listed = "; ".join(f"{s.name}: {s.satellites_authorised:,} granted {s.grant_date.isoformat()}" for s in stages)
    note = (f"system granted in stages ({listed}): the earliest schedule applies to the entire system, measured "
            f"against the {total:,} satellites of all its grants (47 CFR 25.164(h))")
    start = min(d for d in (facts.initial_grant_date, head.grant_date) if d is not None)
    return Schedule(start, total, due, by_grant, (note,))


def _relief(ctx: Context, code: str, schedule: Schedule):
    """Waivers and extensions on record, applied to the schedule's date (a grant's date is already in it)."""
    plain = replace(ctx.facts, milestone_conditions=())
    relief = effective_due(plain, code, schedule.due[code], ctx.as_of)
    if schedule.set_by_grant[code]:
        relief = replace(relief, notes=(f"due date set by the grant: {schedule.due[code].isoformat()}",)
                         + relief.notes)
    return relief


# --- 25.164(b): the milestones -----------------------------------------------------------------------------

def _not_computable(spec, missing: tuple[str, ...], params, notes: tuple[str, ...], **extra) -> MilestoneResult:
    return build(spec, params, Judgement(c.NOT_COMPUTABLE, missing=missing),
                 notes=notes + ("missing facts: " + ", ".join(missing),), **extra)


def _rounding(rs: RuleSet, total: int, pct: int) -> list:
    """The rounding param matters (and is cited) only where pct % of the total is not a whole number."""
    return [rs.param("rounding")] if total * pct % 100 else []


def _in_orbit(ctx: Context, day: date, authorised: int) -> int:
    """25.161(a)(2)/(d): authority survives only for stations in orbit on that day."""
    return min(authorised, ctx.series.count_at(day, "in_orbit") or 0)


def certification(facts: FilingFacts, code: str, due: date, as_of: date,
                  original: date | None = None) -> Notice | None:
    """The 25.164(f) certification on record (by `as_of`) for milestone `code`: a notice of kind
    fcc_certification whose figures refer to the milestone date, or that names the milestone's paragraph."""
    paragraph = MILESTONES[code][2]
    for notice in facts.notices_of(CERTIFICATION, as_of):
        if notice.as_of is not None and notice.as_of in (due, original):
            return notice
        if notice.as_of is None and paragraph in notice.provision:
            return notice
    return None


def milestone(ctx: Context, rs: RuleSet, schedule: Schedule, code: str,
              after: MilestoneResult | None = None) -> MilestoneResult:
    spec, (years_name, pct_name, _) = rs.spec(code), MILESTONES[code]
    pct = rs.param(pct_name)
    params = [pct] if schedule.set_by_grant[code] else [rs.param(years_name), pct]
    relief = _relief(ctx, code, schedule)
    notes = schedule.notes + relief.notes
    if after is not None and after.status == c.MISSED:
        why = (f"47 CFR 25.164(b)(2) binds a licensee that met (b)(1); the (b)(1) miss on "
               f"{after.due_date.isoformat()} limited the authorisation to the {after.consequence_count:,} "
               "stations then in orbit (25.161(a)(2))")
        return not_applicable(spec, why, params)
    total = schedule.total
    if total is None:
        return _not_computable(spec, ("satellites_authorised",), params, notes, due_date=relief.due,
                               original_due_date=relief.original)
    params += _rounding(rs, total, pct.value)
    required = share(total, pct.value, rs.value("rounding"))
    judgement = judge_count(ctx, relief.due, required, rs.value("deployment_measure"))
    judgement = _with_certification(ctx, code, relief, judgement)
    if relief.waived:
        judgement = waive(judgement)
    consequence, falls_to = _consequence(ctx, code, relief.due, total, judgement)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=notes, consequence=consequence, consequence_count=falls_to)


def _with_certification(ctx: Context, code: str, relief, judgement: Judgement) -> Judgement:
    """The count the licensee declared in its 25.164(f) certification, shown next to the catalog's; it decides
    a passed milestone only where no deployment count is on record."""
    notice = certification(ctx.facts, code, relief.due, ctx.as_of, relief.original)
    if notice is None or notice.satellites_declared is None:
        return judgement
    declared = notice.satellites_declared
    said = f"declared in the 25.164(f) certification of {notice.submitted_on.isoformat()}: {declared:,} satellites"
    if judgement.status == c.NOT_COMPUTABLE and "deployment" in judgement.missing:
        status = c.MET if declared >= judgement.required else c.MISSED
        return Judgement(status, judgement.required, declared,
                         notes=(f"{said} (no deployment count on record; the declared count is used)",))
    shown = f" (catalog count: {judgement.deployed:,})" if judgement.deployed is not None else ""
    return replace(judgement, notes=judgement.notes + (said + shown,))


def _consequence(ctx: Context, code: str, due: date, total: int, judgement: Judgement) -> tuple[str, int | None]:
    """What a miss ends (25.161(a)), and for a milestone not yet decided what it would end with today's count."""
    if judgement.status == c.MISSED:
        falls_to = _in_orbit(ctx, due, total)
        return _termination(code, due, total, falls_to), falls_to
    if judgement.status in c.OPEN_STATUSES:
        today = _in_orbit(ctx, ctx.as_of, total)
        return (f"if missed: {_termination(code, due, total, today)} (with the {today:,} in orbit on "
                f"{ctx.as_of.isoformat()})"), today
    return "", None


def _termination(code: str, due: date, total: int, falls_to: int) -> str:
    if falls_to == 0:
        text = "authorisation terminated in whole: no authorised station in orbit (25.161(a)(1))"
    else:
        text = (f"authority ends for the stations not in orbit on {due.isoformat()}: authorisation falls from "
                f"{total:,} to {falls_to:,}, technically identical replacements allowed (25.161(a)(2))")
    if code == "fcc_m50":
        text += "; surety bond in default (25.165(c))"
    else:
        text += "; no bond default: 25.165(c) ties it to (b)(1) only"
    return text


# --- 25.164(f): the 15-day report ---------------------------------------------------------------------------

def report(ctx: Context, rs: RuleSet, code: str, parent: MilestoneResult) -> MilestoneResult:
    """25.164(f): demonstrate compliance, or say it was not met, within 15 days after the deadline."""
    spec, days = rs.spec(code), rs.param("report_days")
    if parent.status == c.WAIVED:
        return not_applicable(spec, f"{parent.code} waived: no milestone to report on", [days])
    if parent.status == c.NOT_APPLICABLE:
        return not_applicable(spec, f"{parent.code} does not apply: no milestone to report on", [days])
    relief = effective_due(ctx.facts, code, add_days(parent.due_date, days.value), ctx.as_of)
    notice = certification(ctx.facts, REPORT_OF[code], parent.due_date, ctx.as_of, parent.original_due_date)
    done = notice.submitted_on if notice else ctx.facts.notice_for(code)
    judgement = judge_deadline(ctx, relief.due, done, CERTIFICATION)
    if notice is not None and notice.satellites_declared is not None:
        judgement = replace(judgement, deployed=notice.satellites_declared,
                            notes=judgement.notes + (f"{notice.satellites_declared:,} satellites declared",))
    if relief.waived:
        judgement = waive(judgement)
    late = "milestone report filed late (25.164(f))" if judgement.status == c.MISSED else ""
    return build(spec, [days], judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=relief.notes, consequence=late)


# --- 25.161(d): keep half after the 9-year milestone period ---------------------------------------------------

def maintain50(ctx: Context, rs: RuleSet, schedule: Schedule, m50: MilestoneResult,
               m100: MilestoneResult) -> MilestoneResult:
    """25.161(d): after the 9-year milestone period, keep half of the maximum number authorised functional in
    authorised orbits. After a (b)(1) miss the maximum authorised is the number the miss left (25.161(a)(2))."""
    spec, pct = rs.spec("fcc_maintain50"), rs.param("maintain_pct")
    start = m100.due_date or _relief(ctx, "fcc_m100", schedule).due
    total, notes = schedule.total, schedule.notes
    if m50.status == c.MISSED and m50.consequence_count is not None:
        total = m50.consequence_count
        notes += (f"measured against the {total:,} stations left authorised by the (b)(1) miss (25.161(a)(2))",)
    if total is None:
        return _not_computable(spec, ("satellites_authorised",), [pct], notes, due_date=start)
    params = [pct] + _rounding(rs, total, pct.value)
    required = share(total, pct.value, rs.value("rounding"))
    judgement = judge_continuous(ctx, start, required, rs.value("deployment_measure"))
    consequence, falls_to = "", None
    day = ctx.as_of if ctx.as_of > start else start
    ends = (f"authority ends for the stations not in orbit on {day.isoformat()}: authorisation falls from "
            f"{total:,} to {{n:,}}, technically identical replacements allowed (25.161(d))")
    if judgement.status == c.MISSED:
        falls_to = _in_orbit(ctx, ctx.as_of, total)
        consequence = ends.format(n=falls_to)
    elif judgement.status in c.OPEN_STATUSES:
        falls_to = _in_orbit(ctx, ctx.as_of, total)
        consequence = f"if not kept: {ends.format(n=falls_to)} (with the {falls_to:,} in orbit today)"
    return build(spec, params, judgement, due_date=start, consequence=consequence,
                 consequence_count=falls_to,
                 notes=notes + (f"applies continuously after {start.isoformat()}; based on the maximum number "
                                "authorised",))


# --- 25.165: surety bond ----------------------------------------------------------------------------------

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


def _met_before(ctx: Context, m50: MilestoneResult, day: date) -> bool:
    """Whether the (b)(1) requirement was reached on or before `day` (and by its due date)."""
    if m50.status == c.WAIVED or m50.required is None or m50.due_date is None:
        return False
    count = ctx.series.count_at(min(day, m50.due_date), "on_station")
    if count is None:
        count = ctx.series.count_at(min(day, m50.due_date), "in_orbit")
    return count is not None and count >= m50.required


def bond(ctx: Context, rs: RuleSet, schedule: Schedule, m50: MilestoneResult) -> MilestoneResult:
    spec, grant = rs.spec("fcc_bond"), schedule.start
    params = [rs.param("bond_days"), rs.param("bond_base_usd"), rs.param("bond_variable_usd"),
              rs.param("bond_cap_days"), rs.param("bond_rounding_usd")]
    if ctx.facts.small_satellite:
        params.append(rs.param("bond_small_sat_years"))
    relief = effective_due(ctx.facts, spec.code, bond_due(grant, ctx.facts.small_satellite, rs), ctx.as_of)
    posted = ctx.facts.bond_posted_on
    postings = ctx.facts.notices_of("bond_posting", ctx.as_of)
    if posted is None and postings:
        posted = postings[0].submitted_on
    judgement = judge_deadline(ctx, relief.due, posted, "bond_posted_on")
    if relief.waived:
        judgement = waive(judgement)
    notes = relief.notes
    if schedule.notes and grant != ctx.facts.grant_date:
        notes += (f"due 30 days after the initial grant on {grant.isoformat()} (47 CFR 25.165(a))",)
    surrendered = known(ctx.facts.surrendered_on, ctx.as_of)
    consequence, amount = "", None
    if judgement.status == c.MISSED:
        consequence = "licence null and void automatically (25.165(a))"
    if surrendered is not None and surrendered < grant:  # a data error: a surrender dated before the grant
        notes += (f"bond amount: not computable, the surrender on {surrendered.isoformat()} is before the "
                  f"grant on {grant.isoformat()}",)
    elif surrendered is not None and _met_before(ctx, m50, surrendered):
        notes += (f"surrendered on {surrendered.isoformat()} after the (b)(1) milestone was met: no default "
                  "(25.165(c)); the bond obligation ends once (b)(1) is met (25.165(d))",)
    elif surrendered is not None:
        amount = bond_amount(grant, surrendered, rs)
        consequence = (f"bond in default: licence surrendered on {surrendered.isoformat()} before the (b)(1) "
                       f"milestone was met; ${amount:,} payable (25.165(a)(1), (c))")
    elif m50.status == c.MISSED:
        amount = bond_amount(grant, m50.due_date, rs)
        consequence = (f"bond in default: the (b)(1) milestone was missed on {m50.due_date.isoformat()}; "
                       f"${amount:,} payable, D counted to that date (25.165(a)(1), (c))")
    elif m50.status == c.MET and m50.due_date is not None and ctx.as_of > m50.due_date:
        notes += ("the (b)(1) milestone was met: the bond obligation ends on the Commission's finding "
                  "(25.165(d))",)
    elif ctx.as_of >= grant:
        amount = bond_amount(grant, ctx.as_of, rs)
        notes += (f"bond amount if surrendered on {ctx.as_of.isoformat()}: ${amount:,} (payable on surrender "
                  "before the (b)(1) milestone is met or on its miss, 25.165(c); released once it is met, "
                  "25.165(d))",)
    else:
        notes += (f"bond amount: not computable, {ctx.as_of.isoformat()} is before the grant on "
                  f"{grant.isoformat()}",)
    return build(spec, params, judgement, due_date=relief.due, original_due_date=relief.original,
                 notes=notes, consequence=consequence, amount_usd=amount)


# --- the system a record belongs to (25.164(b), (h)), from the parent links ---------------------------------

@dataclass(frozen=True)
class SystemRecord:
    """What the system derivation needs of one FCC record (the shell builds these from Filing rows)."""

    id: int | str
    name: str
    kind: str
    status: str
    parent_id: int | str | None = None
    grant_date: date | None = None
    satellites_authorised: int | None = None
    m50_due: date | None = None  # a due date the grant set (MilestoneCondition), else None
    m100_due: date | None = None


@dataclass(frozen=True)
class SystemPlace:
    """The FilingFacts fields for one record: see FilingFacts.initial_grant_date, governed_by, stages."""

    initial_grant_date: date | None = None
    governed_by: str = ""
    governed_because: str = ""
    stages: tuple[Stage, ...] = ()


def fcc_systems(records: Iterable[SystemRecord]) -> dict:
    """Each record's place in its system: records linked by `parent_id` (modification -> modified, grant ->
    application) form one system.

    - initial grant: the earliest grant date in the system (a superseded original licence included);
    - stages: the live grants carrying an authorised number, except a modification whose parent is still live
      (that modification changes its parent's authorisation; it is not a grant of more satellites);
    - every other live record of a system with stages is governed by the earliest stage, named.
    """
    by_id = {r.id: r for r in records}
    groups: dict = {}
    for r in by_id.values():
        groups.setdefault(_root(r, by_id), []).append(r)
    places = {}
    for members in groups.values():
        granted = [r.grant_date for r in members
                   if r.grant_date is not None and r.status not in ("denied", "withdrawn")]
        initial = min(granted) if granted else None
        stages = sorted((r for r in members if _is_stage(r, by_id)), key=lambda r: (r.grant_date, r.name))
        staged = tuple(Stage(r.name, r.grant_date, r.satellites_authorised, r.m50_due, r.m100_due, r.id)
                       for r in stages) if len(stages) > 1 else ()
        for r in members:
            place = SystemPlace(initial_grant_date=initial, stages=staged if r in stages else ())
            if stages and r not in stages and _live(r):
                place = replace(place, governed_by=stages[0].name, governed_because=_because(r, by_id))
            places[r.id] = place
    return places


def _root(record: SystemRecord, by_id: dict):
    seen = {record.id}
    while record.parent_id in by_id and record.parent_id not in seen:
        record = by_id[record.parent_id]
        seen.add(record.id)
    return record.id


def _live(record: SystemRecord) -> bool:
    return record.status not in c.CLOSED_STATUSES


def _is_stage(record: SystemRecord, by_id: dict) -> bool:
    if record.status not in c.GRANTED_STATUSES or record.grant_date is None or record.satellites_authorised is None:
        return False
    parent = by_id.get(record.parent_id)
    return not (record.kind == "fcc_modification" and parent is not None and _live(parent))


def _because(record: SystemRecord, by_id: dict) -> str:
    parent = by_id.get(record.parent_id)
    if record.kind == "fcc_modification":
        of = f" of {parent.name}" if parent else ""
        return (f"a modification{of}: it does not restart the milestones (47 CFR 25.164(b)) and carries no bond or "
                "milestones of its own")
    return "the grants of this application are recorded on their own records"


def system_series(series: Sequence[DeploymentSeries]) -> DeploymentSeries:
    """25.164(h): the deployment of a system granted in stages, the sum of its grants' series (each count holds
    until its series' next point; on_station is summed only where every series knows it on that day)."""
    series = [s for s in series if not s.is_empty()]
    if len(series) <= 1:
        return series[0] if series else DeploymentSeries()
    points = []
    for day in sorted({p.on for s in series for p in s.points}):
        counts = [(0, 0) if s.count_at(day) is None else (s.count_at(day), s.count_at(day, "on_station"))
                  for s in series]  # a series not started yet counts 0
        on_station = [n for _, n in counts]
        points.append(DeploymentPoint(day, sum(n for n, _ in counts),
                                      None if None in on_station else sum(on_station)))
    sources = sorted({s.source for s in series})
    return DeploymentSeries(tuple(points), "+".join(sources))


# --- pending applications: what would apply if granted ----------------------------------------------------

def if_granted(facts: FilingFacts, grant_on: date) -> FilingFacts:
    """The facts of a pending FCC application as if granted on `grant_on` for the number applied for, with
    nothing else on record (no bond, notices, waivers or grant conditions). A pending modification keeps the
    initial grant its system counts from (25.164(b))."""
    if facts.regulator_key != "fcc" or facts.kind not in c.FCC_KINDS or facts.status not in c.PENDING_STATUSES:
        raise ValueError(f"{facts.name} is not a pending FCC application")
    initial = facts.initial_grant_date if facts.kind == "fcc_modification" else None
    return replace(facts, status="granted", grant_date=grant_on,
                   satellites_authorised=facts.satellites_authorised or facts.satellites_filed,
                   bond_posted_on=None, surrendered_on=None, milestone_conditions=(), waivers=(),
                   notices_filed=(), notices=(), initial_grant_date=initial, governed_by="",
                   governed_because="", stages=())


def label_hypothetical(results: Iterable[MilestoneResult], grant_on: date) -> list[MilestoneResult]:
    """Each result marked, in its first note, as what would apply if the application were granted on that day."""
    note = f"hypothetical: if granted on {grant_on.isoformat()} for the number applied for"
    return [replace(r, notes=(note,) + r.notes) for r in results]
