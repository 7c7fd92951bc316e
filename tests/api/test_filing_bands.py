"""A filing's frequency bands through the API: nested in the filing, read for all, written by editors, checked
by the model's rules."""
import datetime as dt
from decimal import Decimal

import pytest

from tests.factories import FilingFactory

pytestmark = pytest.mark.django_db


def itu_filing():
    return FilingFactory(key="ngso-1", name="NGSO-1", regulator="itu", kind="itu_cr", status="filed",
                         date_of_receipt=dt.date(2025, 12, 29), satellites_filed=96714)


def test_bands_through_the_api(anon, editor_client):
    filing = itu_filing()
    url = f"/api/v1/filings/{filing.pk}/"
    body = editor_client.get(url).json()
    assert body["bands"] == [] and body["receipt_provision"] == ""
    body["bands"] = [{"low_ghz": "10.7", "high_ghz": "12.7", "service": "fss", "direction": "space_to_earth",
                      "label": "Ku down"}]
    response = editor_client.put(url, body, format="json")
    assert response.status_code == 200, response.json()
    band = filing.bands.get()
    assert (band.ordinal, band.low_ghz, band.service) == (1, Decimal("10.7"), "fss")
    assert anon.get(url).json()["bands"][0]["label"] == "Ku down"
    assert anon.put(url, body, format="json").status_code in (401, 403)  # read for all, write for editors
    body["bands"] = [{"low_ghz": "12", "high_ghz": "11"}]
    refused = editor_client.put(url, body, format="json")
    assert refused.status_code == 400 and "high_ghz" in str(refused.json())
