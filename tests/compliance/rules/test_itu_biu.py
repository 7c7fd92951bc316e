"""RR No. 11.44 (7-year regulatory period), No. 11.44C (90 days + 30-day notice), No. 11.49 (suspension)."""
from datetime import date

import pytest

from compliance.rules import ITU_RR_2024, Param, UNCONFIRMED
from compliance.rules.calendar import add_days

from .factories import itu_facts, result

RECEIPT = date(2020, 6, 15)
DUE = date(2027, 6, 15)  # 11.44: date of receipt + 7 years


@pytest.mark.parametrize("as_of, expected", [
    (add_days(DUE, -181), "upcoming"),
    (add_days(DUE, -180), "due_soon"),  # default warning window is 180 days
    (DUE, "due_soon"),                  # the due date itself is still in time
])
def test_biu_before_deadline_without_bringing_into_use(as_of, expected):
    r = result(itu_facts(date_of_receipt=RECEIPT), None, as_of, "itu_biu")
    assert (r.due_date, r.status, r.provision) == (DUE, expected, "RR No. 11.44")


def test_biu_past_deadline_with_no_recorded_date_is_not_guessed():
    r = result(itu_facts(), None, add_days(DUE, 1), "itu_biu")
    assert r.status == "not_computable"
    assert r.missing_facts == ("brought_into_use_on",)


@pytest.mark.parametrize("start, expected", [
    (add_days(DUE, -1), "met"),
    (DUE, "met"),                 # 90-day period starting ON the deadline is in time
    (add_days(DUE, 1), "missed"),
])
def test_biu_boundary_on_start_of_90_day_period(start, expected):
    as_of = add_days(start, 200)  # long after the 90 days ended
    r = result(itu_facts(brought_into_use_on=start), None, as_of, "itu_biu")
    assert r.status == expected


def test_missed_biu_marks_filing_for_cancellation():
    r = result(itu_facts(brought_into_use_on=add_days(DUE, 1)), None, date(2028, 1, 1), "itu_biu")
    assert "marked for cancellation" in r.consequence
    assert r.consequence_count == 0


def test_biu_needs_the_full_90_days():
    start = date(2027, 1, 1)
    last_day = date(2027, 3, 31)  # day 90 when 1 Jan is day 1 (31 + 28 + 31)
    running = result(itu_facts(brought_into_use_on=start), None, add_days(last_day, -1), "itu_biu")
    assert running.status == "due_soon" and "in progress" in running.notes[0]
    done = result(itu_facts(brought_into_use_on=start), None, last_day, "itu_biu")
    assert done.status == "met"


def test_future_dated_biu_is_ignored_when_evaluating_earlier():
    r = result(itu_facts(brought_into_use_on=date(2026, 1, 1)), None, date(2025, 1, 1), "itu_biu")
    assert r.status == "upcoming"


def test_period_end_convention_is_a_rule_set_parameter():
    rs = ITU_RR_2024.revised("ITU_ALT", "alt", Param(
        "biu_date_is_period_start", False, "RR No. 11.44C", "test", UNCONFIRMED))
    in_time = add_days(DUE, -89)   # day 90 falls on the deadline
    too_late = add_days(DUE, -88)  # day 90 falls the day after
    assert result(itu_facts(brought_into_use_on=in_time), None, date(2028, 1, 1), "itu_biu",
                  rule_sets=[rs]).status == "met"
    assert result(itu_facts(brought_into_use_on=too_late), None, date(2028, 1, 1), "itu_biu",
                  rule_sets=[rs]).status == "missed"


def test_biu_result_surfaces_trigger_and_convention_assumptions():
    r = result(itu_facts(brought_into_use_on=date(2022, 1, 1)), None, date(2023, 1, 1), "itu_biu")
    assert r.confidence == "unconfirmed"
    assert any("API vs CR" in a for a in r.assumptions)
    assert any("biu_date_is_period_start" in a for a in r.assumptions)


def test_leap_day_receipt():
    r = result(itu_facts(date_of_receipt=date(2020, 2, 29)), None, date(2021, 1, 1), "itu_biu")
    assert r.due_date == date(2027, 2, 28)


# --- No. 11.44C notice: within 30 days from the end of the 90-day period --------------------
START = date(2027, 1, 1)
NOTICE_DUE = date(2027, 4, 30)  # last day of the 90 is 31 Mar; + 30 days


@pytest.mark.parametrize("filed, expected", [
    (add_days(NOTICE_DUE, -1), "met"),
    (NOTICE_DUE, "met"),
    (add_days(NOTICE_DUE, 1), "missed"),
])
def test_biu_notice_boundaries(filed, expected):
    facts = itu_facts(brought_into_use_on=START, notices_filed=(("itu_biu_notice", filed),))
    r = result(facts, None, date(2027, 6, 1), "itu_biu_notice")
    assert (r.due_date, r.status) == (NOTICE_DUE, expected)


def test_biu_notice_pending_and_unknown():
    facts = itu_facts(brought_into_use_on=START)
    assert result(facts, None, NOTICE_DUE, "itu_biu_notice").status == "due_soon"
    late = result(facts, None, add_days(NOTICE_DUE, 1), "itu_biu_notice")
    assert (late.status, late.missing_facts) == ("not_computable", ("notices_filed",))
    no_biu = result(itu_facts(), None, date(2026, 1, 1), "itu_biu_notice")
    assert no_biu.missing_facts == ("brought_into_use_on",) and no_biu.due_date is None


# --- No. 11.49 suspension: back into use within 3 years -------------------------------------
SUSPENDED = date(2028, 3, 10)
RESUME_BY = date(2031, 3, 10)


@pytest.mark.parametrize("resumed, expected", [
    (add_days(RESUME_BY, -1), "met"),
    (RESUME_BY, "met"),
    (add_days(RESUME_BY, 1), "missed"),
])
def test_suspension_boundaries(resumed, expected):
    facts = itu_facts(suspended_on=SUSPENDED, resumed_on=resumed)
    r = result(facts, None, date(2032, 1, 1), "itu_suspension")
    assert (r.due_date, r.status, r.provision) == (RESUME_BY, expected, "RR No. 11.49")
    assert ("cancellation" in r.consequence) == (expected == "missed")


@pytest.mark.parametrize("as_of, expected", [
    (add_days(RESUME_BY, -181), "upcoming"),
    (add_days(RESUME_BY, -180), "due_soon"),
    (RESUME_BY, "due_soon"),
])
def test_suspension_while_still_suspended(as_of, expected):
    assert result(itu_facts(suspended_on=SUSPENDED), None, as_of, "itu_suspension").status == expected


def test_suspension_past_limit_without_resumption_record_names_the_fact():
    r = result(itu_facts(suspended_on=SUSPENDED), None, add_days(RESUME_BY, 1), "itu_suspension")
    assert r.missing_facts == ("resumed_on",)


def test_no_suspension_is_not_applicable_and_leap_day_suspension():
    assert result(itu_facts(), None, date(2030, 1, 1), "itu_suspension").status == "not_applicable"
    r = result(itu_facts(suspended_on=date(2024, 2, 29)), None, date(2025, 1, 1), "itu_suspension")
    assert r.due_date == date(2027, 2, 28)
