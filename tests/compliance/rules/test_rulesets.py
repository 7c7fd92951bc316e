"""Rule numbers are data: every one names its provision, source and confidence."""
import pytest

from compliance.rules import (CONFIRMED, EDITIONS, FCC_PART25_2021, ITU_RR_2024,
                              REPORTED, UNCONFIRMED, Param)


@pytest.mark.parametrize("rs", EDITIONS, ids=lambda rs: rs.key)
def test_every_parameter_is_sourced(rs):
    for p in rs.params:
        assert p.provision and p.source, p.name
        assert p.confidence in (CONFIRMED, REPORTED, UNCONFIRMED)


@pytest.mark.parametrize("name", ["biu_date_is_period_start"])
def test_research_unknowns_are_marked_unconfirmed(name):
    assert ITU_RR_2024.param(name).confidence == UNCONFIRMED


def test_res35_figures_are_read_from_the_adopted_text():
    """The research notes' unknowns (transitional dates, reductions, 90-day reports, 95 %, rounding) are now read
    from Res. 35 (Rev.WRC-23) itself: confirmed, sourced to the Radio Regulations 2024, citing their resolves."""
    res35 = [p for p in ITU_RR_2024.params if p.name.startswith("res35_")]
    assert len(res35) > 30
    for p in res35:
        assert p.confidence == CONFIRMED, p.name
        assert p.source.startswith("Radio Regulations 2024"), p.name
        assert p.provision.startswith("Res. 35 (Rev.WRC-23) ") and "resolves" in p.provision, p.name


def test_itu_secondary_figures_are_reported_and_fcc_text_is_confirmed():
    assert ITU_RR_2024.param("biu_years").confidence == CONFIRMED  # RR No. 11.44, the adopted text
    for name in ("m50_years", "m100_years", "report_days", "bond_cap_days"):
        assert FCC_PART25_2021.param(name).confidence == CONFIRMED


def test_revised_rejects_unknown_parameters_and_leaves_original_alone():
    with pytest.raises(KeyError):
        ITU_RR_2024.revised("X", "x", Param("no_such", 1, "p", "s", REPORTED))
    revised = ITU_RR_2024.revised("X", "x", Param("res35_post_pct", 90, "p", "s", REPORTED))
    assert revised.value("res35_post_pct") == 90 and ITU_RR_2024.value("res35_post_pct") == 95
    with pytest.raises(ValueError):
        Param("x", 1, "p", "s", "maybe")
