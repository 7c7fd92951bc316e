"""47 CFR 25.164 (50 % at 6 years, 100 % at 9 years, 15-day report), 25.161 (termination, keep 50 %)."""
from datetime import date

import pytest

from compliance.rules import Waiver
from compliance.rules.calendar import add_days

from .factories import fcc_facts, result, series

GRANT = date(2020, 6, 15)
M50, M100 = date(2026, 6, 15), date(2029, 6, 15)      # grant + 6 / + 9 years
REPORT50, REPORT100 = date(2026, 6, 30), date(2029, 6, 30)  # + 15 days


@pytest.mark.parametrize("code, due, required, provision", [
    ("fcc_m50", M50, 500, "47 CFR 25.164(b)(1)"),
    ("fcc_m100", M100, 1000, "47 CFR 25.164(b)(2)"),
])
def test_default_schedule(code, due, required, provision):
    r = result(fcc_facts(), None, date(2021, 1, 1), code)
    assert (r.due_date, r.required, r.provision, r.status) == (due, required, provision, "upcoming")
    assert r.confidence == "confirmed"


@pytest.mark.parametrize("code, due, required", [("fcc_m50", M50, 500), ("fcc_m100", M100, 1000)])
@pytest.mark.parametrize("when, count, expected", [
    ("before", "exact", "met"),      # reached the day before the deadline
    ("on", "exact", "met"),          # reached ON the deadline
    ("after", "exact", "missed"),    # reached the day after
    ("on", "one_short", "missed"),
])
def test_milestone_boundaries(code, due, required, when, count, expected):
    offset = {"before": -1, "on": 0, "after": 1}[when]
    n = required if count == "exact" else required - 1
    s = series((date(2021, 1, 1), 1), (add_days(due, offset), n))
    assert result(fcc_facts(), s, add_days(due, 5), code).status == expected


def test_half_of_an_odd_number_rounds_up_and_flags_it():
    r = result(fcc_facts(satellites_authorised=3_237), None, date(2021, 1, 1), "fcc_m50")
    assert r.required == 1_619
    assert r.confidence == "unconfirmed" and any("rounding" in a for a in r.assumptions)


def test_miss_with_stations_in_orbit_reduces_to_those_in_orbit():
    # 450 in orbit, 420 operating on station on the milestone date
    s = series((M50, 450, 420))
    r = result(fcc_facts(), s, add_days(M50, 1), "fcc_m50")
    assert (r.status, r.deployed, r.shortfall) == ("missed", 420, 80)
    assert r.consequence_count == 450
    assert "25.161(a)(2)" in r.consequence and "25.165(c)" in r.consequence


def test_miss_with_nothing_in_orbit_terminates_whole_authorisation():
    s = series((date(2021, 1, 1), 0))
    r = result(fcc_facts(), s, add_days(M100, 1), "fcc_m100")
    assert r.consequence_count == 0 and "25.161(a)(1)" in r.consequence
    assert "25.165(c)" not in r.consequence  # bond default is tied to the first milestone


def test_grant_conditions_replace_default_schedule():
    facts = fcc_facts(grant_date=date(2026, 1, 9), satellites_authorised=7_500,
                      milestone_conditions=(("fcc_m50", date(2028, 12, 1)),
                                            ("fcc_m100", date(2031, 12, 1))))
    as_of = date(2026, 2, 1)
    assert result(facts, None, as_of, "fcc_m50").due_date == date(2028, 12, 1)
    assert result(facts, None, as_of, "fcc_m100").due_date == date(2031, 12, 1)
    assert result(facts, None, as_of, "fcc_report_m50").due_date == date(2028, 12, 16)
    assert result(facts, None, as_of, "fcc_report_m100").due_date == date(2031, 12, 16)
    assert result(facts, None, as_of, "fcc_maintain50").due_date == date(2031, 12, 1)


def test_waiver_counts_only_once_granted():
    facts = fcc_facts(waivers=(Waiver("fcc_m50", "waiver", date(2026, 6, 5), note="partial"),))
    s = series((date(2026, 1, 1), 200))
    before = result(facts, s, date(2026, 6, 4), "fcc_m50")
    after = result(facts, s, date(2026, 6, 5), "fcc_m50")
    assert before.status == "due_soon"
    assert (after.status, after.due_date, after.consequence) == ("waived", M50, "")
    assert result(facts, s, date(2027, 1, 1), "fcc_m50").status == "waived"
    assert result(facts, s, date(2027, 1, 1), "fcc_report_m50").status == "not_applicable"


def test_extension_moves_the_due_date_and_keeps_the_original():
    facts = fcc_facts(waivers=(Waiver("fcc_m50", "extension", date(2026, 1, 20),
                                      extended_to=date(2028, 6, 15)),))
    s = series((date(2026, 1, 1), 200))
    r = result(facts, s, add_days(M50, 1), "fcc_m50")
    assert (r.due_date, r.original_due_date, r.status) == (date(2028, 6, 15), M50, "upcoming")
    assert result(facts, s, date(2028, 6, 16), "fcc_m50").status == "missed"
    assert result(facts, s, date(2026, 7, 1), "fcc_report_m50").due_date == date(2028, 6, 30)


def test_extension_without_date_is_rejected():
    with pytest.raises(ValueError):
        Waiver("fcc_m50", "extension", date(2026, 1, 1))


@pytest.mark.parametrize("filed, expected", [
    (add_days(REPORT50, -1), "met"), (REPORT50, "met"), (add_days(REPORT50, 1), "missed"),
])
def test_report_within_15_days(filed, expected):
    facts = fcc_facts(notices_filed=(("fcc_report_m50", filed),))
    r = result(facts, None, date(2026, 8, 1), "fcc_report_m50")
    assert (r.due_date, r.status, r.provision) == (REPORT50, expected, "47 CFR 25.164(f)")


def test_report_unknown_after_deadline_names_the_fact():
    r = result(fcc_facts(), None, add_days(REPORT100, 1), "fcc_report_m100")
    assert (r.status, r.missing_facts) == ("not_computable", ("notices_filed",))


@pytest.mark.parametrize("as_of, count, expected", [
    (M100, 499, "due_soon"),           # on the 9-year date the 100 % milestone governs
    (add_days(M100, 1), 500, "met"),
    (add_days(M100, 1), 499, "missed"),
])
def test_keep_half_after_nine_years(as_of, count, expected):
    s = series((date(2028, 1, 1), count))
    r = result(fcc_facts(), s, as_of, "fcc_maintain50")
    assert (r.status, r.required, r.provision) == (expected, 500, "47 CFR 25.161(d)")
    if expected == "missed":
        assert r.consequence_count == 499


def test_missing_authorised_count_keeps_due_date():
    r = result(fcc_facts(satellites_authorised=None), None, date(2021, 1, 1), "fcc_m50")
    assert (r.status, r.due_date, r.missing_facts) == (
        "not_computable", M50, ("satellites_authorised",))


def test_leap_day_grant():
    r = result(fcc_facts(grant_date=date(2024, 2, 29)), None, date(2025, 1, 1), "fcc_m50")
    assert r.due_date == date(2030, 2, 28)
