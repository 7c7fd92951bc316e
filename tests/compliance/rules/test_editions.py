"""Rule-set editions are data: which one governs a filing, and a new one put in use without code."""
import pathlib
from dataclasses import replace
from datetime import date

import pytest

import compliance.rules
from compliance.rules import (EDITIONS, FCC_PART25_2021, ITU_RR_2024, MILESTONE_CODES, REPORTED,
                              NoEditionInForce, Param, Provision, edition_for, evaluate)
from compliance.rules.codes import FCC_CODES, ITU_CODES

from .factories import fcc_facts, itu_facts, result

# Made-up editions, added purely as data: a WRC-27 Res. 35 asking 20 % at M1, an FCC revision.
ITU_RR_2028 = ITU_RR_2024.revised(
    "ITU_RR_2028", "hypothetical RR edition with Res. 35 (Rev.WRC-27)",
    Param("res35_m1_pct", 20, "Res. 35 (Rev.WRC-27) resolves 7 a)", "made up for this test", REPORTED),
    in_force_from=date(2028, 1, 1),
    provisions=[Provision("res35_m1", "Res. 35 first milestone (M1)", "Res. 35 (Rev.WRC-27) resolves 7 a)")],
)
FCC_PART25_2030 = FCC_PART25_2021.revised("FCC_PART25_2030", "hypothetical Part 25 revision",
                                          in_force_from=date(2030, 1, 1))
WITH_NEW = EDITIONS + (ITU_RR_2028, FCC_PART25_2030)
DAY_BEFORE, IN_FORCE, DAY_AFTER = date(2027, 12, 31), date(2028, 1, 1), date(2028, 1, 2)


@pytest.mark.parametrize("receipt, as_of, expected", [
    (DAY_BEFORE, date(2030, 1, 1), "ITU_RR_2024"),
    (IN_FORCE, date(2030, 1, 1), "ITU_RR_2028"),
    (DAY_AFTER, date(2030, 1, 1), "ITU_RR_2028"),
    (date(2020, 6, 15), date(2030, 1, 1), "ITU_RR_2024"),
    (date(2020, 6, 15), date(2019, 1, 1), "ITU_RR_2024"),  # the baseline also stands in for earlier texts
    # not yet received on as_of: the receipt is not known then, so the edition in force then governs
    (DAY_AFTER, DAY_BEFORE, "ITU_RR_2024"),
    (DAY_AFTER, IN_FORCE, "ITU_RR_2028"),
    (None, DAY_BEFORE, "ITU_RR_2024"),
    (None, IN_FORCE, "ITU_RR_2028"),
])
def test_itu_edition_by_date_of_receipt(receipt, as_of, expected):
    assert edition_for("itu", itu_facts(date_of_receipt=receipt), as_of, WITH_NEW).key == expected


@pytest.mark.parametrize("grant, receipt, expected", [
    (date(2029, 12, 31), date(2030, 6, 1), "FCC_PART25_2021"),  # dated by the grant, not the receipt
    (date(2030, 1, 1), date(2020, 1, 1), "FCC_PART25_2030"),
    (date(2030, 1, 2), None, "FCC_PART25_2030"),
])
def test_fcc_edition_by_grant_date(grant, receipt, expected):
    facts = fcc_facts(grant_date=grant, date_of_receipt=receipt)
    assert edition_for("fcc", facts, date(2031, 1, 1), WITH_NEW).key == expected


def test_the_known_editions_govern_every_filing_today():
    for facts in (itu_facts(), itu_facts(date_of_receipt=None), fcc_facts()):
        assert edition_for("itu", facts, date(2001, 1, 1)) is ITU_RR_2024
        assert edition_for("fcc", facts, date(2040, 1, 1)) is FCC_PART25_2021


@pytest.mark.parametrize("editions", [(), (FCC_PART25_2021,), (ITU_RR_2028,)])
def test_no_edition_in_force_is_a_clear_error(editions):
    with pytest.raises(NoEditionInForce, match="no edition of the itu rules"):
        edition_for("itu", itu_facts(), date(2030, 1, 1), editions)


@pytest.mark.parametrize("editions", [
    (ITU_RR_2024, ITU_RR_2024.revised("ITU_OTHER_BASELINE", "x")),
    (ITU_RR_2024, ITU_RR_2028, ITU_RR_2028.revised("ITU_RR_2028_BIS", "x")),
])
def test_an_ambiguous_registry_is_refused(editions):
    with pytest.raises(ValueError):
        edition_for("itu", itu_facts(date_of_receipt=date(2029, 1, 1)), date(2030, 1, 1), editions)


@pytest.mark.parametrize("receipt, edition, required", [
    (DAY_BEFORE, "ITU_RR_2024", 100),  # 10 % of 1000
    (IN_FORCE, "ITU_RR_2028", 200),  # 20 % of 1000
    (DAY_AFTER, "ITU_RR_2028", 200),
])
def test_a_new_edition_is_used_for_filings_received_after_its_entry_into_force(receipt, edition, required):
    r = result(itu_facts(date_of_receipt=receipt), None, date(2030, 1, 1), "res35_m1", editions=WITH_NEW)
    assert (r.edition, r.required) == (edition, required)
    cited = "Rev.WRC-27" if edition == "ITU_RR_2028" else "Rev.WRC-23"
    assert r.provision.startswith(f"Res. 35 ({cited}) resolves 7 a)")


@pytest.mark.parametrize("facts", [itu_facts(), fcc_facts(), itu_facts(status="withdrawn")],
                         ids=["itu", "fcc", "closed"])
def test_each_result_names_its_edition(facts):
    named = {r.code: r.edition for r in evaluate(facts, None, date(2026, 1, 1))}
    assert named == {**dict.fromkeys(ITU_CODES, "ITU_RR_2024"), **dict.fromkeys(FCC_CODES, "FCC_PART25_2021")}


def test_passed_rule_sets_override_the_editions_and_a_missing_regime_names_none():
    results = evaluate(itu_facts(date_of_receipt=DAY_AFTER), None, date(2030, 1, 1),
                       rule_sets=[ITU_RR_2024], editions=WITH_NEW)
    named = {r.code: r.edition for r in results}
    assert named == {**dict.fromkeys(ITU_CODES, "ITU_RR_2024"), **dict.fromkeys(FCC_CODES, "")}


def test_without_an_edition_in_force_the_results_say_so():
    results = evaluate(itu_facts(), None, date(2030, 1, 1), editions=(ITU_RR_2028,))
    itu = [r for r in results if r.regime == "itu"]
    assert {r.status for r in itu} == {"not_applicable"} and {r.edition for r in itu} == {""}
    assert all("no edition of the itu rules" in r.notes[0] for r in itu)
    assert [r.title for r in itu] == [ITU_RR_2028.provision(code).title for code in ITU_CODES]
    assert [r.code for r in results] == list(MILESTONE_CODES)


# Today's titles and citations, now data of the editions: a guard that moving them changed nothing.
TITLES = [
    (ITU_RR_2024, "itu_biu", "Bring into use within the regulatory period", "RR No. 11.44"),
    (ITU_RR_2024, "itu_biu_notice", "Inform the Bureau of bringing into use", "RR No. 11.44C"),
    (ITU_RR_2024, "itu_suspension", "Bring back into use after suspension", "RR No. 11.49"),
    # Res. 35 cites the threshold (resolves 11, and 4 for 100 %) with the date (resolves 7): Rev.WRC-23 text.
    (ITU_RR_2024, "res35_m1", "Res. 35 first milestone (M1)", "Res. 35 (Rev.WRC-23) resolves 7 a), 11 a)"),
    (ITU_RR_2024, "res35_m2", "Res. 35 second milestone (M2)", "Res. 35 (Rev.WRC-23) resolves 7 b), 11 b)"),
    (ITU_RR_2024, "res35_m3", "Res. 35 third milestone (M3)", "Res. 35 (Rev.WRC-23) resolves 4, 7 c), 11 c)"),
    (ITU_RR_2024, "res35_post", "Res. 35 post-milestone reports: keep the constellation deployed",
     "Res. 35 (Rev.WRC-23) resolves 19, 20, 21"),
    (ITU_RR_2024, "res35_m0", "Res. 35 deployment report at the end of the regulatory period (M0)",
     "Res. 35 (Rev.WRC-23) resolves 2, 6"),
    (FCC_PART25_2021, "fcc_bond", "Post the surety bond", "47 CFR 25.165(a)"),
    (FCC_PART25_2021, "fcc_m50", "Launch and operate half of the authorised satellites", "47 CFR 25.164(b)(1)"),
    (FCC_PART25_2021, "fcc_report_m50", "Report on the first milestone", "47 CFR 25.164(f)"),
    (FCC_PART25_2021, "fcc_m100", "Launch and operate all authorised satellites", "47 CFR 25.164(b)(2)"),
    (FCC_PART25_2021, "fcc_report_m100", "Report on the final milestone", "47 CFR 25.164(f)"),
    (FCC_PART25_2021, "fcc_maintain50", "Keep half of the authorised satellites in service", "47 CFR 25.161(d)"),
]


@pytest.mark.parametrize("rs, code, title, citation", TITLES, ids=[row[1] for row in TITLES])
def test_titles_and_citations_come_from_the_edition(rs, code, title, citation):
    assert (rs.provision(code).title, rs.provision(code).citation) == (title, citation)
    facts = itu_facts() if rs.regime == "itu" else fcc_facts()
    r = result(facts, None, date(2021, 1, 1), code, rule_sets=[rs])
    assert (r.title, r.edition) == (title, rs.key)
    if code.startswith("res35"):  # Res. 35's band table unconfirmed: the same title, marked conditional
        r = result(itu_facts(res35_applies=None), None, date(2021, 1, 1), code, rule_sets=[rs])
        assert (r.title, r.edition) == ("If Resolution 35 applies: " + title, rs.key)


def test_a_new_edition_can_rename_a_provision_as_data():
    renamed = ITU_RR_2024.revised("ITU_RENAMED", "x", provisions=[
        Provision("itu_suspension", "Resume use after suspension", "RR No. 11.49 (Rev.WRC-27)")])
    r = result(itu_facts(suspended_on=date(2024, 1, 1)), None, date(2025, 1, 1), "itu_suspension",
               rule_sets=[renamed])
    assert (r.title, r.provision, r.edition) == ("Resume use after suspension", "RR No. 11.49 (Rev.WRC-27)",
                                                 "ITU_RENAMED")


def test_a_transitional_milestone_cites_its_fixed_date():
    r = result(itu_facts(date_of_receipt=date(2012, 6, 15)), None, date(2022, 1, 1), "res35_m1")
    assert r.provision.startswith(ITU_RR_2024.param("res35_transitional_m1").provision)
    assert r.provision == "Res. 35 (Rev.WRC-23) resolves 8 a), 11 a)"


@pytest.mark.parametrize("change", [
    dict(provisions=ITU_RR_2024.provisions[1:]),  # a milestone left untitled
    dict(provisions=ITU_RR_2024.provisions + ITU_RR_2024.provisions[:1]),  # titled twice
    dict(dated_by="brought_into_use_on"),
], ids=["untitled", "twice", "dated_by"])
def test_an_edition_must_title_every_milestone_and_be_dated_by_a_known_fact(change):
    with pytest.raises(ValueError):
        replace(ITU_RR_2024, **change)


def test_revised_rejects_an_unknown_provision():
    with pytest.raises(KeyError):
        ITU_RR_2024.revised("X", "x", provisions=[Provision("fcc_m50", "t", "c")])


def test_edition_citations_are_written_only_in_the_rule_set_data():
    package = pathlib.Path(compliance.rules.__file__).parent
    for path in package.glob("*.py"):
        if path.name != "rulesets.py":
            assert "Rev.WRC" not in path.read_text(), path.name
