"""The risk core (compliance.rules.risk): cadence and its band, chance of meeting, projection horizon, launches
needed, consequence never empty. Tables of cases, no database."""
import datetime as dt

import pytest

from compliance.rules import risk

AS_OF = dt.date(2026, 12, 6)


def steady(per_month, months=13, base=0):
    return [base + per_month * i for i in range(months)]


def test_cadence_of_a_steady_series_is_its_rate_with_a_tight_band():
    c = risk.cadence(steady(100), "constellation")
    assert (c.per_month, c.low, c.high, c.window_months) == (100.0, 100.0, 100.0, 12)


def test_band_brackets_the_mean_of_a_lumpy_history_and_is_reproducible():
    counts = [0, 0, 27, 27, 54, 54, 54, 81, 81, 81, 108, 135, 135]  # launches of 27, some months none
    first, again = risk.cadence(counts, "constellation"), risk.cadence(counts, "constellation")
    assert first == again  # fixed seed
    assert first.low < first.per_month < first.high
    assert first.per_month == round(135 / 12, 2)


def test_cadence_uses_only_the_stated_window():
    counts = steady(1000, months=10) + steady(10, months=13, base=9000)[1:]
    assert risk.cadence(counts, "constellation").per_month == 10.0


def test_net_additions_count_reentries():
    assert risk.monthly_additions([10, 15, 12]) == (5, -3)


@pytest.mark.parametrize("per_month, shortfall, months, expected", [
    (100, 1000, 12, 1.0),  # 1,200 by the date at a steady 100: certain
    (100, 1000, 9, 0.0),  # 900 at most: impossible
    (0, 1, 24, 0.0),  # nothing launched: no chance
    (50, 0, 0, 1.0),  # nothing short: met
])
def test_chance_of_meeting(per_month, shortfall, months, expected):
    c = risk.cadence(steady(per_month), "operator")
    assert risk.chance_of_meeting(shortfall, months, c) == expected


@pytest.mark.parametrize("shortfall, per_month, label", [
    (1200, 100, "Dec 2027"),
    (100_000, 100, risk.NOT_ON_TRACK),  # 83 years: no date far in the future (issue 15: "no year 2473")
    (10, 0, risk.NOT_ON_TRACK),
])
def test_projection_is_capped_at_thirty_years(shortfall, per_month, label):
    day, text = risk.projection(shortfall, AS_OF, per_month)
    assert text == label
    assert day is None or day.year <= AS_OF.year + risk.HORIZON_YEARS


def test_launches_per_year_from_the_vehicle_range():
    falcon = risk.VEHICLES["spacex"]
    assert risk.launches_per_year(290, falcon) == (round(3480 / 29, 1), round(3480 / 21, 1))
    assert risk.launches_per_year(290, None) is None


def test_nothing_launched_by_an_operator_is_at_risk_for_bringing_into_use():
    """CINNAMON-937: brought into use by 21 Sep 2028 (RR No. 11.44), its operator has launched nothing."""
    zero = risk.Cadence(0.0, 0.0, 0.0, (0,) * 12, "operator")
    a = risk.assess(status="upcoming", required=None, deployed=None, due=dt.date(2028, 9, 21), as_of=AS_OF,
                    observed=zero)
    assert a.risk == risk.AT_RISK and a.exceeds_cadence and a.chance == 0.0
    assert a.projection_label == risk.NOT_ON_TRACK
    assert a.rate_needed_per_month > 0


@pytest.mark.parametrize("deployed, required, per_month, expected", [
    (11_000, 7_500, 250, risk.ON_TRACK),  # already above the requirement: never "at risk"
    (6_774, 7_500, 250, risk.ON_TRACK),  # 726 short, two years left at 250 a month
    (2_930, 4_408, 250, risk.AT_RISK),  # 1,478 short in under four months at 250
])
def test_assess(deployed, required, per_month, expected):
    c = risk.cadence(steady(per_month), "constellation")
    due = dt.date(2027, 3, 29) if expected == risk.AT_RISK else dt.date(2028, 12, 1)
    a = risk.assess(status="upcoming", required=required, deployed=deployed, due=due, as_of=AS_OF, observed=c)
    assert a.risk == expected


def test_decided_milestones_keep_the_rules_verdict():
    a = risk.assess(status="missed", required=10, deployed=1, due=dt.date(2025, 1, 1), as_of=AS_OF, observed=None)
    assert a.risk == risk.MISSED and a.chance == 0.0


@pytest.mark.parametrize("code, consequence, provision, needle", [
    ("res35_m1", "if missed: the total may be no more than 10 x", "Res. 35 resolves 7", "10 x"),
    ("itu_biu_notice", "", "RR No. 11.44C", "RR No. 11.44C"),
    ("fcc_report_m50", "", "47 CFR 25.164(f)", "47 CFR 25.164(f)"),
    ("anything_else", "", "Some provision", "Some provision"),
])
def test_consequence_if_missed_is_never_empty(code, consequence, provision, needle):
    text = risk.consequence_if_missed(code, consequence, provision)
    assert text and needle in text


def test_due_on_the_day_with_a_shortfall_has_no_rate_and_no_chance():
    c = risk.cadence(steady(100), "constellation")
    a = risk.assess(status="due_soon", required=500, deployed=100, due=AS_OF, as_of=AS_OF, observed=c)
    assert (a.rate_needed_per_month, a.chance, a.risk) == (None, 0.0, risk.AT_RISK)
