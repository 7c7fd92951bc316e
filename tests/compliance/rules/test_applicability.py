"""Which rules apply to which filing, and what happens when facts are missing."""
import json
from datetime import date

import pytest

from compliance.rules import FCC_PART25_2021, MILESTONE_CODES, FilingFacts, Waiver, evaluate

from .factories import fcc_facts, itu_facts

AS_OF = date(2024, 1, 1)  # well before both test schedules' first deadlines


def statuses(facts, **kw):
    return {r.code: r.status for r in evaluate(facts, None, AS_OF, **kw)}


def test_one_result_per_code_in_fixed_order():
    for facts in (itu_facts(), fcc_facts()):
        assert tuple(r.code for r in evaluate(facts, None, AS_OF)) == MILESTONE_CODES


def test_regimes_do_not_cross():
    itu = statuses(itu_facts())
    fcc = statuses(fcc_facts())
    assert all(itu[c] == "not_applicable" for c in MILESTONE_CODES if c.startswith("fcc_"))
    assert all(fcc[c] == "not_applicable" for c in MILESTONE_CODES if not c.startswith("fcc_"))
    assert itu["itu_biu"] == "upcoming" and fcc["fcc_m50"] == "upcoming"


def test_other_national_regulator_gets_no_rules():
    facts = FilingFacts(3, "UK-LEO", "ofcom", "national_licence", "granted", grant_date=AS_OF)
    assert set(statuses(facts).values()) == {"not_applicable"}


@pytest.mark.parametrize("closed", ["superseded", "withdrawn", "denied", "cancelled"])
def test_closed_filings_have_no_obligations(closed):
    for facts in (itu_facts(status=closed), fcc_facts(status=closed)):
        results = evaluate(facts, None, AS_OF)
        assert {r.status for r in results} == {"not_applicable"}
        assert all(any(closed in n for n in r.notes) for r in results)


@pytest.mark.parametrize("pending", ["filed", "under_review"])
def test_pending_fcc_application_has_no_milestones_yet(pending):
    facts = fcc_facts(kind="fcc_application", status=pending, grant_date=None)
    results = [r for r in evaluate(facts, None, AS_OF) if r.regime == "fcc"]
    assert {r.status for r in results} == {"not_applicable"}
    assert all("not granted" in r.notes[0] for r in results)


def test_grant_after_as_of_is_not_yet_a_grant():
    assert statuses(fcc_facts(grant_date=date(2024, 6, 1)))["fcc_m50"] == "not_applicable"


def test_granted_without_grant_date_is_not_computable():
    results = [r for r in evaluate(fcc_facts(grant_date=None), None, AS_OF) if r.regime == "fcc"]
    assert {r.status for r in results} == {"not_computable"}
    assert all(r.missing_facts == ("grant_date",) and r.due_date is None for r in results)


def test_missing_date_of_receipt_is_not_computable_and_named():
    results = [r for r in evaluate(itu_facts(date_of_receipt=None), None, AS_OF)
               if r.code in ("itu_biu", "res35_m1", "res35_m2", "res35_m3", "res35_post")]
    assert all(r.status == "not_computable" for r in results)
    assert all(r.missing_facts == ("date_of_receipt",) and r.due_date is None for r in results)


def test_missing_rule_set_for_a_regime():
    s = statuses(fcc_facts(), rule_sets=[FCC_PART25_2021])
    assert s["fcc_m50"] == "upcoming" and s["itu_biu"] == "not_applicable"
    with pytest.raises(ValueError):
        evaluate(fcc_facts(), None, AS_OF, rule_sets=[FCC_PART25_2021, FCC_PART25_2021])


@pytest.mark.parametrize("bad", [
    dict(kind="itu_whatever"), dict(status="pending"),
    dict(milestone_conditions=(("fcc_m75", AS_OF),)),
])
def test_facts_reject_unknown_vocabulary(bad):
    with pytest.raises(ValueError):
        fcc_facts(**bad)
    with pytest.raises(ValueError):
        Waiver("res35_m4", "waiver", AS_OF)


def test_results_serialise_to_json():
    for r in evaluate(fcc_facts(waivers=(Waiver("fcc_m50", "waiver", AS_OF),)), None, AS_OF):
        data = json.loads(json.dumps(r.to_dict()))
        assert data["code"] == r.code
        assert data["due_date"] in (None, r.due_date.isoformat() if r.due_date else None)
        assert isinstance(data["notes"], list)
