"""47 CFR 25.164 and 25.161, table by table from the adopted text (reference/primary/fcc-47cfr-25.txt).

Each table quotes its paragraph; the rows are the day before, on and after each date it sets.
"""
from datetime import date

import pytest

from compliance.rules import Waiver
from compliance.rules.calendar import add_days
from compliance.rules.facts import Notice

from .factories import fcc_facts, result, series

GRANT = date(2020, 6, 15)
M50, M100 = date(2026, 6, 15), date(2029, 6, 15)      # grant + 6 / + 9 years
REPORT50, REPORT100 = date(2026, 6, 30), date(2029, 6, 30)  # + 15 days
BEFORE, ON, AFTER = -1, 0, 1
HALF_MET = (date(2021, 1, 1), 500)  # the (b)(1) requirement reached early, so (b)(2) binds


# --- 25.164(b)(1): "must launch 50 percent of the maximum number of space stations authorized for service, place
# them in their assigned orbits, and operate them ... no later than 6 years after the grant of the authorization"

@pytest.mark.parametrize("reached, as_of, expected", [
    (BEFORE, AFTER, "met"),       # reached the day before the deadline
    (ON, AFTER, "met"),           # reached ON the deadline: in time
    (AFTER, AFTER, "missed"),     # reached the day after
    (None, BEFORE, "due_soon"),   # not reached, the day before
    (None, ON, "due_soon"),       # not reached, on the day: still open
    (None, AFTER, "missed"),      # not reached, the day after
])
def test_25_164_b_1_half_within_six_years(reached, as_of, expected):
    counts = [(date(2021, 1, 1), 1)] + ([(add_days(M50, reached), 500)] if reached is not None else [])
    r = result(fcc_facts(), series(*counts), add_days(M50, as_of), "fcc_m50")
    assert (r.due_date, r.required, r.status, r.provision) == (M50, 500, expected, "47 CFR 25.164(b)(1)")
    assert r.confidence == "confirmed" and r.edition == "FCC_PART25_2021"


# --- 25.164(b)(2): "A licensee that satisfies the requirement in paragraph (b)(1) ... must launch the remaining
# space stations necessary to complete its authorized service constellation ... no later than nine years after"

@pytest.mark.parametrize("reached, as_of, expected", [
    (BEFORE, AFTER, "met"), (ON, AFTER, "met"), (AFTER, AFTER, "missed"),
    (None, BEFORE, "due_soon"), (None, ON, "due_soon"), (None, AFTER, "missed"),
])
def test_25_164_b_2_all_within_nine_years(reached, as_of, expected):
    counts = [HALF_MET] + ([(add_days(M100, reached), 1000)] if reached is not None else [])
    r = result(fcc_facts(), series(*counts), add_days(M100, as_of), "fcc_m100")
    assert (r.due_date, r.required, r.status, r.provision) == (M100, 1000, expected, "47 CFR 25.164(b)(2)")


def test_25_164_b_2_binds_only_a_licensee_that_met_b_1():
    s = series((date(2021, 1, 1), 300))
    r = result(fcc_facts(), s, add_days(M50, AFTER), "fcc_m100")
    assert r.status == "not_applicable"
    assert "binds a licensee that met (b)(1)" in r.notes[0] and "300" in r.notes[0]
    assert result(fcc_facts(), s, add_days(M50, AFTER), "fcc_report_m100").status == "not_applicable"


# --- 25.164(b): "50 percent of the maximum number of space stations authorized": whole stations, 50 % or more

@pytest.mark.parametrize("authorised, required", [
    (4_408, 2_204),   # Starlink Gen1
    (3_232, 1_616),   # Kuiper Gen1 as modified
    (3_237, 1_619),   # half of an odd number: 1,618 is less than 50 percent
    (15_000, 7_500),  # Starlink Gen2, both grants
    (1, 1), (2, 1), (3, 2),
])
def test_25_164_b_half_is_the_least_whole_count_of_50_percent_or_more(authorised, required):
    r = result(fcc_facts(satellites_authorised=authorised), None, date(2021, 1, 1), "fcc_m50")
    assert r.required == required
    assert r.confidence == "confirmed" and r.assumptions == ()


# --- 25.164(b): counted from "the grant of the authorization" to "the recipient of an initial authorization": a
# modification does not restart it. Starlink Gen1: FCC 18-38 (29 Mar 2018), modified by FCC 21-48 (27 Apr 2021).

STARLINK_GEN1 = fcc_facts(name="Starlink Gen1", kind="fcc_modification", grant_date=date(2021, 4, 27),
                          initial_grant_date=date(2018, 3, 29), satellites_authorised=4_408)


@pytest.mark.parametrize("code, due, required", [
    ("fcc_m50", date(2024, 3, 29), 2_204),
    ("fcc_m100", date(2027, 3, 29), 4_408),
])
@pytest.mark.parametrize("as_of, count, expected", [
    (BEFORE, "short", "due_soon"), (ON, "short", "due_soon"), (AFTER, "short", "missed"),
    (AFTER, "exact", "met"),
])
def test_starlink_gen1_runs_from_the_2018_grant(code, due, required, as_of, count, expected):
    n = required if count == "exact" else required - 1
    counts = [(date(2020, 1, 1), 2_204)] if code == "fcc_m100" else []
    s = series(*counts, (add_days(due, -30), n))
    r = result(STARLINK_GEN1, s, add_days(due, as_of), code)
    assert (r.due_date, r.required, r.status) == (due, required, expected)
    assert any("initial grant on 2018-03-29" in n for n in r.notes)


def test_starlink_gen1_in_december_2026():
    s = series((date(2024, 3, 1), 5_000))
    m50 = result(STARLINK_GEN1, s, date(2026, 12, 5), "fcc_m50")
    m100 = result(STARLINK_GEN1, s, date(2026, 12, 5), "fcc_m100")
    assert (m50.status, m50.due_date) == ("met", date(2024, 3, 29))
    assert (m100.status, m100.due_date, m100.required) == ("met", date(2027, 3, 29), 4_408)


def test_a_modification_record_has_no_schedule_of_its_own():
    facts = fcc_facts(name="Kuiper debris-plan modification", kind="fcc_modification",
                      grant_date=date(2023, 2, 8), satellites_authorised=None, governed_by="Kuiper Gen1",
                      governed_because="a modification of Kuiper Gen1")
    for code in ("fcc_bond", "fcc_m50", "fcc_report_m50", "fcc_m100", "fcc_report_m100", "fcc_maintain50"):
        r = result(facts, None, date(2026, 12, 5), code)
        assert r.status == "not_applicable"
        assert "the schedule of Kuiper Gen1 governs" in r.notes[0]


# --- 25.164(f): "must either demonstrate compliance with the applicable requirement or notify the Commission in
# writing that the requirement was not met, within 15 days after the specified deadline"

def _certified(submitted, as_of=M50, declared=None):
    return fcc_facts(notices=(Notice("fcc_certification", submitted, "25.164(f)", as_of=as_of,
                                     satellites_declared=declared),))


@pytest.mark.parametrize("submitted, expected", [
    (add_days(REPORT50, BEFORE), "met"), (REPORT50, "met"), (add_days(REPORT50, AFTER), "missed"),
])
def test_25_164_f_certification_within_15_days(submitted, expected):
    r = result(_certified(submitted), None, date(2026, 8, 1), "fcc_report_m50")
    assert (r.due_date, r.status, r.provision) == (REPORT50, expected, "47 CFR 25.164(f)")
    assert ("filed late" in r.consequence) == (expected == "missed")


@pytest.mark.parametrize("as_of, expected", [
    (date(2021, 1, 1), "upcoming"),           # years ahead: upcoming, not "not computable"
    (add_days(REPORT100, BEFORE), "due_soon"),
    (REPORT100, "due_soon"),
    (add_days(REPORT100, AFTER), "not_computable"),  # passed, nothing on record: the missing fact is named
])
def test_25_164_f_without_a_certification_on_record(as_of, expected):
    r = result(fcc_facts(), series(HALF_MET), as_of, "fcc_report_m100")
    assert (r.due_date, r.status) == (REPORT100, expected)
    assert r.missing_facts == (("fcc_certification",) if expected == "not_computable" else ())


def test_a_certification_declares_a_count_shown_next_to_the_catalogs():
    facts = _certified(date(2026, 6, 20), declared=510)
    m50 = result(facts, series((M50, 505)), date(2026, 8, 1), "fcc_m50")
    assert m50.status == "met" and m50.deployed == 505
    assert any("declared in the 25.164(f) certification of 2026-06-20: 510 satellites (catalog count: 505)" in n
               for n in m50.notes)
    assert result(facts, series((M50, 505)), date(2026, 8, 1), "fcc_report_m50").deployed == 510


def test_a_certification_decides_where_no_count_is_on_record():
    r = result(_certified(date(2026, 6, 20), declared=499), None, date(2026, 8, 1), "fcc_m50")
    assert (r.status, r.deployed, r.shortfall) == ("missed", 499, 1)


def test_a_certification_counts_only_once_submitted():
    facts = _certified(date(2026, 6, 20))
    assert result(facts, None, date(2026, 6, 19), "fcc_report_m50").status == "due_soon"


def test_legacy_notice_record_still_answers_the_report():
    facts = fcc_facts(notices_filed=(("fcc_report_m50", REPORT50),))
    assert result(facts, None, date(2026, 8, 1), "fcc_report_m50").status == "met"


# --- 25.161(a)(1)-(2): a (b)(1) or (b)(2) miss ends authority "for the space stations not in orbit as of the
# milestone date, but allow for technically identical replacements"; with none in orbit, the whole authorisation

def test_25_161_a_2_a_miss_limits_the_authorisation_to_the_stations_in_orbit():
    s = series((M50, 450, 420))  # 450 in orbit, 420 operating on station on the milestone date
    r = result(fcc_facts(), s, add_days(M50, AFTER), "fcc_m50")
    assert (r.status, r.deployed, r.shortfall, r.consequence_count) == ("missed", 420, 80, 450)
    assert "25.161(a)(2)" in r.consequence and "technically identical replacements" in r.consequence
    assert "25.165(c)" in r.consequence


def test_25_161_a_1_nothing_in_orbit_terminates_the_whole_authorisation():
    r = result(fcc_facts(), series((date(2021, 1, 1), 0)), add_days(M50, AFTER), "fcc_m50")
    assert r.consequence_count == 0 and "25.161(a)(1)" in r.consequence


def test_a_b_2_miss_does_not_default_the_bond():
    r = result(fcc_facts(), series(HALF_MET, (M100, 900)), add_days(M100, AFTER), "fcc_m100")
    assert r.status == "missed" and r.consequence_count == 900
    assert "no bond default" in r.consequence


@pytest.mark.parametrize("as_of", [add_days(M50, BEFORE), M50])
def test_an_open_milestone_says_what_a_miss_would_end_with_todays_count(as_of):
    r = result(fcc_facts(), series((date(2026, 1, 1), 200)), as_of, "fcc_m50")
    assert r.status == "due_soon" and r.consequence_count == 200
    assert r.consequence.startswith("if missed: ") and "falls from 1,000 to 200" in r.consequence


# --- 25.161(d): "failure to maintain 50 percent of the maximum number of NGSO space stations authorized for
# service following the 9-year milestone period as functional space stations in authorized orbits"

@pytest.mark.parametrize("as_of, count, expected", [
    (add_days(M100, BEFORE), 499, "due_soon"),
    (M100, 499, "due_soon"),           # on the 9-year date the (b)(2) milestone governs
    (add_days(M100, BEFORE), 500, "due_soon"),  # held already, but the duty binds only after the 9 years
    (date(2028, 6, 1), 500, "upcoming"),
    (add_days(M100, AFTER), 500, "met"),
    (add_days(M100, AFTER), 499, "missed"),
])
def test_25_161_d_keep_half_after_nine_years(as_of, count, expected):
    s = series(HALF_MET, (date(2028, 1, 1), count))
    r = result(fcc_facts(), s, as_of, "fcc_maintain50")
    assert (r.status, r.required, r.provision, r.due_date) == (expected, 500, "47 CFR 25.161(d)", M100)
    if expected == "missed":
        assert r.consequence_count == 499 and "25.161(d)" in r.consequence
    if as_of <= M100 and count >= 500:
        assert any(n.startswith("held today (500 of 500)") for n in r.notes), r.notes


def test_25_161_d_after_a_b_1_miss_counts_against_what_the_miss_left():
    s = series((date(2021, 1, 1), 300))
    r = result(fcc_facts(), s, add_days(M100, AFTER), "fcc_maintain50")
    assert (r.required, r.status) == (150, "met")


# --- grant conditions, waivers and extensions (25.164(b): "unless a different schedule is established") --------

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
    assert result(facts, s, date(2027, 1, 1), "fcc_m100").status == "upcoming"  # the waiver keeps (b)(2)


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


def test_missing_authorised_count_keeps_due_date():
    r = result(fcc_facts(satellites_authorised=None), None, date(2021, 1, 1), "fcc_m50")
    assert (r.status, r.due_date, r.missing_facts) == (
        "not_computable", M50, ("satellites_authorised",))


def test_leap_day_grant():
    r = result(fcc_facts(grant_date=date(2024, 2, 29)), None, date(2025, 1, 1), "fcc_m50")
    assert r.due_date == date(2030, 2, 28)
