"""Res. 35 (Rev.WRC-23) resolves 1: the Resolution applies "in the frequency bands and for the services listed
in the Table" (10.70-51.40 GHz; fixed-, mobile-, broadcasting-satellite, each with its direction).
One table of cases from the text: edges, gaps, straddling bands, wrong service, direction."""
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from compliance.rules import ITU_RR_2024
from compliance.rules.bands import (BSS, DOWN, FSS, MSS, OTHER, RES35_TABLE, UP, Band, band_in_table,
                                    biu_provision, res35_applicability, res35_applies)

from .factories import itu_facts, result

RESOLVES_1 = [
    # (label, band, in the table?)
    ("10.70 GHz, the table's lowest edge, is in", Band("10.7", "10.7", FSS, DOWN), True),
    ("10.69 GHz is out", Band("10.69", "10.69", FSS, DOWN), False),
    ("a band ending on 10.70 does not enter it", Band("10.5", "10.7", FSS, DOWN), False),
    ("a band straddling 10.70 is in", Band("10.6", "10.8", FSS, DOWN), True),
    ("51.40 GHz, the table's highest edge, is in", Band("51.4", "51.4", FSS, UP), True),
    ("51.41 GHz is out", Band("51.41", "51.41", FSS, UP), False),
    ("a band straddling 51.40 is in", Band("51.3", "52.0", FSS, UP), True),
    ("a band starting on 51.40 does not enter it", Band("51.4", "52.0", FSS, UP), False),
    ("13.25-13.75, a gap between rows, is out", Band("13.3", "13.7", FSS, UP), False),
    ("50.20-50.40, the last gap, is out", Band("50.2", "50.4", FSS, UP), False),
    ("Ku uplink 14.0-14.5 FSS", Band("14.0", "14.5", FSS, UP), True),
    ("Ka downlink 17.8-18.6 FSS", Band("17.8", "18.6", FSS, DOWN), True),
    ("Ka uplink 27.5-29.1 FSS", Band("27.5", "29.1", FSS, UP), True),
    ("V-band 37.5-42.0 FSS down", Band("37.5", "42.0", FSS, DOWN), True),
    ("V-band 47.2-50.2 FSS up", Band("47.2", "50.2", FSS, UP), True),
    ("wrong direction: 11.70-12.50 lists FSS space-to-Earth only", Band("11.8", "12.4", FSS, UP), False),
    ("wrong direction: 13.75-14.50 lists FSS Earth-to-space only", Band("14.0", "14.5", FSS, DOWN), False),
    ("wrong service: MSS in 27.5-29.5 (FSS only)", Band("27.5", "29.5", MSS, UP), False),
    ("MSS in 29.5-30.0 (listed)", Band("29.5", "30.0", MSS, UP), True),
    ("MSS down in 19.7-20.2 (listed)", Band("19.7", "20.2", MSS, DOWN), True),
    ("MSS up in 19.7-20.2 (not listed)", Band("19.7", "20.2", MSS, UP), False),
    ("BSS in 12.5-12.75 (listed)", Band("12.5", "12.75", BSS, DOWN), True),
    ("BSS in 40.5-42.5 (listed)", Band("40.5", "42.5", BSS, DOWN), True),
    ("BSS in 11.7-12.5 (not listed)", Band("11.7", "12.5", BSS, DOWN), False),
    ("another service in a listed band", Band("27.5", "28.0", OTHER, UP), False),
    ("direction unrecorded, row lists both", Band("10.7", "11.7", FSS), True),
    ("direction unrecorded, row lists one", Band("18.1", "19.3", FSS), None),
    ("service unrecorded in a listed band", Band("27.5", "30.0"), None),
    ("service unrecorded outside the table", Band("7", "8"), False),
    ("E-band (71-76 GHz) is out", Band("71", "76", FSS, DOWN), False),
    ("L-band 1.4 GHz is out", Band("1.4", "1.4"), False),
]


@pytest.mark.parametrize("label, band, expected", RESOLVES_1, ids=[row[0] for row in RESOLVES_1])
def test_res35_resolves_1_band_table(label, band, expected):
    assert band_in_table(band) is expected
    assert res35_applicability([band]).applies is expected


def test_applicability_of_a_filing_from_all_its_bands():
    ka = Band("27.5", "29.1", FSS, UP, "Ka")
    optical_backup = Band("7", "8", OTHER, label="X")
    unknown = Band("17.7", "20.2", label="Ka (service not recorded)")
    assert res35_applicability([]).applies is None  # no band recorded
    assert res35_applicability([optical_backup, ka]).applies is True  # one band in the table suffices
    assert res35_applicability([optical_backup]).applies is False
    assert res35_applicability([optical_backup, unknown]).applies is None
    assert res35_applicability([unknown, ka]).applies is True
    assert "27.5-29.1 GHz Fixed-satellite (Earth-to-space)" in res35_applicability([ka]).reason


def test_cinnamon_937_bands_are_outside_the_table():
    """CINNAMON-937 per its record: 1.4 GHz, 2 GHz, 7-8 GHz, 70/80 GHz."""
    bands = [Band("1.4", "1.4"), Band("2", "2"), Band("7", "8"), Band("70", "70"), Band("80", "80")]
    decision = res35_applicability(bands)
    assert decision.applies is False and "outside the Res. 35 band table" in decision.reason


@pytest.mark.parametrize("override, bands, expected", [
    (None, [Band("27.5", "29.1", FSS, UP)], True),
    (False, [Band("27.5", "29.1", FSS, UP)], False),   # the analyst's explicit answer wins
    (True, [Band("7", "8")], True),
    (None, [], None),
])
def test_an_explicit_answer_on_the_filing_wins(override, bands, expected):
    decision = res35_applies(bands, override)
    assert decision.applies is expected
    assert ("set on the filing record" in decision.reason) == (override is not None)


@pytest.mark.parametrize("bands, res35, expected", [
    ([Band("27.5", "29.1", FSS, UP)], None, ("No. 11.44C", True)),
    ([Band("7", "8", OTHER)], None, ("No. 11.44D", True)),
    ([Band("7", "8", OTHER), Band("1.6", "1.6", MSS)], None, ("No. 11.44C", True)),
    ([Band("7", "8")], None, ("No. 11.44C", False)),  # service unrecorded: 11.44C assumed
    ([], True, ("No. 11.44C", True)),                  # Res. 35 applying implies FSS/MSS/BSS
    ([], None, ("No. 11.44C", False)),
])
def test_which_rr_no_brings_into_use(bands, res35, expected):
    assert biu_provision(bands, res35) == expected


@pytest.mark.parametrize("low, high", [(0, 1), ("-1", "2"), ("12", "11"), ("nan", "1"), ("x", "1")])
def test_a_band_runs_from_a_positive_low_to_a_higher_high(low, high):
    with pytest.raises(ValueError):
        Band(low, high)


def test_the_edition_holds_the_table_citing_resolves_1():
    p = ITU_RR_2024.param("res35_band_table")
    assert p.value is RES35_TABLE and p.provision == "Res. 35 (Rev.WRC-23) resolves 1"
    assert p.confidence == "confirmed" and p.source.startswith("Radio Regulations 2024, Vol. 3")
    assert (RES35_TABLE[0].low_ghz, RES35_TABLE[-1].high_ghz) == (Decimal("10.70"), Decimal("51.40"))
    assert all(a.high_ghz <= b.low_ghz for a, b in zip(RES35_TABLE, RES35_TABLE[1:]))  # rows in order


def test_facts_carry_the_bands_into_the_rules():
    facts = itu_facts(res35_applies=False, bands=[Band("7", "8", OTHER)])
    assert isinstance(facts.bands, tuple)
    assert result(facts, None, date(2021, 1, 1), "res35_m1").status == "not_applicable"


frequencies = st.decimals(min_value=Decimal("0.1"), max_value=Decimal("100"), places=2)


@given(frequencies, frequencies, st.sampled_from([FSS, MSS, BSS, OTHER, ""]), st.sampled_from([UP, DOWN, ""]))
def test_a_band_outside_10_7_to_51_4_ghz_is_never_in_the_table(a, b, service, direction):
    low, high = min(a, b), max(a, b)
    band = Band(low, high, service, direction)
    if high < Decimal("10.7") or low > Decimal("51.4"):
        assert band_in_table(band) is False


@given(frequencies, frequencies, st.sampled_from([FSS, MSS, BSS]), st.sampled_from([UP, DOWN]))
def test_widening_a_band_never_takes_it_out_of_the_table(a, b, service, direction):
    low, high = min(a, b), max(a, b)
    if band_in_table(Band(low, high, service, direction)) is True:
        assert band_in_table(Band(low / 2, high * 2, service, direction)) is True
