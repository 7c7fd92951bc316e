"""The planning core on plain values: thresholds, events from transitions, who hears about what."""

import datetime as dt

import pytest

from alerts.planning import FilingFact, MilestoneFact, Rule, crossed_lead_time, plan

AS_OF = dt.date(2027, 3, 1)
DUE = dt.date(2027, 5, 30)  # 90 days after AS_OF
LEADS = (365, 180, 90, 30, 7)


def filing(pk=1, admin=10, operator=20, constellation=30, status="granted", satellites=1000):
    return FilingFact(pk, f"F{pk}", "", admin, "Adm", operator, "Op", constellation, "C", status, satellites)


def milestone(filing_id=1, code="fcc_m100", status="upcoming", due=DUE, **kw):
    values = dict(required=1000, deployed=100, shortfall=900)
    values.update(kw)
    return MilestoneFact(None, filing_id, code, "T", "P", status, due, **values)


@pytest.mark.parametrize(
    ("days_left", "expected"),
    [(366, None), (365, 365), (181, 365), (180, 180), (91, 180), (90, 90), (89, 90), (31, 90), (30, 30),
     (8, 30), (7, 7), (1, 7), (0, 7), (-1, None)],
)
def test_the_crossed_threshold_is_the_smallest_lead_time_not_below_the_days_left(days_left, expected):
    due = AS_OF + dt.timedelta(days=days_left)
    crossed = crossed_lead_time(due, AS_OF, LEADS, catch_up_days=10_000)
    assert crossed == expected


@pytest.mark.parametrize(("late_by", "expected"), [(0, 90), (6, 90), (7, None)])
def test_a_crossing_is_news_for_the_catch_up_window(late_by, expected):
    due = AS_OF + dt.timedelta(days=90 - late_by)
    assert crossed_lead_time(due, AS_OF, LEADS, catch_up_days=7) == expected


def test_scoping_by_administration_operator_constellation_filing_and_code():
    rules = [
        Rule(1, all_filings=True),
        Rule(2, administrations=frozenset({10})),
        Rule(3, operators=frozenset({21})),
        Rule(4, constellations=frozenset({30})),
        Rule(5, filings=frozenset({2})),
        Rule(6, all_filings=True, codes=frozenset({"itu_biu"})),
    ]
    filings = {1: filing(1), 2: filing(2, admin=11, operator=21, constellation=31)}
    result = plan(AS_OF, rules, filings, [milestone(1), milestone(2)], {}, {1: ("granted", 1000), 2: ("granted", 1000)})
    heard = sorted((a.subscription_id, a.filing_id) for a in result.alerts)
    assert heard == [(1, 1), (1, 2), (2, 1), (3, 2), (4, 1), (5, 2)]
    assert {a.key for a in result.alerts} >= {"1:1:fcc_m100:lead_time:90d:2027-05-30"}


def test_at_risk_is_a_transition_from_on_track():
    rules = [Rule(1, all_filings=True, lead_times=())]
    filings = {1: filing()}
    late = milestone(projected_date=DUE + dt.timedelta(days=1), projection_rate_per_month=50)
    on_time = milestone(projected_date=DUE, projection_rate_per_month=60)
    assert on_time.on_track is True and late.on_track is False
    first = plan(AS_OF, rules, filings, [late], {}, {1: ("granted", 1000)})
    assert first.alerts == [] and first.milestone_states == {(1, "fcc_m100"): False}, "first sight is no event"
    turned = plan(AS_OF, rules, filings, [late], {(1, "fcc_m100"): True}, {1: ("granted", 1000)})
    assert [a.trigger for a in turned.alerts] == ["at_risk"]
    assert turned.alerts[0].key == "1:1:fcc_m100:at_risk:2027-03-01"
    same = plan(AS_OF, rules, filings, [late], {(1, "fcc_m100"): False}, {1: ("granted", 1000)})
    assert same.alerts == [] and same.milestone_states == {}


def test_missed_is_reported_for_the_catch_up_window_after_the_due_date():
    rules = [Rule(1, all_filings=True)]
    filings = {1: filing()}
    for days_after, expected in ((0, ["missed"]), (6, ["missed"]), (7, [])):
        m = milestone(status="missed", due=AS_OF - dt.timedelta(days=days_after))
        result = plan(AS_OF, rules, filings, [m], {}, {1: ("granted", 1000)}, catch_up_days=7)
        assert [a.trigger for a in result.alerts] == expected


def test_reduced_cancelled_and_new_filings():
    rules = [Rule(1, administrations=frozenset({10})), Rule(2, filings=frozenset({3}), on_reduced=False),
             Rule(3, administrations=frozenset({10}), on_new_filing=False)]
    filings = {1: filing(1, satellites=500), 2: filing(2, status="withdrawn"), 3: filing(3)}
    states = {1: ("granted", 1000), 2: ("granted", 1000)}
    result = plan(AS_OF, rules, filings, [], {}, states)
    got = sorted((a.subscription_id, a.filing_id, a.trigger) for a in result.alerts)
    assert got == [(1, 1, "reduced"), (1, 2, "cancelled"), (1, 3, "new_filing"),
                   (3, 1, "reduced"), (3, 2, "cancelled")]
    assert result.filing_states == {1: ("granted", 500), 2: ("withdrawn", 1000), 3: ("granted", 1000)}


def test_the_first_run_records_filings_without_calling_them_new():
    result = plan(AS_OF, [Rule(1, all_filings=True)], {1: filing()}, [], {}, {})
    assert result.alerts == [] and result.filing_states == {1: ("granted", 1000)}


def test_closed_and_met_milestones_get_no_reminders():
    rules = [Rule(1, all_filings=True)]
    for status in ("met", "waived", "not_applicable", "not_computable"):
        assert plan(AS_OF, rules, {1: filing()}, [milestone(status=status)], {}, {1: ("granted", 1000)}).alerts == []
