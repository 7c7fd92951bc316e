"""The edition each result names is stored, served by the API and shown beside the provision."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from compliance.evaluation import filings_for_evaluation, refresh_milestones
from compliance.models import Milestone
from compliance.rules import codes
from filings.models import Administration, Filing

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctc():
    china = Administration.objects.create(iso_code="CHN", itu_symbol="CHN", name="China")
    return Filing.objects.create(key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr", administration=china,
                                 date_of_receipt=dt.date(2025, 12, 29), satellites_filed=96714, status="filed")


def test_stored_rows_api_and_page_name_the_edition(ctc):
    refresh_milestones(timezone.localdate(), filings_for_evaluation().filter(pk=ctc.pk))
    stored = dict(Milestone.objects.values_list("code", "edition"))
    assert stored["res35_m1"] == "ITU_RR_2024" and stored["fcc_m50"] == "FCC_PART25_2021"

    client = Client()
    rows = client.get("/api/v1/milestones/", {"code": "res35_m1"}).json()["results"]
    assert [row["edition"] for row in rows] == ["ITU_RR_2024"]
    by_edition = client.get("/api/v1/milestones/", {"edition": "FCC_PART25_2021"}).json()["results"]
    assert by_edition and {row["code"] for row in by_edition} <= set(codes.FCC_CODES)
    computed = client.get(f"/api/v1/filings/{ctc.pk}/milestones/", {"as_of": "2030-01-01"}).json()["results"]
    assert {r["code"]: r["edition"] for r in computed}["res35_m1"] == "ITU_RR_2024"

    page = client.get(ctc.get_absolute_url()).content.decode()
    assert "Res. 35 (Rev.WRC-23) resolves 7 a), 11 a) (ITU_RR_2024)" in page
