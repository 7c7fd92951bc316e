"""Each filing links to the regulator's own record: the ITU SNL page of its network, the FCC ICFS record of its
file number; shown on the filing page and given by the API."""

import datetime as dt
from html import escape

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from filings.models import ItuListEntry
from tests.factories import AdministrationFactory, FilingFactory

SNL = "https://www.itu.int/net/ITU-R/space/snl/bresult/radvance.asp?sel_satname="
ICFS = "https://fccprod.servicenowservices.com/icfs?id=ibfs_application_summary&number="


@pytest.mark.parametrize("regulator, kind, reference, network, url", [
    ("itu", "itu_cr", "CHN2025-79441", "CTC-1", SNL + "CTC-1"),
    ("itu", "itu_api", "", "SECOMSAT B29E (KA)", SNL + "SECOMSAT+B29E+%28KA%29"),  # the name, URL-encoded
    ("itu", "itu_cr", "CHN2025-79441", "", ""),  # no network name: nothing to look up
    ("fcc", "fcc_authorisation", "SAT-LOA-20161115-00118", "", ICFS + "SAT-LOA-20161115-00118"),
    ("fcc", "fcc_modification", "SAT-MOD-20200417-00037", "STARLINK", ICFS + "SAT-MOD-20200417-00037"),
    ("fcc", "fcc_authorisation", "FCC 22-91", "", ""),  # an order, not an ICFS file number
    ("fcc", "fcc_application", "", "", ""),
    ("ofcom", "national_licence", "SAT-LOA-20161115-00118", "", ""),  # not the FCC's number
])
def test_primary_record_url(regulator, kind, reference, network, url):
    filing = FilingFactory.build(regulator=regulator, kind=kind, reference=reference, itu_network_name=network)
    assert filing.primary_record_url == url


@pytest.mark.django_db
def test_the_filing_page_and_the_api_give_the_link():
    usa = AdministrationFactory(iso_code="USA")
    fcc = FilingFactory(key="gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
                        reference="SAT-LOA-20161115-00118")
    itu = FilingFactory(key="usasat", regulator="itu", kind="itu_cr", administration=usa,
                        itu_network_name="USASAT-NGSO-3A", date_of_receipt=dt.date(2016, 11, 15))
    ItuListEntry.objects.create(filing=itu, list_name="brought_into_use", listed_name="USASAT-NGSO-3A", adm="USA",
                                list_date=dt.date(2023, 9, 7), status="N", biu_date=dt.date(2023, 11, 15),
                                expiry_date=dt.date(2023, 11, 30), computed_deadline=dt.date(2023, 11, 15))
    page = APIClient().get(reverse("filings:detail", args=[fcc.pk])).content.decode()
    assert f'href="{escape(ICFS)}SAT-LOA-20161115-00118"' in page
    page = APIClient().get(reverse("filings:detail", args=[itu.pk])).content.decode()
    assert f'href="{escape(SNL)}USASAT-NGSO-3A"' in page
    assert "On the ITU Space Network List" in page and "30 Nov 2023" in page and "differs" in page
    rows = {row["key"]: row for row in APIClient().get("/api/v1/filings/").json()["results"]}
    assert rows["gen1"]["primary_record_url"] == ICFS + "SAT-LOA-20161115-00118"
    assert rows["usasat"]["primary_record_url"] == SNL + "USASAT-NGSO-3A"
