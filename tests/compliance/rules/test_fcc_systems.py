"""47 CFR 25.164(b) and (h): which grant a system's milestones run from, and one result for a system granted in
stages; pending applications evaluated as if granted (hypothetical). From reference/primary/fcc-47cfr-25.txt."""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.rules import evaluate
from compliance.rules.calendar import add_days, add_years
from compliance.rules.facts import Stage
from compliance.rules.fcc import SystemRecord, fcc_systems, if_granted, label_hypothetical, system_series

from .factories import fcc_facts, result, series

# --- 25.164(h): "In cases where the Commission grants a satellite authorization in different stages ... the
# earliest of the milestone schedules will be applied to the entire satellite system."
# Starlink Gen2: FCC 22-91 (1 Dec 2022, 7,500) and the Space Bureau grant of 9 Jan 2026 (7,500 more), both
# setting 50 % of the system by 1 Dec 2028 and the rest by 1 Dec 2031.

GRANT_1, GRANT_2 = date(2022, 12, 1), date(2026, 1, 9)
GEN2 = (Stage("Gen2 first grant", GRANT_1, 7_500, date(2028, 12, 1), date(2031, 12, 1), filing_id=1),
        Stage("Gen2 second grant", GRANT_2, 7_500, date(2028, 12, 1), date(2031, 12, 1), filing_id=2))


def gen2(which: int, **overrides):
    stage = GEN2[which - 1]
    return fcc_facts(filing_id=stage.filing_id, name=stage.name, grant_date=stage.grant_date,
                     satellites_authorised=7_500, stages=GEN2,
                     milestone_conditions=(("fcc_m50", stage.m50_due), ("fcc_m100", stage.m100_due)), **overrides)


@pytest.mark.parametrize("as_of, total, m50_required", [
    (add_days(GRANT_2, -1), 7_500, 3_750),   # the day before the second grant: the first grant alone
    (GRANT_2, 15_000, 7_500),                # on it: one system of 15,000
    (add_days(GRANT_2, 1), 15_000, 7_500),
])
def test_25_164_h_one_result_for_the_system(as_of, total, m50_required):
    m50 = result(gen2(1), None, as_of, "fcc_m50")
    m100 = result(gen2(1), None, as_of, "fcc_m100")
    assert (m50.due_date, m50.required) == (date(2028, 12, 1), m50_required)
    assert (m100.due_date, m100.required) == (date(2031, 12, 1), total)
    if total == 15_000:
        assert any("25.164(h)" in n and "15,000" in n for n in m50.notes)


@pytest.mark.parametrize("as_of, note", [
    (add_days(GRANT_2, -1), "not granted"),
    (GRANT_2, "one result covers it, on Gen2 first grant"),
    (date(2026, 12, 5), "one result covers it, on Gen2 first grant"),
])
def test_25_164_h_the_later_grant_points_at_the_systems_result(as_of, note):
    for r in evaluate(gen2(2), None, as_of):
        if r.regime == "fcc":
            assert r.status == "not_applicable" and note in r.notes[0]


@pytest.mark.parametrize("m50_due, expected", [
    (None, date(2028, 12, 1)),                 # both by default: the first grant's six years are earliest
    (date(2028, 11, 30), date(2028, 11, 30)),  # a later grant setting an earlier date: that date governs all
])
def test_25_164_h_the_earliest_schedule_applies_to_the_entire_system(m50_due, expected):
    stages = (Stage("A", GRANT_1, 100, filing_id=1), Stage("B", GRANT_2, 100, m50_due, filing_id=2))
    facts = fcc_facts(filing_id=1, name="A", grant_date=GRANT_1, satellites_authorised=100, stages=stages)
    r = result(facts, None, date(2026, 12, 5), "fcc_m50")
    assert (r.due_date, r.required) == (expected, 100)
    assert result(facts, None, date(2026, 12, 5), "fcc_m100").due_date == add_years(GRANT_1, 9)


def test_the_systems_deployment_is_the_sum_of_its_grants():
    one = series((date(2023, 1, 1), 100), (date(2025, 1, 1), 300, 280))
    two = series((date(2026, 2, 1), 50, 40))
    total = system_series([one, two])
    assert [(p.on, p.in_orbit, p.on_station) for p in total.points] == [
        (date(2023, 1, 1), 100, None), (date(2025, 1, 1), 300, 280), (date(2026, 2, 1), 350, 320)]


# --- the system a record belongs to, from the parent links (the shell's input) ---------------------------------

def rec(pk, kind, status, parent=None, grant=None, authorised=None, **kw):
    return SystemRecord(pk, pk, kind, status, parent, grant, authorised, **kw)


DATASET = [  # as filings/data/filings.yaml links them
    rec("starlink-gen1-2016", "fcc_authorisation", "superseded", grant=date(2018, 3, 29)),
    rec("starlink-gen1", "fcc_modification", "granted", "starlink-gen1-2016", date(2021, 4, 27), 4_408),
    rec("starlink-gen2-2020", "fcc_application", "superseded"),
    rec("starlink-gen2", "fcc_application", "partially_granted", "starlink-gen2-2020"),
    rec("starlink-gen2-grant-1", "fcc_authorisation", "granted", "starlink-gen2", GRANT_1, 7_500,
        m50_due=date(2028, 12, 1), m100_due=date(2031, 12, 1)),
    rec("starlink-gen2-upgrade", "fcc_modification", "partially_granted", "starlink-gen2"),
    rec("starlink-gen2-grant-2", "fcc_authorisation", "granted", "starlink-gen2-upgrade", GRANT_2, 7_500,
        m50_due=date(2028, 12, 1), m100_due=date(2031, 12, 1)),
    rec("kuiper-gen1", "fcc_authorisation", "granted", None, date(2020, 7, 30), 3_232),
    rec("kuiper-gen1-debris-mod", "fcc_modification", "granted", "kuiper-gen1", date(2023, 2, 8)),
    rec("kuiper-gen2", "fcc_authorisation", "granted", None, date(2026, 2, 10), 4_504),
    rec("spacex-odc", "fcc_application", "under_review"),
]


def test_systems_from_the_parent_links():
    places = fcc_systems(DATASET)
    assert places["starlink-gen1"].initial_grant_date == date(2018, 3, 29)
    assert places["starlink-gen1"].governed_by == "" and places["starlink-gen1"].stages == ()
    assert [s.name for s in places["starlink-gen2-grant-1"].stages] == ["starlink-gen2-grant-1",
                                                                        "starlink-gen2-grant-2"]
    assert places["starlink-gen2-grant-2"].stages == places["starlink-gen2-grant-1"].stages
    for governed in ("starlink-gen2", "starlink-gen2-upgrade"):
        assert places[governed].governed_by == "starlink-gen2-grant-1"
    assert places["kuiper-gen1-debris-mod"].governed_by == "kuiper-gen1"
    assert "a modification of kuiper-gen1" in places["kuiper-gen1-debris-mod"].governed_because
    assert places["kuiper-gen2"].governed_by == "" and places["kuiper-gen2"].stages == ()  # its own system
    assert places["kuiper-gen1"].initial_grant_date == date(2020, 7, 30)
    assert places["spacex-odc"].governed_by == "" and places["spacex-odc"].initial_grant_date is None


def test_a_modification_of_a_live_authorisation_is_not_a_stage():
    records = [rec("a", "fcc_authorisation", "granted", None, date(2020, 1, 1), 3_236),
               rec("b", "fcc_modification", "granted", "a", date(2024, 1, 1), 3_232)]
    places = fcc_systems(records)
    assert places["a"].stages == () and places["b"].governed_by == "a"


def test_a_cycle_in_the_links_does_not_hang():
    records = [rec("a", "fcc_authorisation", "granted", "b", date(2020, 1, 1), 10),
               rec("b", "fcc_modification", "granted", "a", date(2021, 1, 1), 10)]
    assert set(fcc_systems(records)) == {"a", "b"}


# --- pending applications: what WOULD apply if granted on a date ------------------------------------------------
# SpaceX orbital data centre: 1,000,000 satellites applied for, under review since 30 Jan 2026.

ODC = fcc_facts(name="SpaceX ODC", kind="fcc_application", status="under_review", grant_date=None,
                date_of_receipt=date(2026, 1, 30), satellites_filed=1_000_000, satellites_authorised=None)


def test_pending_application_has_no_milestones():
    assert {r.status for r in evaluate(ODC, None, date(2026, 12, 5)) if r.regime == "fcc"} == {"not_applicable"}


@pytest.mark.parametrize("grant_on", [date(2026, 12, 5), date(2027, 6, 1)])
def test_hypothetical_grant_gives_the_schedule_counted_from_it(grant_on):
    facts = if_granted(ODC, grant_on)
    results = {r.code: r for r in label_hypothetical(evaluate(facts, None, grant_on), grant_on)}
    assert results["fcc_bond"].due_date == add_days(grant_on, 30)
    assert (results["fcc_m50"].due_date, results["fcc_m50"].required) == (add_years(grant_on, 6), 500_000)
    assert (results["fcc_m100"].due_date, results["fcc_m100"].required) == (add_years(grant_on, 9), 1_000_000)
    assert results["fcc_report_m50"].due_date == add_days(add_years(grant_on, 6), 15)
    for r in results.values():
        assert r.notes[0] == f"hypothetical: if granted on {grant_on.isoformat()} for the number applied for"
    assert results["fcc_m50"].status == "upcoming" and results["fcc_m50"].edition == "FCC_PART25_2021"


def test_only_a_pending_fcc_application_can_be_granted_hypothetically():
    for facts in (fcc_facts(), fcc_facts(kind="fcc_application", status="withdrawn")):
        with pytest.raises(ValueError):
            if_granted(facts, date(2026, 12, 5))


def test_a_hypothetical_grant_ignores_what_is_not_on_record_for_it():
    facts = if_granted(fcc_facts(kind="fcc_application", status="filed", grant_date=None, satellites_filed=10,
                                 satellites_authorised=None, governed_by="X"), date(2026, 12, 5))
    assert (facts.status, facts.satellites_authorised, facts.governed_by) == ("granted", 10, "")


# --- properties (hypothesis) ----------------------------------------------------------------------------------




grants = st.dates(min_value=date(2004, 9, 21), max_value=date(2060, 12, 31))


@given(grants, st.integers(1, 2_000_000), st.integers(1, 2_000_000))
def test_fcc_dates_are_ordered_and_thresholds_monotone(grant, a, b):
    small, large = min(a, b), max(a, b)
    one = {r.code: r for r in evaluate(fcc_facts(grant_date=grant, satellites_authorised=small), None, grant)}
    two = {r.code: r for r in evaluate(fcc_facts(grant_date=grant, satellites_authorised=large), None, grant)}
    assert one["fcc_bond"].due_date < one["fcc_m50"].due_date < one["fcc_report_m50"].due_date
    assert one["fcc_report_m50"].due_date < one["fcc_m100"].due_date < one["fcc_report_m100"].due_date
    assert one["fcc_m50"].required <= one["fcc_m100"].required == small
    assert 2 * one["fcc_m50"].required >= small > 2 * (one["fcc_m50"].required - 1)  # the least half, rounded up
    for code in ("fcc_m50", "fcc_m100", "fcc_maintain50"):
        assert one[code].required <= two[code].required


@given(st.lists(st.tuples(grants, st.integers(1, 100_000)), min_size=2, max_size=5, unique_by=lambda t: t[0]))
def test_a_staged_system_takes_the_earliest_schedule_and_all_its_satellites(raw):
    stages = tuple(Stage(f"S{i}", g, n, filing_id=i) for i, (g, n) in enumerate(sorted(raw)))
    head = stages[0]
    facts = fcc_facts(filing_id=0, name="S0", grant_date=head.grant_date,
                      satellites_authorised=head.satellites_authorised, stages=stages)
    as_of = max(s.grant_date for s in stages)
    m50 = result(facts, None, as_of, "fcc_m50")
    m100 = result(facts, None, as_of, "fcc_m100")
    assert m50.due_date == min(add_years(s.grant_date, 6) for s in stages) == add_years(head.grant_date, 6)
    assert m100.required == sum(s.satellites_authorised for s in stages)
    for later in stages[1:]:
        other = fcc_facts(filing_id=later.filing_id, name=later.name, grant_date=later.grant_date,
                          satellites_authorised=later.satellites_authorised, stages=stages)
        assert {r.status for r in evaluate(other, None, as_of) if r.regime == "fcc"} == {"not_applicable"}
