"""Hostile facts through the rules entry point: results for every code, or a ValueError from the dataclasses.

Dates run to the ends of the calendar (a deadline 7 years after 9999-06-01 does not exist), counts to 10**30,
and every optional fact is either missing or present; the rules must answer (not_computable where they cannot
say) rather than raise an OverflowError from date arithmetic.
"""

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.rules import (
    MILESTONE_CODES, RESULT_STATUSES, DeploymentPoint, DeploymentSeries, FilingFacts, MilestoneResult, Waiver,
    evaluate,
)
from compliance.rules.codes import FILING_STATUSES, KINDS

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

EDGES = [dt.date.min, dt.date.min + dt.timedelta(days=1), dt.date(1, 12, 31), dt.date(1900, 2, 28),
         dt.date(2000, 2, 29), dt.date(2024, 2, 29), dt.date(9992, 2, 29), dt.date(9999, 1, 1),
         dt.date.max - dt.timedelta(days=1), dt.date.max]
edge_dates = st.sampled_from(EDGES)
dates = st.one_of(edge_dates, edge_dates, st.dates(), st.dates(dt.date(2010, 1, 1), dt.date(2040, 12, 31)))
maybe_date = st.none() | dates
counts = st.one_of(st.integers(-5, 5), st.integers(0, 200_000), st.sampled_from([2**31, 2**63, 10**30, -(10**30)]))
maybe_count = st.none() | counts
codes = st.sampled_from(MILESTONE_CODES)


@st.composite
def waivers(draw):
    kind = draw(st.sampled_from(["waiver", "extension", "other"]))
    return Waiver(draw(codes), kind, draw(dates), draw(maybe_date) if kind != "extension" else draw(dates))


def build(constructor):
    """A dataclass value, or None when its own validation refuses it (a documented ValueError)."""
    try:
        return constructor()
    except ValueError:
        return None


@st.composite
def facts(draw):
    regulator = draw(st.sampled_from(["itu", "itu", "fcc", "fcc", "ofcom", " FCC ", "", "x"]))
    # Mostly a kind that matches the regulator, so the examples reach the rules rather than not_applicable.
    matching = [k for k in KINDS if k.startswith(regulator.strip().lower())] or list(KINDS)
    kind = draw(st.sampled_from(matching) | st.sampled_from(KINDS + ("bogus",)))
    status = draw(st.sampled_from(FILING_STATUSES) | st.just("bogus"))
    waiver_list = []
    for _ in range(draw(st.integers(0, 3))):
        w = build(lambda: draw(waivers()))
        if w is not None:
            waiver_list.append(w)
    return build(lambda: FilingFacts(
        filing_id=draw(st.integers() | st.text(max_size=5)), name=draw(st.text(max_size=20)), regulator=regulator,
        kind=kind, status=status, date_of_receipt=draw(maybe_date), grant_date=draw(maybe_date),
        satellites_filed=draw(maybe_count), satellites_authorised=draw(maybe_count),
        res35_applies=draw(st.none() | st.booleans()), brought_into_use_on=draw(maybe_date),
        suspended_on=draw(maybe_date), resumed_on=draw(maybe_date), surrendered_on=draw(maybe_date),
        bond_posted_on=draw(maybe_date), small_satellite=draw(st.booleans()),
        milestone_conditions=tuple(draw(st.lists(st.tuples(codes, dates), max_size=3))),
        waivers=tuple(waiver_list),
        notices_filed=tuple(draw(st.lists(st.tuples(codes, dates), max_size=2))),
    ))


@st.composite
def series(draw):
    points = []
    for _ in range(draw(st.integers(0, 6))):
        p = build(lambda: DeploymentPoint(draw(dates), draw(counts), draw(maybe_count)))
        if p is not None:
            points.append(p)
    return build(lambda: DeploymentSeries(tuple(points), draw(st.sampled_from(["reported", "catalog"]))))


@FUZZ
@given(facts=facts(), deployment=st.none() | series(), as_of=dates,
       warning_days=st.sampled_from([180, 0, 1, 3650, 10**6, -1]),
       rate_window_days=st.sampled_from([180, 1, 30, 10**6, 0, -5]))
def test_evaluate_answers_every_code(facts, deployment, as_of, warning_days, rate_window_days):
    if facts is None:
        return  # refused by FilingFacts' own validation: a ValueError, documented
    results = evaluate(facts, deployment, as_of, warning_days=warning_days, rate_window_days=rate_window_days)
    assert [r.code for r in results] == list(MILESTONE_CODES)
    for result in results:
        assert isinstance(result, MilestoneResult)
        assert result.status in RESULT_STATUSES, result
        result.to_dict()


def test_deadlines_past_the_end_of_the_calendar_are_not_computable():
    """Regression: a filing received in 9999 has deadlines after date.max; the rules used to raise OverflowError."""
    facts = FilingFacts(filing_id=1, name="far", regulator="itu", kind="itu_cr", status="filed",
                        date_of_receipt=dt.date(9999, 6, 1), satellites_filed=100, res35_applies=True,
                        brought_into_use_on=dt.date(9999, 12, 1))
    results = evaluate(facts, DeploymentSeries.from_counts([(dt.date(9999, 12, 1), 10)]), dt.date.max)
    assert {r.status for r in results} <= set(RESULT_STATUSES)
    fcc = FilingFacts(filing_id=2, name="far", regulator="fcc", kind="fcc_authorisation", status="granted",
                      date_of_receipt=dt.date(9998, 1, 1), grant_date=dt.date(9999, 1, 1), satellites_authorised=10)
    assert len(evaluate(fcc, None, dt.date(9999, 12, 31))) == len(MILESTONE_CODES)
    early = FilingFacts(filing_id=3, name="early", regulator="itu", kind="itu_cr", status="filed",
                        date_of_receipt=dt.date.min, satellites_filed=10)
    assert len(evaluate(early, DeploymentSeries.from_counts([(dt.date.min, 1)]), dt.date.min)) == len(MILESTONE_CODES)


def test_a_surrender_dated_before_the_grant_does_not_crash_the_bond_rule():
    """Regression: surrendered_on < grant_date (the Filing model allows it) raised 'surrender before grant'."""
    facts = FilingFacts(filing_id=1, name="x", regulator="fcc", kind="fcc_authorisation", status="granted",
                        grant_date=dt.date(2020, 1, 1), surrendered_on=dt.date(2019, 1, 1), satellites_authorised=10)
    bond = evaluate(facts, None, dt.date(2021, 1, 1))[len(MILESTONE_CODES) - 6]
    assert bond.code == "fcc_bond" and bond.amount_usd is None
    assert any("before the grant" in note for note in bond.notes)
