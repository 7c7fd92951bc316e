"""Real filings from shared/reference/filings.md."""
from datetime import date

from compliance.rules import FilingFacts, Waiver

from .factories import result, series

# FCC 20-102 (30 Jul 2020) authorised 3,236; a later Space Bureau modification cut the system to 3,232
# (International Trade Today; filings/data kuiper-gen1). 25.164(b) counts the maximum number authorised, as modified.
KUIPER_GEN1 = FilingFacts(
    filing_id="SAT-LOA-20190704-00057", name="Kuiper Gen1", regulator="fcc",
    kind="fcc_authorisation", status="granted", date_of_receipt=date(2019, 7, 4),
    grant_date=date(2020, 7, 30), satellites_authorised=3_232,
    waivers=(Waiver("fcc_m50", "waiver", date(2026, 6, 5), note="FCC waiver of the 50 % milestone"),),
)
KUIPER_DEPLOYED = series((date(2025, 12, 1), 180), (date(2026, 2, 1), 200), (date(2026, 6, 8), 331))
CTC_1 = FilingFacts(filing_id="CHN2025-79441", name="CTC-1", regulator="itu", kind="itu_cr",
                    status="filed", date_of_receipt=date(2025, 12, 29), satellites_filed=96_714,
                    res35_applies=None)


def test_kuiper_gen1_half_waived_full_still_due_2029():
    as_of = date(2026, 11, 25)
    m50 = result(KUIPER_GEN1, KUIPER_DEPLOYED, as_of, "fcc_m50")
    assert (m50.status, m50.due_date) == ("waived", date(2026, 7, 30))  # grant + 6 years
    m100 = result(KUIPER_GEN1, KUIPER_DEPLOYED, as_of, "fcc_m100")
    assert (m100.status, m100.due_date, m100.required, m100.deployed) == (
        "upcoming", date(2029, 7, 30), 3_232, 331)
    assert m100.shortfall == 3_232 - 331
    assert m100.projected_date is not None and m100.rate_needed_per_month > 0


def test_kuiper_gen1_before_the_waiver_was_heading_for_a_miss():
    m50 = result(KUIPER_GEN1, KUIPER_DEPLOYED, date(2026, 6, 4), "fcc_m50")
    assert (m50.status, m50.required) == ("due_soon", 1_616)  # half of 3,232, as the FCC stated it


def test_ctc1_itu_schedule():
    as_of = date(2026, 3, 1)
    biu = result(CTC_1, None, as_of, "itu_biu")
    assert (biu.due_date, biu.status) == (date(2032, 12, 29), "upcoming")
    m3 = result(CTC_1, None, as_of, "res35_m3")
    assert (m3.due_date, m3.required) == (date(2039, 12, 29), 96_713)  # N - 1 is 100 % (Res. 35 resolves 4)
    assert m3.title.startswith("If Resolution 35 applies: ") and m3.status == "upcoming"
    assert result(CTC_1, None, as_of, "fcc_m50").status == "not_applicable"


STARLINK_GEN1 = FilingFacts(
    filing_id="SAT-MOD-20200417-00037", name="Starlink Gen1 (Ku/Ka)", regulator="fcc", kind="fcc_modification",
    status="granted", date_of_receipt=date(2016, 11, 15), grant_date=date(2021, 4, 27),
    satellites_filed=4_425, satellites_authorised=4_408, initial_grant_date=date(2018, 3, 29),
)


def test_starlink_gen1_half_by_29_march_2024_all_by_29_march_2027():
    # 47 CFR 25.164(b) from FCC 18-38 (29 Mar 2018), not from the FCC 21-48 modification (27 Apr 2021)
    as_of = date(2026, 12, 5)
    m50 = result(STARLINK_GEN1, None, as_of, "fcc_m50")
    m100 = result(STARLINK_GEN1, None, as_of, "fcc_m100")
    assert (m50.due_date, m50.required) == (date(2024, 3, 29), 2_204)
    assert (m100.due_date, m100.required) == (date(2027, 3, 29), 4_408)
