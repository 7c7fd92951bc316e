"""Rule numbers are data: every one names its provision, source and confidence."""
import pytest

from compliance.rules import (CONFIRMED, EDITIONS, FCC_PART25_2021, ITU_RR_2024,
                              REPORTED, UNCONFIRMED, Param)


@pytest.mark.parametrize("rs", EDITIONS, ids=lambda rs: rs.key)
def test_every_parameter_is_sourced(rs):
    for p in rs.params:
        assert p.provision and p.source, p.name
        assert p.confidence in (CONFIRMED, REPORTED, UNCONFIRMED)


@pytest.mark.parametrize("name", [
    "res35_transition_cutoff", "res35_transitional_m1", "res35_transitional_m2",
    "res35_transitional_m3", "res35_m1_reduction_pct", "res35_m2_reduction_pct",
    "res35_m3_reduction_pct", "res35_report_days", "res35_post_pct", "res35_rounding",
    "biu_date_is_period_start",
])
def test_research_unknowns_are_marked_unconfirmed(name):
    assert ITU_RR_2024.param(name).confidence == UNCONFIRMED


def test_itu_secondary_figures_are_reported_and_fcc_text_is_confirmed():
    assert ITU_RR_2024.param("biu_years").confidence == CONFIRMED  # RR No. 11.44, the adopted text
    assert ITU_RR_2024.param("res35_m1_pct").confidence == REPORTED
    for name in ("m50_years", "m100_years", "report_days", "bond_cap_days"):
        assert FCC_PART25_2021.param(name).confidence == CONFIRMED


def test_revised_rejects_unknown_parameters_and_leaves_original_alone():
    with pytest.raises(KeyError):
        ITU_RR_2024.revised("X", "x", Param("no_such", 1, "p", "s", REPORTED))
    revised = ITU_RR_2024.revised("X", "x", Param("res35_post_pct", 90, "p", "s", REPORTED))
    assert revised.value("res35_post_pct") == 90 and ITU_RR_2024.value("res35_post_pct") == 95
    with pytest.raises(ValueError):
        Param("x", 1, "p", "s", "maybe")
