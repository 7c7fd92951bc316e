"""The Django shell around the rules core: facts from the registry, results stored and printed."""

import datetime as dt
import io
import json

import pytest
from django.core.management import CommandError, call_command

from compliance.evaluation import facts_for, refresh_milestones
from compliance.models import Milestone
from compliance.tasks import evaluate_all
from constellations.deployment import deployment_for
from filings.models import Waiver
from tests.factories import AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 11, 25)


@pytest.fixture
def kuiper():
    usa = AdministrationFactory(iso_code="USA")
    constellation = ConstellationFactory(key="kuiper", name="Kuiper", administration=usa)
    filing = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        constellation=constellation, date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30),
        satellites_filed=3236, satellites_authorised=3236, status="granted",
    )
    Waiver.objects.create(filing=filing, milestone="fcc_m50", kind="waiver", granted_on=dt.date(2026, 6, 5))
    DeploymentReportFactory(constellation=constellation, as_of=dt.date(2025, 12, 1), launched=180)
    DeploymentReportFactory(constellation=constellation, as_of=dt.date(2026, 6, 8), launched=331)
    return filing


@pytest.fixture
def ctc():
    china = AdministrationFactory(iso_code="CHN")
    return FilingFactory(key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr",
                         administration=china, satellites_filed=96714, status="filed")


def test_facts_carry_the_waiver_and_the_deployment_comes_from_reports(kuiper):
    facts = facts_for(kuiper)
    assert facts.waivers[0].milestone_code == "fcc_m50"
    series = deployment_for(kuiper)
    assert series.count_at(dt.date(2026, 7, 1)) == 331
    assert series.count_at(dt.date(2025, 1, 1)) is None


def test_constellation_counts_are_not_given_to_one_of_several_filings(kuiper):
    FilingFactory(key="kuiper-gen2", name="Kuiper Gen2", regulator="fcc", kind="fcc_authorisation",
                  administration=kuiper.administration, constellation=kuiper.constellation,
                  satellites_filed=4504, status="granted")
    assert deployment_for(kuiper).is_empty()


def test_refresh_stores_one_row_per_rule_and_is_idempotent(kuiper):
    refresh_milestones(AS_OF)
    m50 = Milestone.objects.get(filing=kuiper, code="fcc_m50")
    m100 = Milestone.objects.get(filing=kuiper, code="fcc_m100")
    assert m50.status == "waived"
    assert (m100.due_date, m100.required, m100.status) == (dt.date(2029, 7, 30), 3236, "upcoming")
    assert m100.deployed == 331
    count = Milestone.objects.count()
    refresh_milestones(AS_OF)
    assert Milestone.objects.count() == count


def test_missing_date_of_receipt_is_not_computable_and_says_why(ctc):
    refresh_milestones(AS_OF)
    biu = Milestone.objects.get(filing=ctc, code="itu_biu")
    assert biu.status == "not_computable" and biu.due_date is None
    assert "date_of_receipt" in biu.missing_facts


def test_evaluate_command_prints_json_as_of_a_date_without_storing(kuiper):
    out = io.StringIO()
    call_command("evaluate", "--as-of", "2026-07-29", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["as_of"] == "2026-07-29"
    results = {r["code"]: r for r in document["filings"][0]["results"]}
    assert results["fcc_m50"]["status"] == "waived"
    assert results["fcc_m100"]["due_date"] == "2029-07-30"
    assert not Milestone.objects.exists()


def test_evaluate_command_stores_and_refuses_bad_input(kuiper):
    out = io.StringIO()
    call_command("evaluate", "--as-of", "2026-11-25", stdout=out)
    assert "Evaluated 1 filings as of 2026-11-25" in out.getvalue()
    assert Milestone.objects.filter(filing=kuiper).exists()
    with pytest.raises(CommandError, match="'2026-13-01' is not a date"):
        call_command("evaluate", "--as-of", "2026-13-01")
    with pytest.raises(CommandError, match="No filing with key nope"):
        call_command("evaluate", "--filing", "nope")


def test_daily_task_refreshes_rows(kuiper):
    statuses = evaluate_all()
    assert statuses["waived"] == 1
    assert Milestone.objects.filter(filing=kuiper, code="fcc_m100").exists()
