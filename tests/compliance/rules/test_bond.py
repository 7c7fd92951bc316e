"""47 CFR 25.165(a): bond within 30 days of grant; A = $1M + $4M x min(D, 2192)/2192, nearest $10,000."""
from datetime import date

import pytest

from compliance.rules import bond_amount, bond_due
from compliance.rules.calendar import add_days

from .factories import fcc_facts, result

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
