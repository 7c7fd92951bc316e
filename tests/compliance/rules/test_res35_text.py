"""Resolution 35 (Rev.WRC-23), written from the adopted text (shared/reference/primary/itu-res35-rev-wrc23.txt):
one table per resolves, each date checked the day before, on and after.

Filing used unless a row says otherwise: received 2020-06-15, so the 7-year period of No. 11.44 ends 2027-06-15
(resolves 2 applies: on or after 1 January 2021); 1,000 satellites.
"""
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.rules import ITU_RR_2024, FilingFacts, Notice, evaluate, res35_schedule
from compliance.rules.calendar import add_days
from compliance.rules.itu import (cite, res35_m0, res35_post_reports, res35_post_required, res35_post_x,
                                  res35_required)

from .factories import itu_facts, result, series

END = date(2027, 6, 15)  # end of the 7-year period
M1, M2, M3 = date(2029, 6, 15), date(2032, 6, 15), date(2034, 6, 15)
TEXT = "Res. 35 (Rev.WRC-23) "
CTC_1 = FilingFacts(filing_id="CHN2025-79441", name="CTC-1", regulator="itu", kind="itu_cr", status="filed",
                    date_of_receipt=date(2025, 12, 29), satellites_filed=96_714, res35_applies=True)


def day_before_on_after(day):
    return [add_days(day, -1), day, add_days(day, 1)]


def report(provision, as_of, declared, submitted=None):
    return Notice("res35_report", submitted or add_days(as_of, 10), provision, as_of, declared)


# --- resolves 2: the M0 report, 30 days after the end of the 7-year period or of the 11.44C 90 days -------------

RESOLVES_2 = [
    # brought into use (first of 90 days), count date, report due
    (None, END, date(2027, 7, 15)),
    (date(2024, 1, 10), END, date(2027, 7, 15)),  # 90 days ended long before the 7-year period
    (date(2027, 3, 17), END, date(2027, 7, 15)),  # 90-day period ends 2027-06-14: the 7-year period is later
    (date(2027, 3, 18), END, date(2027, 7, 15)),  # ends 2027-06-15, the same day
    (date(2027, 3, 19), date(2027, 6, 16), date(2027, 7, 16)),  # ends a day later: 30 days after it
    (date(2027, 5, 31), date(2027, 8, 28), date(2027, 9, 27)),  # begun two weeks before the end
]


@pytest.mark.parametrize("biu, count_day, report_due", RESOLVES_2)
def test_resolves_2_m0_report_is_due_30_days_after_the_later_period(biu, count_day, report_due):
    step = res35_m0(date(2020, 6, 15), biu, ITU_RR_2024)
    assert (step.due, step.report_due) == (count_day, report_due)
    r = result(itu_facts(brought_into_use_on=biu), None, date(2027, 6, 1), "res35_m0")
    assert (r.due_date, r.report_due_date, r.provision) == (count_day, report_due, TEXT + "resolves 2, 6")


@pytest.mark.parametrize("as_of, submitted, expected", [
    (add_days(date(2027, 7, 15), -1), None, "due_soon"),
    (date(2027, 7, 15), None, "due_soon"),
    (add_days(date(2027, 7, 15), 1), None, "not_computable"),  # after the due date, no report on record
    (date(2027, 8, 1), date(2027, 7, 14), "met"),
    (date(2027, 8, 1), date(2027, 7, 15), "met"),  # on the due date is in time
    (date(2027, 8, 1), date(2027, 7, 16), "missed"),
])
def test_resolves_2_m0_report_on_record(as_of, submitted, expected):
    notices = (report("resolves 2", END, 400, submitted),) if submitted else ()
    r = result(itu_facts(notices=notices), None, as_of, "res35_m0")
    assert r.status == expected
    if expected == "not_computable":
        assert r.missing_facts == ("res35_report",)
        assert "resolves 17 a)" in r.consequence  # the entry is kept until the RRB decides to cancel it
    if expected in ("due_soon",):
        assert r.consequence.startswith("if no report by 2027-07-15")


# --- resolves 3: 7-year period expired before 1 January 2021: report by 1 February 2021 ---------------------

@pytest.mark.parametrize("receipt, resolves, report_due", [
    (date(2013, 12, 31), "3", date(2021, 2, 1)),  # period ended 2020-12-31
    (date(2014, 1, 1), "2", date(2021, 1, 31)),  # period ended 2021-01-01: resolves 2, 30 days later
    (date(2014, 1, 2), "2", date(2021, 2, 1)),
])
def test_resolves_3_fixed_m0_report_date(receipt, resolves, report_due):
    step = res35_m0(receipt, date(2015, 1, 1), ITU_RR_2024)
    assert step.report_due == report_due
    assert step.provision == TEXT + f"resolves {resolves}, 6"


# --- resolves 4 and 6: 100 % means N or N - 1; 100 % at M0 ends the milestone process ------------------------

@pytest.mark.parametrize("declared, exits", [(998, False), (999, True), (1000, True)])
def test_resolves_6_100_percent_at_m0_makes_resolves_7_to_18_inapplicable(declared, exits):
    facts = itu_facts(notices=(report("resolves 2", END, declared),))
    results = {r.code: r for r in evaluate(facts, None, date(2028, 1, 1))}
    assert results["res35_m0"].status == "met"
    for code in ("res35_m1", "res35_m2", "res35_m3"):
        assert (results[code].status == "not_applicable") is exits, code
        if exits:
            assert "resolves 6" in results[code].notes[0]
    assert results["res35_post"].status != "not_applicable"  # resolves 19 reports follow either way
    assert results["res35_post"].due_date == date(2038, 6, 15)


@pytest.mark.parametrize("deployed, expected", [(998, "missed"), (999, "met"), (1000, "met")])
def test_resolves_4_n_minus_one_meets_m3(deployed, expected):
    s = series((M1, 1000), (M3, deployed))
    r = result(itu_facts(), s, add_days(M3, 1), "res35_m3")
    assert (r.status, r.required) == (expected, 999)


# --- resolves 7: milestones 2, 5, 7 years after the end of the 7-year period; reports 30 days later ------------

RESOLVES_7 = [("res35_m1", M1, date(2029, 7, 15), "7 a)"), ("res35_m2", M2, date(2032, 7, 15), "7 b)"),
              ("res35_m3", M3, date(2034, 7, 15), "7 c)")]


@pytest.mark.parametrize("code, due, report_due, letter", RESOLVES_7)
def test_resolves_7_milestone_and_report_dates(code, due, report_due, letter):
    r = result(itu_facts(), None, date(2026, 1, 1), code)
    assert (r.due_date, r.report_due_date) == (due, report_due)
    assert letter in r.provision and r.provision.startswith(TEXT)
    # resolves 13: the Bureau's reminder no later than 45 days before the report is due
    assert any(f"reminder no later than {add_days(report_due, -45).isoformat()}" in n for n in r.notes)


@pytest.mark.parametrize("code, due, report_due, letter", RESOLVES_7)
def test_resolves_7_judged_on_the_count_on_the_milestone_date(code, due, report_due, letter):
    required = {"res35_m1": 100, "res35_m2": 500, "res35_m3": 999}[code]
    s = series((add_days(due, -1), required - 1), (due, required), (add_days(due, 1), required - 1))
    statuses = [result(itu_facts(), s, day, code).status for day in day_before_on_after(due)]
    assert statuses == ["due_soon", "met", "met"]
    late = series((add_days(due, -1), required - 1), (add_days(due, 1), required))
    assert result(itu_facts(), late, add_days(due, 2), code).status == "missed"


# --- resolves 8: transitional systems, as of 1 January 2023 / 2026 / 2028, reports by 1 February ------------

@pytest.mark.parametrize("code, due, report_due", [
    ("res35_m1", date(2023, 1, 1), date(2023, 2, 1)),
    ("res35_m2", date(2026, 1, 1), date(2026, 2, 1)),
    ("res35_m3", date(2028, 1, 1), date(2028, 2, 1)),
])
def test_resolves_8_fixed_dates(code, due, report_due):
    facts = itu_facts(date_of_receipt=date(2012, 6, 15), brought_into_use_on=date(2019, 1, 1))
    r = result(facts, None, date(2022, 1, 1), code)
    assert (r.due_date, r.report_due_date, r.confidence) == (due, report_due, "confirmed")  # every param from the text
    assert f"resolves {'4, ' if code == 'res35_m3' else ''}8 {'abc'[int(code[-1]) - 1]})" in r.provision
    s = series((add_days(due, -1), 0), (due, 1000))
    assert [result(facts, s, day, code).status for day in day_before_on_after(due)] == ["due_soon", "met", "met"]


# --- resolves 9 a), b): a report of the number required, early, is processed -------------------------------

def test_resolves_9_an_early_report_reaching_the_requirement_meets_the_milestone():
    facts = itu_facts(notices=(report("resolves 7 a)", date(2028, 1, 1), 150, date(2028, 1, 5)),))
    r = result(facts, None, date(2028, 6, 1), "res35_m1")
    assert (r.status, r.deployed) == ("met", 150)
    assert "declared" in r.deployment_source or "report" in r.deployment_source


def test_resolves_9_b_100_percent_reported_completes_the_process():
    facts = itu_facts(notices=(report("resolves 7 a)", M1, 1000),))
    results = {r.code: r for r in evaluate(facts, None, add_days(M1, 20))}
    assert results["res35_m1"].status == "met"
    assert results["res35_m2"].status == results["res35_m3"].status == "not_applicable"


# --- resolves 11: rounded-down thresholds, caps, 90 days, later milestones against the reduced total ---------

RESOLVES_11_THRESHOLDS = [
    # total, M1 (10 %, rounded down), M2 (50 %, rounded down), M3 (N - 1)
    (96_714, 9_671, 48_357, 96_713),
    (1_000, 100, 500, 999),
    (9, 0, 4, 8),
    (19, 1, 9, 18),
    (1, 0, 0, 0),
]


@pytest.mark.parametrize("total, m1, m2, m3", RESOLVES_11_THRESHOLDS)
def test_resolves_11_thresholds(total, m1, m2, m3):
    steps = res35_schedule(date(2020, 6, 15), ITU_RR_2024)
    assert [res35_required(total, s, ITU_RR_2024) for s in steps] == [m1, m2, m3]


@pytest.mark.parametrize("deployed, status", [(9_670, "missed"), (9_671, "met"), (9_672, "met")])
def test_resolves_11_a_ctc1_9671_deployed_is_not_a_miss(deployed, status):
    s = series((date(2034, 12, 29), deployed))
    r = result(CTC_1, s, date(2035, 1, 1), "res35_m1")
    assert (r.status, r.required) == (status, 9_671)


@pytest.mark.parametrize("code, due, deployed, cap, factor", [
    ("res35_m1", M1, 37, 370, "10 x 37"),
    ("res35_m2", M2, 300, 600, "2 x 300"),
    ("res35_m3", M3, 950, 950, "(950 declared"),
])
def test_resolves_11_cap_after_a_miss(code, due, deployed, cap, factor):
    s = series((date(2028, 1, 1), 1000), (add_days(due, -1), deployed))  # earlier milestones met
    r = result(itu_facts(), s, add_days(due, 1), code)
    assert (r.status, r.consequence_count) == ("missed", cap)
    assert f"no more than {cap:,}" in r.consequence and factor in r.consequence
    assert f"due by {add_days(due, 90).isoformat()}" in r.consequence  # no later than 90 days after


def test_resolves_11_vector_ctc1_5000_at_m1_reduces_to_50000_and_m2_needs_25000():
    s = series((date(2034, 12, 1), 5_000))
    results = {r.code: r for r in evaluate(CTC_1, s, date(2035, 6, 1))}
    m1, m2 = results["res35_m1"], results["res35_m2"]
    assert (m1.due_date, m1.required, m1.report_due_date) == (date(2034, 12, 29), 9_671, date(2035, 1, 28))
    assert (m1.status, m1.consequence_count) == ("missed", 50_000)
    assert "no more than 50,000 (10 x 5,000 declared deployed)" in m1.consequence
    assert (m2.required, m2.status) == (25_000, "upcoming")
    assert any("50,000" in n and "inferred" in n for n in m2.notes)


def test_resolves_11_a_modification_on_record_sets_the_later_total():
    notices = (report("resolves 7 a)", date(2034, 12, 29), 5_000),
               Notice("res35_modification", date(2035, 3, 1), "resolves 11 a)", total_after=40_000))
    facts = FilingFacts(**{**CTC_1.__dict__, "notices": notices})
    results = {r.code: r for r in evaluate(facts, None, date(2035, 6, 1))}
    assert results["res35_m1"].status == "missed" and results["res35_m1"].deployed == 5_000
    assert results["res35_m2"].required == 20_000
    assert any("within the cap of 50,000" in n for n in results["res35_m1"].notes)


@pytest.mark.parametrize("code", ["res35_m1", "res35_m2", "res35_m3"])
def test_resolves_11_upcoming_milestones_say_the_consequence_with_todays_figure(code):
    s = series((date(2026, 1, 1), 40))
    r = result(itu_facts(), s, date(2026, 6, 1), code)
    factor = {"res35_m1": 10, "res35_m2": 2, "res35_m3": 1}[code]
    assert r.status == "upcoming" and r.consequence.startswith("if missed")
    assert r.consequence_count == min(1000, factor * 40)
    assert f"= {factor * 40:,}" in r.consequence


# --- resolves 12: M1 exemption for periods ended before 28 November 2022 (conditional, facts not on record) ----

@pytest.mark.parametrize("receipt, noted", [
    (date(2015, 11, 27), True),   # period ends 2022-11-27
    (date(2015, 11, 28), False),  # ends 2022-11-28: not before
    (date(2015, 11, 29), False),
])
def test_resolves_12_m1_exemption_is_stated_as_a_condition(receipt, noted):
    facts = itu_facts(date_of_receipt=receipt, brought_into_use_on=date(2020, 1, 1))
    r = result(facts, series((date(2024, 1, 1), 5)), date(2025, 6, 1), "res35_m1")
    assert any(n.startswith("resolves 12") for n in r.notes) is noted
    assert r.status == "missed"  # kept: the exemption needs an RRB / WRC-23 determination not on record
    assert ("unless exempt under resolves 12" in r.consequence) is noted


# --- resolves 15-17: what follows when no report is sent ---------------------------------------------------

def test_resolves_15_17_no_report_after_a_milestone():
    s = series((date(2028, 1, 1), 150))
    upcoming = result(itu_facts(), s, date(2029, 1, 1), "res35_m1")
    assert upcoming.status == "met"  # met early on the catalog count; the report is still owed
    before = result(itu_facts(), series((date(2028, 1, 1), 50)), date(2029, 1, 1), "res35_m1")
    assert "resolves 15" in before.consequence and "resolves 16" in before.consequence
    assert "resolves 17 b)" in before.consequence
    after = result(itu_facts(), s, date(2029, 8, 1), "res35_m1")
    assert any("no deployment report on record (due by 2029-07-15)" in n and "resolves 17 b)" in n
               for n in after.notes)


# --- resolves 18: a suspension under No. 11.49 changes no milestone ----------------------------------------

@pytest.mark.parametrize("suspended", [None, date(2029, 1, 1), date(2031, 6, 1), date(2034, 6, 14)])
def test_resolves_18_suspension_does_not_alter_the_milestones(suspended):
    facts = itu_facts(suspended_on=suspended, notices=(
        (Notice("suspension", suspended),) if suspended else ()))
    s = series((date(2028, 1, 1), 120), (date(2031, 1, 1), 520))
    plain = {r.code: r for r in evaluate(itu_facts(), s, date(2035, 1, 1))}
    for r in evaluate(facts, s, date(2035, 1, 1)):
        if r.code.startswith("res35"):
            p = plain[r.code]
            assert (r.due_date, r.report_due_date, r.required, r.status) == (
                p.due_date, p.report_due_date, p.required, p.status), r.code
            if suspended and r.code in ("res35_m1", "res35_m2", "res35_m3"):
                assert any("resolves 18" in n for n in r.notes)


# --- resolves 19 and 20: post-milestone reports -----------------------------------------------------------

def test_resolves_19_20_report_dates():
    reports = res35_post_reports(date(2020, 6, 15), ITU_RR_2024)
    first, second, third = next(reports), next(reports), next(reports)
    assert first[:2] == (date(2038, 6, 15), date(2038, 7, 15))  # 11 years after the 7-year period, + 30 days
    assert first[2] == TEXT + "resolves 19"
    assert second[:2] == (date(2042, 7, 15), date(2042, 8, 14))  # 4 years from the due date of 19, + 30 days
    assert third[:2] == (date(2046, 7, 15), date(2046, 8, 14))
    assert second[2] == TEXT + "resolves 20"


def test_resolves_19_transitional_first_report_by_1_february_2032():
    reports = res35_post_reports(date(2012, 6, 15), ITU_RR_2024)
    assert next(reports)[:2] == (date(2032, 1, 1), date(2032, 2, 1))
    assert next(reports)[:2] == (date(2036, 2, 1), date(2036, 3, 2))


# --- resolves 21: X, and the reduction after two reports below X ------------------------------------------

RESOLVES_21_X = [
    # N, X (to 0.1), fewest not "less than X"
    (300, 150.0, 150),
    (301, 150.5, 151),
    (340, 170.0, 170),
    (341, 171.3, 172),
    (1_000, 799.0, 799),
    (1_296, 1_087.5, 1_088),
    (4_950, 4_702.5, 4_703),
    (4_951, 4_703.4, 4_704),
    (10_000, 9_500.0, 9_500),
]


@pytest.mark.parametrize("n, x, required", RESOLVES_21_X)
def test_resolves_21_x(n, x, required):
    assert round(res35_post_x(n, ITU_RR_2024), 1) == x
    assert res35_post_required(n, ITU_RR_2024) == required
    assert required - 1 < res35_post_x(n, ITU_RR_2024) <= required  # count < X  <=>  count < required


def test_resolves_21_vectors():
    assert res35_post_x(1_296, ITU_RR_2024) == pytest.approx(1_087.5, abs=0.05)
    assert res35_post_x(300, ITU_RR_2024) == 150
    assert res35_post_x(10_000, ITU_RR_2024) == 9_500


FIRST, FIRST_DUE = date(2038, 6, 15), date(2038, 7, 15)
SECOND, SECOND_DUE = date(2042, 7, 15), date(2042, 8, 14)


@pytest.mark.parametrize("later_count, as_of, status", [
    (700, add_days(SECOND_DUE, -1), "due_soon"),
    (700, SECOND_DUE, "due_soon"),
    (700, add_days(SECOND_DUE, 1), "missed"),   # below X at 19 and still below on the due date of 20
    (799, add_days(SECOND_DUE, 1), "met"),      # back to X by then: no reduction
])
def test_resolves_21_reduction_only_if_still_below_x_at_the_next_report(later_count, as_of, status):
    s = series((date(2028, 1, 1), 1000), (date(2037, 1, 1), 700), (date(2042, 1, 1), later_count))
    r = result(itu_facts(), s, as_of, "res35_post")
    assert (r.status, r.required) == (status, 799)
    if status == "missed":
        assert r.consequence_count == 700 and add_days(SECOND_DUE, 90).isoformat() in r.consequence


@pytest.mark.parametrize("as_of, status, due", [
    (add_days(FIRST, -1), "due_soon", FIRST),
    (FIRST, "due_soon", FIRST),
    (add_days(FIRST, 1), "upcoming", SECOND_DUE),  # below X once: the next report decides
])
def test_resolves_21_below_x_once_is_not_a_miss(as_of, status, due):
    s = series((date(2028, 1, 1), 1000), (date(2037, 1, 1), 700))
    r = result(itu_facts(), s, as_of, "res35_post")
    assert (r.status, r.due_date) == (status, due)
    assert "resolves 21" in r.consequence


def test_resolves_21_n_is_the_total_after_reductions():
    s = series((M1, 1000), (add_days(M3, -1), 900), (date(2036, 1, 1), 880))  # M3 missed: total 900
    r = result(itu_facts(), s, add_days(FIRST, 1), "res35_post")
    assert r.required == res35_post_required(900, ITU_RR_2024) == 703
    assert (r.status, r.deployed) == ("met", 880)


# --- resolves 1 unknown: computed and shown as conditional ------------------------------------------------

def test_unknown_applicability_is_conditional_never_dropped():
    facts = FilingFacts(**{**CTC_1.__dict__, "res35_applies": None})
    for r in evaluate(facts, None, date(2026, 12, 5)):
        if r.code.startswith("res35"):
            assert r.title.startswith("If Resolution 35 applies: ") and r.status != "not_applicable"


# --- the vectors -----------------------------------------------------------------------------------

def test_vector_ctc1_schedule():
    results = {r.code: r for r in evaluate(CTC_1, None, date(2026, 12, 5))}
    assert results["itu_biu"].due_date == date(2032, 12, 29)
    m1 = results["res35_m1"]
    assert (m1.due_date, m1.required, m1.report_due_date) == (date(2034, 12, 29), 9_671, date(2035, 1, 28))
    assert results["res35_m0"].report_due_date == date(2033, 1, 28)


def test_citations_join_under_one_resolves():
    assert cite(TEXT + "resolves 8 a)", TEXT + "resolves 11 a)") == TEXT + "resolves 8 a), 11 a)"
    assert cite("RR No. 11.44", TEXT + "resolves 2") == "RR No. 11.44; " + TEXT + "resolves 2"


# --- properties ----------------------------------------------------------------------------------------------

@given(st.dates(min_value=date(2005, 1, 1), max_value=date(2060, 12, 31)),
       st.one_of(st.none(), st.integers(0, 7 * 366)))
def test_m0_before_m1_before_m2_before_m3(receipt, biu_offset):
    biu = None if biu_offset is None else add_days(receipt, biu_offset)
    m0 = res35_m0(receipt, biu, ITU_RR_2024)
    steps = res35_schedule(receipt, ITU_RR_2024)
    dues = [m0.due] + [s.due for s in steps]
    reports = [m0.report_due] + [s.report_due for s in steps]
    assert dues == sorted(set(dues)) and reports == sorted(set(reports))
    assert all(d < r for d, r in zip(dues, reports))


@given(st.integers(1, 2_000_000), st.integers(1, 2_000_000))
def test_thresholds_monotone_in_n_and_in_milestone(a, b):
    small, large = min(a, b), max(a, b)
    steps = res35_schedule(date(2020, 6, 15), ITU_RR_2024)
    for n in (small, large):
        needs = [res35_required(n, s, ITU_RR_2024) for s in steps]
        assert needs == sorted(needs) and needs[-1] <= n
    for s in steps:
        assert res35_required(small, s, ITU_RR_2024) <= res35_required(large, s, ITU_RR_2024)
    assert res35_post_x(small, ITU_RR_2024) <= res35_post_x(large, ITU_RR_2024)
    assert res35_post_required(small, ITU_RR_2024) <= res35_post_required(large, ITU_RR_2024)
