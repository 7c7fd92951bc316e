"""RR Article 11 as adopted (reference/primary/itu-rr-article11.txt), one table per RR No.:
11.44 (seven years from the date of receipt under No. 9.1/9.2 or No. 9.30), 11.44C (90 continuous days on a
notified plane, notice within 30 days of the end of the 90 days), 11.44D (deployment on a notified plane,
notice within 30 days of the end of the 11.44 period), 11.48 (cancellation, after six months' warning),
11.49 (suspension over six months notified; back into use within three years of the date of suspension).
Each table has the day before, on and after its date."""
from datetime import date

import pytest

from compliance.rules import ITU_RR_2024, Param, UNCONFIRMED
from compliance.rules.bands import OTHER, Band
from compliance.rules.calendar import add_days
from compliance.rules.facts import Notice

from .factories import itu_facts, result

RECEIPT = date(2020, 6, 15)
DUE = date(2027, 6, 15)  # No. 11.44: date of receipt + 7 years
OTHER_SERVICE = (Band(7, 8, OTHER, label="7-8 GHz"),)  # no FSS/MSS/BSS: No. 11.44D
NO_1144C = {"bands": OTHER_SERVICE, "res35_applies": False}


def before_on_after(day):
    return add_days(day, -1), day, add_days(day, 1)


# --- No. 11.44: "not later than seven years following the date of receipt" -------------------------------

BEFORE, ON, AFTER = before_on_after(DUE)
RR_1144 = [
    # (label, facts overrides, as_of, status)
    ("no BIU, 181 days before", {}, add_days(DUE, -181), "upcoming"),
    ("no BIU, day before", {}, BEFORE, "due_soon"),
    ("no BIU, on the day", {}, ON, "due_soon"),
    ("no BIU recorded, day after", {}, AFTER, "not_computable"),
    ("90 days from the day before", {"brought_into_use_on": BEFORE}, add_days(DUE, 200), "met"),
    ("90 days from the day itself", {"brought_into_use_on": ON}, add_days(DUE, 200), "met"),
    ("90 days from the day after", {"brought_into_use_on": AFTER}, add_days(DUE, 200), "missed"),
    ("11.44D deployed the day before", {"brought_into_use_on": BEFORE, **NO_1144C}, AFTER, "met"),
    ("11.44D deployed on the day", {"brought_into_use_on": ON, **NO_1144C}, AFTER, "met"),
    ("11.44D deployed the day after", {"brought_into_use_on": AFTER, **NO_1144C}, AFTER, "missed"),
]


@pytest.mark.parametrize("label, overrides, as_of, status", RR_1144, ids=[row[0] for row in RR_1144])
def test_rr_11_44_seven_years_from_receipt(label, overrides, as_of, status):
    r = result(itu_facts(date_of_receipt=RECEIPT, **overrides), None, as_of, "itu_biu")
    assert (r.due_date, r.status) == (DUE, status)
    assert r.provision.startswith("RR No. 11.44, from the date of receipt under No. 9.30")
    assert r.edition == "ITU_RR_2024"


TRIGGERS = [
    # (kind, receipt_provision, cited, assumption made)
    ("itu_cr", "", "No. 9.30", False),   # a coordination request is sent under No. 9.30
    ("itu_api", "", "No. 9.1", True),    # advance publication: 9.1 unless the system needs coordination
    ("itu_api", "9.30", "No. 9.30", False),
    ("itu_api", "9.2", "No. 9.2", False),
    ("itu_notification", "9.1", "No. 9.1", False),
]


@pytest.mark.parametrize("kind, provision, cited, assumed", TRIGGERS)
def test_rr_11_44_names_the_provision_of_the_date_of_receipt(kind, provision, cited, assumed):
    facts = itu_facts(kind=kind, receipt_provision=provision)
    r = result(facts, None, date(2021, 1, 1), "itu_biu")
    assert f"from the date of receipt under {cited};" in r.provision
    assert any("No. 9.30 date of receipt" in a for a in r.assumptions) == assumed


def test_rr_11_44_unrecorded_provision_of_a_notification_is_said():
    r = result(itu_facts(kind="itu_notification"), None, date(2021, 1, 1), "itu_biu")
    assert r.provision == "RR No. 11.44; No. 11.44C"
    assert any("provision of the date of receipt not recorded" in a for a in r.assumptions)


def test_ctc1_brought_into_use_by_29_dec_2032():
    """CTC-1: coordination request received 29 Dec 2025 (No. 9.30) -> bringing into use by 29 Dec 2032."""
    facts = itu_facts(date_of_receipt=date(2025, 12, 29), satellites_filed=96714)
    r = result(facts, None, date(2026, 12, 5), "itu_biu")
    assert (r.due_date, r.status) == (date(2032, 12, 29), "upcoming")
    assert "No. 9.30" in r.provision and r.consequence.startswith("if missed: cancellation")


def test_rr_11_44_leap_day_receipt():
    r = result(itu_facts(date_of_receipt=date(2020, 2, 29)), None, date(2021, 1, 1), "itu_biu")
    assert r.due_date == date(2027, 2, 28)


def test_future_dated_biu_is_ignored_when_evaluating_earlier():
    r = result(itu_facts(brought_into_use_on=date(2026, 1, 1)), None, date(2025, 1, 1), "itu_biu")
    assert r.status == "upcoming"


def test_rr_11_44_the_adopted_text_confirms_the_seven_years():
    p = ITU_RR_2024.param("biu_years")
    assert (p.value, p.provision, p.confidence) == (7, "RR No. 11.44", "confirmed")
    assert p.source.startswith("Radio Regulations 2024")


# --- No. 11.44C: "deployed and maintained ... for a continuous period of 90 days" -------------------------

START = date(2027, 1, 1)
LAST_DAY = date(2027, 3, 31)  # day 90 when 1 Jan is day 1 (31 + 28 + 31)
RR_1144C_PERIOD = [
    (add_days(LAST_DAY, -1), "due_soon", "in progress"),
    (LAST_DAY, "met", "90-day period from 2027-01-01 to 2027-03-31"),
    (add_days(LAST_DAY, 1), "met", "90-day period from 2027-01-01 to 2027-03-31"),
]


@pytest.mark.parametrize("as_of, status, note", RR_1144C_PERIOD)
def test_rr_11_44c_needs_the_full_90_days(as_of, status, note):
    r = result(itu_facts(brought_into_use_on=START), None, as_of, "itu_biu")
    assert r.status == status and any(note in n for n in r.notes)
    assert r.provision.endswith("; No. 11.44C")


NOTICE_DUE = date(2027, 4, 30)  # "within 30 days from the end of the 90-day period": 31 Mar + 30 days
RR_1144C_NOTICE = list(zip(before_on_after(NOTICE_DUE), ("met", "met", "missed")))


@pytest.mark.parametrize("filed, status", RR_1144C_NOTICE)
def test_rr_11_44c_notice_within_30_days(filed, status):
    facts = itu_facts(brought_into_use_on=START, notices=(Notice("biu_notice", filed, "No. 11.44C"),))
    r = result(facts, None, date(2027, 6, 1), "itu_biu_notice")
    assert (r.due_date, r.status, r.provision) == (NOTICE_DUE, status, "RR No. 11.44C")


@pytest.mark.parametrize("filed, status", RR_1144C_NOTICE)
def test_rr_11_44c_notice_recorded_the_older_way_still_counts(filed, status):
    facts = itu_facts(brought_into_use_on=START, notices_filed=(("itu_biu_notice", filed),))
    assert result(facts, None, date(2027, 6, 1), "itu_biu_notice").status == status


@pytest.mark.parametrize("as_of, status, missing", [
    (add_days(NOTICE_DUE, -1), "due_soon", ()),
    (NOTICE_DUE, "due_soon", ()),
    (add_days(NOTICE_DUE, 1), "not_computable", ("biu_notice",)),
])
def test_rr_11_44c_notice_not_on_record(as_of, status, missing):
    r = result(itu_facts(brought_into_use_on=START), None, as_of, "itu_biu_notice")
    assert (r.status, r.missing_facts) == (status, missing)


def test_rr_11_44c_notice_not_yet_due_is_upcoming_not_unknown():
    """No 90-day period yet and the regulatory period still running: the notice is upcoming, due at the
    latest 30 days after a 90-day period beginning on the period's last day (2027-06-15 + 89 + 30)."""
    r = result(itu_facts(), None, date(2026, 1, 1), "itu_biu_notice")
    assert (r.status, r.due_date, r.missing_facts) == ("upcoming", date(2027, 10, 12), ())
    past = result(itu_facts(), None, add_days(DUE, 1), "itu_biu_notice")
    assert (past.status, past.missing_facts) == ("not_computable", ("brought_into_use_on",))


def test_rr_11_44c_start_of_period_convention_is_a_parameter():
    rs = ITU_RR_2024.revised("ITU_ALT", "alt", Param(
        "biu_date_is_period_start", False, "RR No. 11.44C", "test", UNCONFIRMED))
    in_time = add_days(DUE, -89)   # day 90 falls on the deadline
    too_late = add_days(DUE, -88)  # day 90 falls the day after
    assert result(itu_facts(brought_into_use_on=in_time), None, date(2028, 1, 1), "itu_biu",
                  rule_sets=[rs]).status == "met"
    assert result(itu_facts(brought_into_use_on=too_late), None, date(2028, 1, 1), "itu_biu",
                  rule_sets=[rs]).status == "missed"
    r = result(itu_facts(brought_into_use_on=date(2022, 1, 1)), None, date(2023, 1, 1), "itu_biu")
    assert r.confidence == "unconfirmed"  # the extraction does not say which end of the 90 days counts
    assert any("biu_date_is_period_start" in a for a in r.assumptions)


def test_rr_11_44c_assumed_when_no_service_is_recorded():
    r = result(itu_facts(res35_applies=None), None, date(2021, 1, 1), "itu_biu")
    assert r.provision.endswith("No. 11.44C")
    assert any("services not recorded" in a for a in r.assumptions)


# --- No. 11.44D: "deployed on one of the notified orbital plane(s)"; notice "not later than 30 days after the
# end of the period referred to in No. 11.44" ---------------------------------------------------------------

D_NOTICE_DUE = date(2027, 7, 15)  # 2027-06-15 + 30 days


def test_rr_11_44d_no_90_day_period():
    deployed = date(2024, 3, 1)
    r = result(itu_facts(bands=OTHER_SERVICE, res35_applies=False, brought_into_use_on=deployed), None,
               deployed, "itu_biu")
    assert r.status == "met" and r.provision.endswith("; No. 11.44D")
    assert "biu_period_days" not in " ".join(r.assumptions)


@pytest.mark.parametrize("filed, status", list(zip(before_on_after(D_NOTICE_DUE), ("met", "met", "missed"))))
def test_rr_11_44d_notice_30_days_after_the_period(filed, status):
    facts = itu_facts(bands=OTHER_SERVICE, res35_applies=False, brought_into_use_on=date(2024, 3, 1),
                      notices=(Notice("biu_notice", filed, "No. 11.44D"),))
    r = result(facts, None, date(2028, 1, 1), "itu_biu_notice")
    assert (r.due_date, r.status, r.provision) == (D_NOTICE_DUE, status, "RR No. 11.44D")


@pytest.mark.parametrize("as_of, status", list(zip(before_on_after(D_NOTICE_DUE),
                                                    ("due_soon", "due_soon", "not_computable"))))
def test_rr_11_44d_notice_pending(as_of, status):
    facts = itu_facts(bands=OTHER_SERVICE, res35_applies=False)
    assert result(facts, None, as_of, "itu_biu_notice").status == status


# --- Nos. 11.44 / 11.48: cancellation, after the Bureau has warned the administration --------------------

def test_rr_11_48_missed_biu_is_cancelled():
    r = result(itu_facts(brought_into_use_on=add_days(DUE, 1)), None, date(2028, 1, 1), "itu_biu")
    assert r.status == "missed" and r.consequence_count == 0
    assert "RR No. 11.44" in r.consequence and "RR No. 11.48" in r.consequence


def test_rr_11_48_and_11_44_warnings_six_and_three_months_before():
    r = result(itu_facts(), None, date(2027, 1, 1), "itu_biu")
    note = next(n for n in r.notes if n.startswith("the Bureau informs"))
    assert "by 2026-12-15 (RR No. 11.48" in note and "by 2027-03-15 (RR No. 11.44" in note
    assert r.consequence.startswith("if missed: cancellation")


@pytest.mark.parametrize("as_of, status, consequence", [
    (add_days(DUE, -1), "due_soon", "if missed: cancellation"),
    (DUE, "due_soon", "if missed: cancellation"),
    (add_days(DUE, 1), "not_computable", ""),  # no BIU date recorded: not guessed
])
def test_rr_11_48_period_expiry(as_of, status, consequence):
    r = result(itu_facts(), None, as_of, "itu_biu")
    assert r.status == status and r.consequence.startswith(consequence)
    if status == "not_computable":
        assert r.missing_facts == ("brought_into_use_on",) and "cancellation" in r.notes[-1]


# --- No. 11.49: suspension ------------------------------------------------------------------------------

SUSPENDED = date(2028, 3, 10)
RESUME_BY = date(2031, 3, 10)  # "not later than three years from the date on which the use ... was suspended"
NOTIFY_AFTER = date(2028, 9, 10)  # "suspended for a period exceeding six months"


@pytest.mark.parametrize("resumed, status", list(zip(before_on_after(RESUME_BY), ("met", "met", "missed"))))
def test_rr_11_49_back_into_use_within_three_years(resumed, status):
    r = result(itu_facts(suspended_on=SUSPENDED, resumed_on=resumed), None, date(2032, 1, 1), "itu_suspension")
    assert (r.due_date, r.status, r.provision) == (RESUME_BY, status, "RR No. 11.49")
    assert ("cancellation" in r.consequence) == (status == "missed")


@pytest.mark.parametrize("as_of, status", [
    (add_days(RESUME_BY, -181), "upcoming"),
    (add_days(RESUME_BY, -180), "due_soon"),
    (RESUME_BY, "due_soon"),
    (add_days(RESUME_BY, 1), "not_computable"),
])
def test_rr_11_49_while_still_suspended(as_of, status):
    r = result(itu_facts(suspended_on=SUSPENDED), None, as_of, "itu_suspension")
    assert r.status == status
    if status == "not_computable":
        assert r.missing_facts == ("resumed_on",)
    else:
        assert r.consequence.startswith("if missed: not brought back into use within 3 years")


@pytest.mark.parametrize("resumed, notice_needed", list(zip(before_on_after(NOTIFY_AFTER), (False, False, True))))
def test_rr_11_49_notice_when_suspended_over_six_months(resumed, notice_needed):
    r = result(itu_facts(suspended_on=SUSPENDED, resumed_on=resumed), None, date(2029, 1, 1), "itu_suspension")
    assert any("must inform the Bureau of the date of suspension" in n for n in r.notes) == notice_needed
    assert any("no notice of suspension needed" in n for n in r.notes) == (not notice_needed)


def test_rr_11_49_suspension_and_resumption_from_notices_on_record():
    notices = (Notice("suspension", date(2028, 8, 1), "No. 11.49", as_of=SUSPENDED),
               Notice("resumption", date(2030, 2, 1), "No. 11.49", as_of=date(2030, 1, 20)))
    r = result(itu_facts(notices=notices), None, date(2031, 1, 1), "itu_suspension")
    assert (r.due_date, r.status) == (RESUME_BY, "met")
    assert any("Bureau informed on 2028-08-01" in n for n in r.notes)
    before_notice = result(itu_facts(notices=notices), None, date(2028, 7, 1), "itu_suspension")
    assert before_notice.status == "not_applicable"  # nothing on record yet on that day


def test_rr_11_49_unnotified_long_suspension_is_said():
    r = result(itu_facts(suspended_on=SUSPENDED), None, date(2029, 1, 1), "itu_suspension")
    assert any("no notice of the suspension on record" in n for n in r.notes)


def test_rr_11_49_no_suspension_and_leap_day():
    assert result(itu_facts(), None, date(2030, 1, 1), "itu_suspension").status == "not_applicable"
    r = result(itu_facts(suspended_on=date(2024, 2, 29)), None, date(2025, 1, 1), "itu_suspension")
    assert r.due_date == date(2027, 2, 28)
    assert any("2024-08-29" in n for n in r.notes)  # six months after 29 Feb


def test_article_11_figures_cite_the_adopted_text():
    for name, value, provision in [
        ("biu_years", 7, "RR No. 11.44"), ("biu_cancellation_warning_months", 3, "RR No. 11.44"),
        ("publication_cancellation_warning_months", 6, "RR No. 11.48"), ("biu_period_days", 90, "RR No. 11.44C"),
        ("biu_notice_days", 30, "RR No. 11.44C"), ("biu_notice_1144d_days", 30, "RR No. 11.44D"),
        ("suspension_notice_after_months", 6, "RR No. 11.49"), ("suspension_max_years", 3, "RR No. 11.49"),
    ]:
        p = ITU_RR_2024.param(name)
        assert (p.value, p.provision, p.confidence) == (value, provision, "confirmed"), name
        assert p.source.startswith("Radio Regulations 2024, Vol. 1, Article 11"), name
