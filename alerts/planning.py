"""Which alerts are due as of a date: plain values in, planned alerts out (no database here).

The Django shell (``alerts/queueing.py``) reads subscriptions, filings, milestones and the state the
previous run saw into the dataclasses below, calls ``plan()``, and writes the result.

Lead times. A subscription's lead times (default 365, 180, 90, 30, 7 days) are thresholds. As of a
date, the *crossed* threshold of a milestone is the smallest lead time L with days_left <= L. The alert
for L is due from the day it is crossed (due_date - L) for ``catch_up_days`` days, so a daily run that
did not happen (or a subscription created a few days later) is caught up, but a new installation does
not dig up every reminder of the past year. Only the most recent crossing is reported: a subscription
created 100 days before a deadline hears "due in 100 days" once, not the 365- and 180-day reminders.

Events. 'missed' is due for ``catch_up_days`` days from the due date of a missed milestone. 'at risk',
'reduced', 'cancelled' and 'new filing' are transitions between what the previous run saw and what
this run sees; the first run only records what it sees.

Keys. Each alert's key names the subscription, the filing and milestone code (not the Milestone row's
id, which a re-evaluation may replace), the trigger and what makes it distinct (lead time and due date,
so an extended deadline gets its own reminders; the date a projection turned; the new count or status).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from compliance.rules.codes import CLOSED_STATUSES, MISSED, OPEN_STATUSES

__all__ = ["FilingFact", "MilestoneFact", "Plan", "PlannedAlert", "Rule", "crossed_lead_time", "plan"]

@dataclass(frozen=True, slots=True)
class FilingFact:
    id: int
    name: str
    reference: str
    administration_id: int
    administration: str
    operator_id: int | None
    operator: str
    constellation_id: int | None
    constellation: str
    status: str
    satellites: int | None


@dataclass(frozen=True, slots=True)
class MilestoneFact:
    id: int | None
    filing_id: int
    code: str
    title: str
    provision: str
    status: str
    due_date: dt.date | None
    required: int | None = None
    deployed: int | None = None
    shortfall: int | None = None
    projected_date: dt.date | None = None
    projection_rate_per_month: float | None = None
    rate_needed_per_month: float | None = None
    consequence: str = ""

    @property
    def on_track(self) -> bool | None:
        """For an open milestone: will the current rate get there by the due date? None when not open."""
        if self.status not in OPEN_STATUSES or self.due_date is None or self.required is None:
            return None
        if self.deployed is not None and self.deployed >= self.required:
            return True
        return self.projected_date is not None and self.projected_date <= self.due_date


@dataclass(frozen=True)
class Rule:
    """A subscription reduced to what planning needs."""

    id: int
    all_filings: bool = False
    administrations: frozenset[int] = frozenset()
    operators: frozenset[int] = frozenset()
    constellations: frozenset[int] = frozenset()
    filings: frozenset[int] = frozenset()
    codes: frozenset[str] = frozenset()  # empty: every rule
    lead_times: tuple[int, ...] = (365, 180, 90, 30, 7)
    on_missed: bool = True
    on_at_risk: bool = True
    on_reduced: bool = True
    on_new_filing: bool = True

    def watches_code(self, code: str) -> bool:
        return not self.codes or code in self.codes


@dataclass(frozen=True, slots=True)
class PlannedAlert:
    key: str
    subscription_id: int
    filing_id: int
    milestone_id: int | None
    code: str
    trigger: str
    lead_days: int | None
    due_date: dt.date | None
    payload: dict


@dataclass
class Plan:
    alerts: list[PlannedAlert] = field(default_factory=list)
    milestone_states: dict[tuple[int, str], bool | None] = field(default_factory=dict)  # changed only
    filing_states: dict[int, tuple[str, int | None]] = field(default_factory=dict)  # changed only


def crossed_lead_time(due: dt.date, as_of: dt.date, lead_times, catch_up_days: int) -> int | None:
    days_left = (due - as_of).days
    if days_left < 0:
        return None
    crossed = [lead for lead in lead_times if lead >= days_left]
    if not crossed:
        return None
    lead = min(crossed)
    if (as_of - (due - dt.timedelta(days=lead))).days >= catch_up_days:
        return None  # crossed too long ago to be news
    return lead


class _Index:
    """Subscribers per filing, found through the selectors instead of testing every rule on every filing."""

    def __init__(self, rules):
        self.everything = [r for r in rules if r.all_filings]
        self.by = {name: defaultdict(list) for name in ("administrations", "operators", "constellations", "filings")}
        for rule in rules:
            if rule.all_filings:
                continue
            for name, index in self.by.items():
                for pk in getattr(rule, name):
                    index[pk].append(rule)
        self._cache: dict[int, list[Rule]] = {}

    def for_filing(self, f: FilingFact, *, include_single: bool = True) -> list[Rule]:
        if include_single and f.id in self._cache:
            return self._cache[f.id]
        found = {r.id: r for r in self.everything}
        for name, pk in (
            ("administrations", f.administration_id),
            ("operators", f.operator_id),
            ("constellations", f.constellation_id),
            ("filings", f.id if include_single else None),
        ):
            if pk is not None:
                found.update((r.id, r) for r in self.by[name].get(pk, ()))
        rules = list(found.values())
        if include_single:
            self._cache[f.id] = rules
        return rules


def plan(
    as_of: dt.date,
    rules,
    filings: dict[int, FilingFact],
    milestones,
    milestone_states: dict[tuple[int, str], bool | None],
    filing_states: dict[int, tuple[str, int | None]],
    catch_up_days: int = 7,
) -> Plan:
    result = Plan()
    index = _Index(list(rules))
    for m in milestones:
        filing = filings.get(m.filing_id)
        if filing is None:
            continue
        _plan_milestone(result, index, as_of, filing, m, milestone_states, catch_up_days)
    baseline = bool(filing_states)
    for filing in filings.values():
        _plan_filing(result, index, as_of, filing, filing_states.get(filing.id), baseline)
    return result


def _plan_milestone(result, index, as_of, filing, m, states, catch_up_days):
    subscribers = index.for_filing(filing)
    on_track = m.on_track
    previous = states.get((m.filing_id, m.code), "unseen")
    if on_track is not None and previous != on_track:
        result.milestone_states[(m.filing_id, m.code)] = on_track
    if not subscribers:
        return
    turned_at_risk = previous is True and on_track is False
    recently_missed = (
        m.status == MISSED and m.due_date is not None and 0 <= (as_of - m.due_date).days < catch_up_days
    )
    crossings: dict[tuple[int, ...], int | None] = {}
    for rule in subscribers:
        if not rule.watches_code(m.code):
            continue
        if m.status in OPEN_STATUSES and m.due_date is not None:
            if rule.lead_times not in crossings:
                crossings[rule.lead_times] = crossed_lead_time(m.due_date, as_of, rule.lead_times, catch_up_days)
            lead = crossings[rule.lead_times]
            if lead is not None:
                result.alerts.append(_milestone_alert(rule, filing, m, as_of, "lead_time", f"{lead}d:{m.due_date}", lead))
        if recently_missed and rule.on_missed:
            result.alerts.append(_milestone_alert(rule, filing, m, as_of, "missed", str(m.due_date)))
        if turned_at_risk and rule.on_at_risk:
            result.alerts.append(_milestone_alert(rule, filing, m, as_of, "at_risk", str(as_of)))


def _plan_filing(result, index, as_of, filing, previous, baseline):
    now = (filing.status, filing.satellites)
    if previous == now:
        return
    result.filing_states[filing.id] = now
    if previous is None:
        if baseline:  # the first run sees every filing for the first time: that is not news
            for rule in index.for_filing(filing, include_single=False):
                if rule.on_new_filing:
                    result.alerts.append(_filing_alert(rule, filing, as_of, "new_filing", "", {}))
        return
    old_status, old_count = previous
    events = []
    if filing.status in CLOSED_STATUSES and old_status not in CLOSED_STATUSES:
        events.append(("cancelled", filing.status, {"old_status": old_status}))
    if old_count is not None and filing.satellites is not None and filing.satellites < old_count:
        events.append(("reduced", str(filing.satellites), {"old_satellites": old_count}))
    if not events:
        return
    for rule in index.for_filing(filing):
        if rule.on_reduced:
            for trigger, detail, extra in events:
                result.alerts.append(_filing_alert(rule, filing, as_of, trigger, detail, extra))


def _milestone_alert(rule, filing, m, as_of, trigger, detail, lead=None) -> PlannedAlert:
    payload = _filing_payload(filing, as_of)
    payload.update(
        code=m.code,
        title=m.title,
        provision=m.provision,
        status=m.status,
        due_date=_iso(m.due_date),
        days_left=(m.due_date - as_of).days if m.due_date else None,
        required=m.required,
        deployed=m.deployed,
        shortfall=m.shortfall,
        projected_date=_iso(m.projected_date),
        projection_rate_per_month=m.projection_rate_per_month,
        rate_needed_per_month=m.rate_needed_per_month,
        on_track=m.on_track,
        consequence=m.consequence,
        lead_days=lead,
        trigger=trigger,
    )
    return PlannedAlert(
        key=f"{rule.id}:{filing.id}:{m.code}:{trigger}:{detail}",
        subscription_id=rule.id,
        filing_id=filing.id,
        milestone_id=m.id,
        code=m.code,
        trigger=trigger,
        lead_days=lead,
        due_date=m.due_date,
        payload=payload,
    )


def _filing_alert(rule, filing, as_of, trigger, detail, extra) -> PlannedAlert:
    payload = _filing_payload(filing, as_of)
    payload.update(trigger=trigger, **extra)
    return PlannedAlert(
        key=f"{rule.id}:{filing.id}:-:{trigger}:{detail}".rstrip(":"),
        subscription_id=rule.id,
        filing_id=filing.id,
        milestone_id=None,
        code="",
        trigger=trigger,
        lead_days=None,
        due_date=None,
        payload=payload,
    )


def _filing_payload(filing: FilingFact, as_of: dt.date) -> dict:
    return {
        "as_of": as_of.isoformat(),
        "filing_id": filing.id,
        "filing": filing.name,
        "reference": filing.reference,
        "administration": filing.administration,
        "operator": filing.operator,
        "constellation": filing.constellation,
        "filing_status": filing.status,
        "satellites": filing.satellites,
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
