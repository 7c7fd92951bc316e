"""Resolution 35 (Rev.WRC-23): 10/50/100 % at 2/5/7 years after the end of the regulatory period.

The assertions the adopted text contradicted were changed to it: reports are due 30 days after each milestone
(resolves 7, not 90), 10 % / 50 % are rounded down (resolves 11 a), b)), 100 % is met by N - 1 (resolves 4), the
transitional milestones are as of 1 January with reports by 1 February (resolves 8), the reduction formula is
confirmed (resolves 11), and the post-milestone test is periodic reports against X (resolves 19-21).
Table-driven tests per resolves are in test_res35_text.py.
"""
from datetime import date

import pytest

from compliance.rules import ITU_RR_2024, Param, REPORTED
from compliance.rules.calendar import add_days

from .factories import itu_facts, result, series

# receipt 2020-06-15 -> regulatory period ends 2027-06-15 (RR No. 11.44)
M1, M2, M3 = date(2029, 6, 15), date(2032, 6, 15), date(2034, 6, 15)
MILESTONES = [("res35_m1", M1, 100, "a"), ("res35_m2", M2, 500, "b"), ("res35_m3", M3, 999, "c")]


@pytest.mark.parametrize("code, due, required, letter", MILESTONES)
def test_regular_schedule_and_requirements(code, due, required, letter):
    r = result(itu_facts(), None, date(2026, 1, 1), code)
    assert (r.due_date, r.required, r.status) == (due, required, "upcoming")
    assert r.provision.startswith(f"Res. 35 (Rev.WRC-23) resolves ") and f"7 {letter})" in r.provision
    assert r.report_due_date == add_days(due, 30)  # resolves 7: 30 days after the milestone (was 90)


@pytest.mark.parametrize("code, due, required, letter", MILESTONES)
@pytest.mark.parametrize("count_on_due, expected", [("exact", "met"), ("one_short", "missed")])
def test_boundary_count_on_due_date(code, due, required, letter, count_on_due, expected):
    count = required if count_on_due == "exact" else required - 1
    s = series((add_days(due, -30), 0), (due, count), (add_days(due, 1), required))
    assert result(itu_facts(), s, add_days(due, 1), code).status == expected


@pytest.mark.parametrize("code, due, required, letter", MILESTONES)
def test_deployment_the_day_after_is_too_late(code, due, required, letter):
    s = series((add_days(due, -30), required - 1), (add_days(due, 1), required))
    r = result(itu_facts(), s, add_days(due, 2), code)
    assert (r.status, r.deployed, r.shortfall) == ("missed", required - 1, 1)


@pytest.mark.parametrize("code, due, required, letter", MILESTONES)
def test_on_the_due_date_a_shortfall_is_not_yet_missed(code, due, required, letter):
    s = series((add_days(due, -30), required - 1))
    assert result(itu_facts(), s, due, code).status == "due_soon"
    assert result(itu_facts(), s, add_days(due, -181), code).status == "upcoming"


@pytest.mark.parametrize("code, due, deployed, reduced_to", [
    ("res35_m1", M1, 37, 370),    # deployed / 0.10
    ("res35_m2", M2, 300, 600),   # deployed / 0.50
    ("res35_m3", M3, 950, 950),   # deployed
])
def test_reduction_when_a_milestone_is_missed(code, due, deployed, reduced_to):
    r = result(itu_facts(), series((due, deployed)), add_days(due, 1), code)
    assert (r.status, r.consequence_count) == ("missed", reduced_to)
    assert f"no more than {reduced_to:,}" in r.consequence  # resolves 11: confirmed, no longer an assumption
    assert not any("reduction" in a for a in r.assumptions)


def test_ten_percent_rounds_down_as_resolves_11_says():
    facts = itu_facts(satellites_filed=96_714)
    m1 = result(facts, None, date(2026, 1, 1), "res35_m1")
    m2 = result(facts, None, date(2026, 1, 1), "res35_m2")
    assert m1.required == 9_671  # 9,671.4 "rounded down to the lower integer" (was 9,672, rounded up)
    assert not any("rounding" in a for a in m1.assumptions)
    assert m2.required == 48_357 and not any("rounding" in a for a in m2.assumptions)


@pytest.mark.parametrize("receipt, letter, dues", [
    (date(2013, 5, 1), "8", (date(2023, 1, 1), date(2026, 1, 1), date(2028, 1, 1))),
    (date(2013, 12, 31), "8", (date(2023, 1, 1), date(2026, 1, 1), date(2028, 1, 1))),
    (date(2014, 1, 1), "7", (date(2023, 1, 1), date(2026, 1, 1), date(2028, 1, 1))),
    (date(2014, 1, 2), "7", (date(2023, 1, 2), date(2026, 1, 2), date(2028, 1, 2))),
])
def test_transitional_schedule_for_periods_ending_before_2021(receipt, letter, dues):
    facts = itu_facts(date_of_receipt=receipt, brought_into_use_on=date(2015, 1, 1))
    for code, due in zip(("res35_m1", "res35_m2", "res35_m3"), dues):
        r = result(facts, None, date(2022, 1, 1), code)
        assert r.due_date == due
        assert f"resolves {letter} " in r.provision or f", {letter} " in r.provision
        if letter == "8":  # as of 1 January, reported by 1 February (resolves 8): now read from the text
            assert r.report_due_date == date(due.year, 2, 1)
            assert not any("res35_transitional" in a for a in r.assumptions)


def test_leap_day_receipt_counts_from_end_of_regulatory_period():
    # period ends 2027-02-28; M2 is 5 years after THAT, so 2032-02-28 (not receipt + 12 = 2032-02-29)
    facts = itu_facts(date_of_receipt=date(2020, 2, 29))
    dues = [result(facts, None, date(2021, 1, 1), code).due_date
            for code in ("res35_m1", "res35_m2", "res35_m3")]
    assert dues == [date(2029, 2, 28), date(2032, 2, 28), date(2034, 2, 28)]


def test_decreasing_series_is_judged_on_each_due_date():
    s = series((M1, 150), (add_days(M1, 100), 40), (M2, 480), (add_days(M2, 1), 700))
    assert result(itu_facts(), s, date(2035, 1, 1), "res35_m1").status == "met"
    m2 = result(itu_facts(), s, date(2035, 1, 1), "res35_m2")
    assert (m2.status, m2.deployed) == ("missed", 480)


def test_gap_before_due_date_uses_last_known_count():
    s = series((date(2028, 1, 1), 120), (date(2030, 1, 1), 10))
    r = result(itu_facts(), s, date(2029, 7, 1), "res35_m1")
    assert (r.status, r.deployed) == ("met", 120)
    assert "2028-01-01" in r.deployment_source


def test_no_deployment_data_after_due_date_is_not_computable():
    r = result(itu_facts(), None, add_days(M1, 1), "res35_m1")
    assert (r.status, r.missing_facts) == ("not_computable", ("deployment",))


def test_applicability_flag():
    off = result(itu_facts(res35_applies=False), None, date(2026, 1, 1), "res35_m1")
    assert off.status == "not_applicable"
    unknown = result(itu_facts(res35_applies=None), None, date(2026, 1, 1), "res35_m1")
    assert unknown.status == "upcoming"  # computed and kept, shown as conditional (resolves 1 unknown)
    assert unknown.title.startswith("If Resolution 35 applies: ")
    assert any(a.startswith("If Resolution 35 applies") for a in unknown.assumptions)
    known = result(itu_facts(res35_applies=True), None, date(2026, 1, 1), "res35_m1")
    assert not known.title.startswith("If") and not any(a.startswith("If") for a in known.assumptions)


def test_missing_filed_count_keeps_due_date_but_names_the_fact():
    r = result(itu_facts(satellites_filed=None), None, date(2026, 1, 1), "res35_m2")
    assert (r.status, r.due_date, r.missing_facts) == ("not_computable", M2, ("satellites_filed",))


def test_missed_biu_makes_res35_moot():
    facts = itu_facts(brought_into_use_on=date(2027, 6, 16))
    r = result(facts, None, date(2028, 1, 1), "res35_m1")
    assert r.status == "not_applicable" and "cancellation" in r.notes[0]


# The continuous 95 % test is gone: resolves 19-21 judge the count at periodic reports (test_res35_text.py).
# Receipt 2020-06-15: the first report is as of 2038-06-15 (11 years after the 7-year period), due 30 days on;
# N = 1000 -> X = 1000 - 67 log10(1000) = 799.
POST = date(2038, 6, 15)


@pytest.mark.parametrize("as_of, count, expected", [
    (add_days(POST, -181), 799, "met"),    # X reached early
    (POST, 798, "due_soon"),              # on the report date itself: not final
    (add_days(POST, 1), 799, "met"),       # 799 is not less than X
    (add_days(POST, 1), 798, "upcoming"),  # below X once: the next report (2042) decides, no miss yet
])
def test_post_milestone_threshold(as_of, count, expected):
    s = series((date(2029, 1, 1), 1000), (date(2035, 1, 1), count))  # M3 met, then the count falls
    r = result(itu_facts(), s, as_of, "res35_post")
    assert (r.status, r.required) == (expected, 799)


def test_projection_and_rate_needed():
    # 100 satellites at 2029-01-01 rising 1/day; as of 2029-04-11 there are 200 (need 500 at M2)
    s = series((date(2029, 1, 1), 100), (date(2029, 4, 11), 200))
    r = result(itu_facts(), s, date(2029, 4, 11), "res35_m2", rate_window_days=180)
    assert r.projected_date == date(2030, 2, 5)  # 300 more at 1/day
    days_left = (M2 - date(2029, 4, 11)).days
    assert r.rate_needed_per_month == pytest.approx(300 / days_left * 365.2425 / 12, abs=1e-3)
    assert r.projection_rate_per_month == pytest.approx(365.2425 / 12, abs=1e-3)


def test_flat_or_falling_rate_has_no_projected_date():
    s = series((date(2029, 1, 1), 300), (date(2029, 4, 11), 200))
    r = result(itu_facts(), s, date(2029, 4, 11), "res35_m2")
    assert r.projected_date is None and r.projection_rate_per_month < 0


def test_revised_resolution_is_new_data_not_new_code():
    revised = ITU_RR_2024.revised("ITU_RES35_TEST", "hypothetical revision", Param(
        "res35_m1_pct", 20, "Res. 35 (hypothetical)", "test", REPORTED))
    r = result(itu_facts(), None, date(2026, 1, 1), "res35_m1", rule_sets=[revised])
    assert r.required == 200
