"""Properties that must hold for any input, checked with hypothesis."""
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.rules import (FCC_PART25_2021, ITU_RR_2024, DeploymentSeries, FilingFacts,
                              add_years, end_of_period, evaluate, res35_schedule)

receipts = st.dates(min_value=date(2005, 1, 1), max_value=date(2045, 12, 31))


def schedule(receipt):
    return [step.due for step in res35_schedule(receipt, ITU_RR_2024)]


@given(receipts, receipts)
def test_itu_deadlines_are_monotone_in_date_of_receipt(a, b):
    early, late = min(a, b), max(a, b)
    assert end_of_period(early, ITU_RR_2024) <= end_of_period(late, ITU_RR_2024)
    assert all(x <= y for x, y in zip(schedule(early), schedule(late)))


@given(receipts)
def test_milestones_are_ordered_after_the_regulatory_period(receipt):
    m1, m2, m3 = schedule(receipt)
    assert end_of_period(receipt, ITU_RR_2024) < m1 < m2 < m3


@given(receipts, receipts)
def test_fcc_deadlines_are_monotone_and_ordered(a, b):
    early, late = min(a, b), max(a, b)
    for years in ("m50_years", "m100_years"):
        n = FCC_PART25_2021.value(years)
        assert add_years(early, n) <= add_years(late, n)
    assert add_years(a, 6) < add_years(a, 9)


# --- more satellites never hurts ------------------------------------------------------------

@st.composite
def deployments(draw, start):
    """A gappy, possibly decreasing series and a pointwise larger copy of it."""
    offsets = draw(st.lists(st.integers(0, 17 * 366), min_size=0, max_size=16, unique=True))
    counts = draw(st.lists(st.integers(0, 1500), min_size=len(offsets), max_size=len(offsets)))
    extra = draw(st.lists(st.integers(0, 600), min_size=len(offsets), max_size=len(offsets)))
    days = [start + timedelta(days=o) for o in offsets]
    small = DeploymentSeries.from_counts(zip(days, counts))
    large = DeploymentSeries.from_counts(zip(days, [c + e for c, e in zip(counts, extra)]))
    return small, large


@st.composite
def cases(draw):
    start = draw(st.dates(min_value=date(2010, 1, 1), max_value=date(2030, 12, 31)))
    if draw(st.booleans()):
        facts = FilingFacts(1, "P", "itu", "itu_cr", "filed", date_of_receipt=start,
                            satellites_filed=draw(st.integers(1, 3000)),
                            res35_applies=draw(st.sampled_from([True, None])))
    else:
        facts = FilingFacts(2, "P", "fcc", "fcc_authorisation", "granted", grant_date=start,
                            satellites_authorised=draw(st.integers(1, 3000)))
    small, large = draw(deployments(start))
    as_of = start + timedelta(days=draw(st.integers(0, 18 * 366)))
    return facts, small, large, as_of


@settings(max_examples=300, deadline=None)
@given(cases())
def test_a_larger_deployment_never_turns_met_into_missed(case):
    """Against the same requirement. Res. 35 resolves 11 measures a later milestone against the total a miss
    reduced it to, so a smaller deployment that missed M1 may face a smaller M2 requirement than a larger one
    that met it: those results are not comparable, and are skipped."""
    facts, small, large, as_of = case
    fewer = evaluate(facts, small, as_of)
    # 47 CFR 25.164(b)(2) binds "a licensee that satisfies the requirement in paragraph (b)(1)", and a (b)(1)
    # miss limits the authorisation to the stations then in orbit (25.161(a)(2)): after it, the later FCC
    # milestones are measured against the smaller authorisation (or no longer apply), not against the larger one.
    cut = any(r.code == "fcc_m50" and r.status == "missed" for r in fewer)
    for few, many in zip(fewer, evaluate(facts, large, as_of)):
        assert few.code == many.code
        if cut and few.code in ("fcc_m100", "fcc_report_m100", "fcc_maintain50"):
            continue
        if few.required != many.required:
            assert few.code in ("res35_m2", "res35_m3", "res35_post"), few.code
            continue
        if few.status == "met":
            assert many.status == "met", few.code
        if many.status == "missed":
            assert few.status == "missed", few.code
