"""GET /api/v1/filings/{id}/milestones/?hypothetical_grant=YYYY-MM-DD: a pending FCC application's milestones as if
granted on that date (47 CFR 25.164(b), 25.165(a) counted from it), every result marked hypothetical."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import FilingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def odc(registry):
    return FilingFactory(key="spacex-odc", name="SpaceX ODC", regulator="fcc", kind="fcc_application",
                         administration=registry["usa"], date_of_receipt=dt.date(2026, 1, 30),
                         satellites_filed=1_000_000, status="under_review")


def url(filing):
    return f"/api/v1/filings/{filing.pk}/milestones/"


def by_code(body):
    return {r["code"]: r for r in body["results"]}


def test_pending_application_as_if_granted_on_a_date(anon, odc):
    response = anon.get(url(odc), {"hypothetical_grant": "2026-12-05", "as_of": "2026-12-05"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["hypothetical"], body["hypothetical_grant"], body["as_of"]) == (True, "2026-12-05", "2026-12-05")
    results = by_code(body)
    assert all(r["hypothetical"] is True for r in body["results"])
    assert (results["fcc_bond"]["due_date"], results["fcc_bond"]["provision"]) == ("2027-01-04", "47 CFR 25.165(a)")
    assert (results["fcc_m50"]["due_date"], results["fcc_m50"]["required"]) == ("2032-12-05", 500_000)
    assert (results["fcc_m100"]["due_date"], results["fcc_m100"]["required"]) == ("2035-12-05", 1_000_000)
    assert results["fcc_m50"]["status"] == "upcoming" and results["fcc_m50"]["edition"] == "FCC_PART25_2021"
    assert results["fcc_m50"]["notes"][0] == "hypothetical: if granted on 2026-12-05 for the number applied for"


def test_a_later_grant_date_is_evaluated_as_of_that_date(anon, odc):
    body = anon.get(url(odc), {"hypothetical_grant": "2027-06-01", "as_of": "2026-12-05"}).json()
    assert body["as_of"] == "2027-06-01" and by_code(body)["fcc_m50"]["due_date"] == "2033-06-01"


def test_an_empty_grant_date_means_today(anon, odc):
    today = timezone.localdate()
    body = anon.get(url(odc), {"hypothetical_grant": ""}).json()
    assert body["hypothetical_grant"] == today.isoformat()


def test_without_the_parameter_nothing_applies_yet(anon, odc):
    body = anon.get(url(odc)).json()
    assert "hypothetical" not in body
    assert {r["status"] for r in body["results"] if r["regime"] == "fcc"} == {"not_applicable"}


@pytest.mark.parametrize("value, message", [("2026-13-01", "is not a date"), ("soon", "is not a date")])
def test_a_bad_date_is_a_400(anon, odc, value, message):
    response = anon.get(url(odc), {"hypothetical_grant": value})
    assert response.status_code == 400 and message in response.json()["hypothetical_grant"][0]


def test_only_a_pending_fcc_application(anon, registry):
    for key in ("kuiper", "ctc"):
        response = anon.get(url(registry[key]), {"hypothetical_grant": "2026-12-05"})
        assert response.status_code == 400
        assert "not a pending FCC application" in response.json()["hypothetical_grant"][0]


def test_the_parameter_is_in_the_openapi_schema(anon, db):
    schema = anon.get("/api/schema/", {"format": "json"}).json()
    operation = schema["paths"]["/api/v1/filings/{id}/milestones/"]["get"]
    assert "hypothetical_grant" in [p["name"] for p in operation["parameters"]]
    hypothetical = schema["components"]["schemas"]["HypotheticalMilestones"]
    assert {"hypothetical", "hypothetical_grant", "results"} <= set(hypothetical["properties"])
