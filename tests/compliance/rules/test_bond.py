"""47 CFR 25.165(a): bond within 30 days of grant; A = $1M + $4M x min(D, 2192)/2192, nearest $10,000."""
from datetime import date

import pytest

from compliance.rules import bond_amount, bond_due
from compliance.rules.calendar import add_days
from compliance.rules.facts import Notice

from .factories import fcc_facts, result, series

GRANT = date(2020, 6, 15)


@pytest.mark.parametrize("days, expected", [
    (0, 1_000_000),
    (682, 2_240_000),     # 2,244,525.5 -> nearest $10,000
    (1096, 3_000_000),    # half the period: exactly $1M + $2M
    (2191, 5_000_000),    # 4,998,175.2 -> rounds up to the cap
    (2192, 5_000_000),    # D = 2192: the maximum
    (4000, 5_000_000),    # D is capped at 2192
])
def test_bond_amount_formula(days, expected):
    assert bond_amount(GRANT, add_days(GRANT, days)) == expected


def test_boeing_vband_vector():
    # granted 2 Nov 2021, surrendered 15 Sep 2023: D = 682, forfeiture reported as $2,240,000
    assert bond_amount(date(2021, 11, 2), date(2023, 9, 15)) == 2_240_000


def test_surrender_before_grant_is_an_error():
    with pytest.raises(ValueError):
        bond_amount(GRANT, add_days(GRANT, -1))


def test_bond_due_dates():
    assert bond_due(GRANT, small_satellite=False) == date(2020, 7, 15)
    assert bond_due(GRANT, small_satellite=True) == date(2021, 7, 15)   # 1 year + 30 days
    assert bond_due(date(2024, 2, 29), small_satellite=True) == date(2025, 3, 30)


@pytest.mark.parametrize("posted, expected", [
    (date(2020, 7, 14), "met"), (date(2020, 7, 15), "met"), (date(2020, 7, 16), "missed"),
])
def test_bond_posting_boundaries(posted, expected):
    r = result(fcc_facts(bond_posted_on=posted), None, date(2021, 1, 1), "fcc_bond")
    assert r.status == expected
    assert ("null and void" in r.consequence) == (expected == "missed")


def test_surrendered_authorisation_shows_bond_amount_and_drops_milestones():
    facts = fcc_facts(grant_date=date(2021, 11, 2), surrendered_on=date(2023, 9, 15),
                      bond_posted_on=date(2021, 11, 20))
    as_of = date(2024, 1, 1)
    bond = result(facts, None, as_of, "fcc_bond")
    assert (bond.status, bond.amount_usd) == ("met", 2_240_000)
    assert result(facts, None, as_of, "fcc_m50").status == "not_applicable"


# --- 25.165(c): "in default ... if it surrenders the license before meeting an applicable milestone requirement
# in § 25.164(a) or (b)(1) or if it fails to satisfy any such milestone"; (d): relieved once (b)(1) is met

M50 = date(2026, 6, 15)  # GRANT + 6 years


@pytest.mark.parametrize("as_of, count, status, default", [
    (add_days(M50, -1), 499, "not_computable", False),  # (b)(1) still open: amount "if surrendered" only
    (M50, 499, "not_computable", False),
    (add_days(M50, 1), 499, "not_computable", True),     # (b)(1) missed the day after: the bond is in default
    (add_days(M50, 1), 500, "not_computable", False),    # (b)(1) met: released on the Commission's finding
])
def test_25_165_c_the_bond_defaults_on_a_b_1_miss(as_of, count, status, default):
    r = result(fcc_facts(), series((date(2021, 1, 1), count)), as_of, "fcc_bond")
    assert r.status == status  # the posting itself is not on record
    assert ("bond in default" in r.consequence) == default
    if default:
        assert r.amount_usd == 5_000_000 and "2026-06-15" in r.consequence  # D = min(2192, days) = 2192
    if count == 500 and as_of > M50:
        assert r.amount_usd is None and any("25.165(d)" in n for n in r.notes)


def test_25_165_c_a_b_2_miss_leaves_the_bond_alone():
    s = series((date(2021, 1, 1), 500), (date(2029, 6, 1), 900))
    r = result(fcc_facts(bond_posted_on=date(2020, 7, 1)), s, date(2029, 7, 1), "fcc_bond")
    assert (r.status, r.consequence) == ("met", "")


@pytest.mark.parametrize("count, default", [(499, True), (500, False)])
def test_25_165_c_surrender_defaults_only_before_b_1_is_met(count, default):
    facts = fcc_facts(surrendered_on=date(2025, 1, 10), bond_posted_on=date(2020, 7, 1))
    r = result(facts, series((date(2024, 1, 1), count)), date(2025, 6, 1), "fcc_bond")
    assert ("bond in default" in r.consequence) == default
    assert (r.amount_usd is not None) == default


def test_a_posting_on_record_answers_the_bond():
    facts = fcc_facts(notices=(Notice("bond_posting", date(2020, 7, 15), "25.165(a)"),))
    assert result(facts, None, date(2021, 1, 1), "fcc_bond").status == "met"


def test_the_bond_runs_from_the_initial_grant():
    facts = fcc_facts(kind="fcc_modification", grant_date=date(2021, 4, 27), initial_grant_date=date(2018, 3, 29))
    assert result(facts, None, date(2021, 5, 1), "fcc_bond").due_date == date(2018, 4, 28)
