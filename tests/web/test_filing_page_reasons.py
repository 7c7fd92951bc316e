"""The filing page says how each milestone was judged, why the others do not apply, and names missing facts as a
reader would (not by their field names)."""

import datetime as dt

import pytest

from tests.factories import AdministrationFactory, FilingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kuiper_and_modification():
    usa = AdministrationFactory(iso_code="USA")
    licence = FilingFactory(administration=usa, regulator="fcc", kind="fcc_authorisation", status="granted",
                            name="Kuiper Gen1", grant_date=dt.date(2020, 7, 30), satellites_authorised=3236)
    modification = FilingFactory(administration=usa, regulator="fcc", kind="fcc_modification", status="granted",
                                 name="Kuiper Gen1 debris modification", parent=licence,
                                 grant_date=dt.date(2023, 2, 8), satellites_authorised=3236)
    return licence, modification


def test_a_modification_page_names_the_licence_whose_schedule_governs(client, kuiper_and_modification):
    licence, modification = kuiper_and_modification
    page = client.get(modification.get_absolute_url()).content.decode()
    assert "the schedule of Kuiper Gen1 governs" in page
    assert "Not applicable (" in page


def test_results_show_their_notes_and_missing_facts_in_words(client, kuiper_and_modification):
    licence, _ = kuiper_and_modification
    page = client.get(licence.get_absolute_url(), {"as_of": "2026-12-05"}).content.decode()
    assert "How this was judged" in page
    assert "not on record: date the surety bond was posted" in page
    assert "bond_posted_on" not in page.split('id="milestones-table"')[1].split("</table>")[0]
