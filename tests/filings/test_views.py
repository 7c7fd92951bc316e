import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import AdministrationFactory, FilingFactory, FilingShellFactory


pytestmark = pytest.mark.django_db


@pytest.fixture
def filings():
    china = AdministrationFactory(iso_code="CHN")
    usa = AdministrationFactory(iso_code="USA")
    ctc = FilingFactory(key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr", administration=china,
                        reference="CHN2025-79441", date_of_receipt=dt.date(2025, 12, 29),
                        satellites_filed=96714)
    kuiper = FilingFactory(key="kuiper", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation",
                           administration=usa, satellites_filed=3236, satellites_authorised=3236,
                           status="granted")
    FilingShellFactory(filing=kuiper, altitude_km=590, inclination_deg=33, planes=28,
                       satellites_per_plane=28, satellite_count=784)
    return ctc, kuiper


def test_list_shows_filings_with_totals(client, filings, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):  # filter choices, totals, count, page
        response = client.get(reverse("filings:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "CTC-1" in page and "CHN2025-79441" in page and "29 Dec 2025" in page
    assert "99,950" in page  # 96,714 + 3,236 satellites filed
    assert response.context["totals"]["filings"] == 2


def test_home_is_the_overview_with_the_totals(client, filings):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "99,950" in response.content.decode()
    assert response.context["totals"].records == 2 and response.context["totals"].live_systems == 2


def test_search_narrows_the_list(client, filings):
    response = client.get(reverse("filings:list"), {"q": "kuiper"})
    assert [f.key for f in response.context["filings"]] == ["kuiper"]


def test_detail_shows_shells(client, filings):
    response = client.get(filings[1].get_absolute_url())
    assert response.status_code == 200
    assert "590 km" in response.content.decode() and "784" in response.content.decode()


def test_missing_filing_is_404(client, db):
    assert client.get(reverse("filings:detail", args=[999])).status_code == 404
