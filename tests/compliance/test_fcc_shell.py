"""The FCC rules on the curated dataset (filings/data/): each record's place in its system comes from the parent
links (compliance.evaluation.fcc_places), as 47 CFR 25.164(b) and (h) read."""

import datetime as dt

import pytest

from compliance.evaluation import evaluate_filing, evaluate_hypothetical, facts_for, fcc_places
from filings.models import Filing
from filings.reference import load_reference

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 12, 5)


@pytest.fixture
def dataset():
    load_reference()
    return {f.key: f for f in Filing.objects.all()}


def results(filing, as_of=AS_OF):
    return {r.code: r for r in evaluate_filing(filing, as_of)}


def test_starlink_gen1_runs_from_the_2018_grant(dataset):
    gen1 = results(dataset["starlink-gen1"])
    assert (gen1["fcc_m50"].due_date, gen1["fcc_m50"].required) == (dt.date(2024, 3, 29), 2_204)
    assert (gen1["fcc_m100"].due_date, gen1["fcc_m100"].required) == (dt.date(2027, 3, 29), 4_408)
    assert gen1["fcc_bond"].due_date == dt.date(2018, 4, 28)
    assert all(r.edition == "FCC_PART25_2021" and r.provision.startswith("47 CFR 25.16")
               for r in gen1.values() if r.regime == "fcc")


def test_starlink_gen2_one_result_for_both_grants(dataset):
    first, second = results(dataset["starlink-gen2-grant-1"]), results(dataset["starlink-gen2-grant-2"])
    assert (first["fcc_m50"].due_date, first["fcc_m50"].required) == (dt.date(2028, 12, 1), 7_500)
    assert (first["fcc_m100"].due_date, first["fcc_m100"].required) == (dt.date(2031, 12, 1), 15_000)
    assert {r.status for r in second.values() if r.regime == "fcc"} == {"not_applicable"}
    assert "Starlink Gen2 - first grant" in second["fcc_m50"].notes[0] and "25.164(h)" in second["fcc_m50"].notes[0]
    before = results(dataset["starlink-gen2-grant-1"], dt.date(2026, 1, 8))  # the day before the second grant
    assert before["fcc_m100"].required == 7_500


def test_a_modification_record_points_at_its_parent(dataset):
    mod = results(dataset["kuiper-gen1-debris-mod"])
    assert {r.status for r in mod.values() if r.regime == "fcc"} == {"not_applicable"}
    assert "the schedule of Amazon Leo (Project Kuiper) Gen1 governs" in mod["fcc_bond"].notes[0]
    kuiper = results(dataset["kuiper-gen1"])
    assert (kuiper["fcc_m50"].status, kuiper["fcc_m50"].required) == ("waived", 1_616)
    assert (kuiper["fcc_m100"].status, kuiper["fcc_m100"].required) == ("upcoming", 3_232)


def test_the_pending_orbital_data_centre_as_if_granted(dataset):
    odc = dataset["spacex-odc"]
    assert {r.status for r in evaluate_filing(odc, AS_OF) if r.regime == "fcc"} == {"not_applicable"}
    when, hypothetical = evaluate_hypothetical(odc, AS_OF, AS_OF)
    m50 = next(r for r in hypothetical if r.code == "fcc_m50")
    assert (when, m50.due_date, m50.required) == (AS_OF, dt.date(2032, 12, 5), 500_000)


def test_places_are_read_in_one_query(dataset, django_assert_num_queries):
    with django_assert_num_queries(1):
        places = fcc_places()
    gen1 = dataset["starlink-gen1"]
    assert places[gen1.pk].initial_grant_date == dt.date(2018, 3, 29)
    assert facts_for(gen1, places).initial_grant_date == dt.date(2018, 3, 29)
