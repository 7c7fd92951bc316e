"""The bundled dataset as brought to December 2026 (issue 16): the new facts as their sources give them, a source
behind each of them, and milestones that `evaluate` computes for every new filing (nothing typed in).

The values asserted here are the sources' own figures (cited in filings/data/sources.yaml), not the loader's
output copied back: a wrong edit of filings.yaml fails them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from compliance.models import Milestone
from filings.models import Filing, FilingNotice, MilestoneCondition
from filings.reference import DATA_DIR, load_reference
from tests.factories import AdministrationFactory, FilingFactory

pytestmark = pytest.mark.django_db
D = dt.date
AS_OF = D(2026, 12, 6)

FCC_APPLICATIONS = ["blue-origin-sunrise", "starcloud", "spacex-odc"]
# The networks of China's Dec 2025 ITU batch that a source names with their count.
CHINA_BATCH = ["ctc-1", "ctc-2", "tianqi-2025", "galaxy-sar-2", "blackspider-3", "yx-5", "tianqi-2025-cr",
               "sailspace-1"]
NEW = ["blue-origin-sunrise", "starcloud", "kuiper-gen2", "galaxy-sar-2", "blackspider-3", "yx-5",
       "tianqi-2025-cr", "sailspace-1"]


@pytest.fixture
def evaluated():
    load_reference(DATA_DIR)
    call_command("evaluate", "--as-of", AS_OF.isoformat())


def results(key):
    return {m.code: m for m in Milestone.objects.filter(filing__key=key)}


def seven_years_after(day):
    return day.replace(year=day.year + 7)


def test_orbital_data_center_applications_as_filed():
    load_reference(DATA_DIR)
    sunrise = Filing.objects.get(key="blue-origin-sunrise")
    # Blue Origin, 19 Mar 2026: up to 51,600 satellites, SSO 500-1,800 km at 97-104 deg (isoclive summary,
    # SpaceNews, New Space Economy).
    assert (sunrise.reference, sunrise.date_of_receipt, sunrise.satellites_filed) == (
        "SAT-LOA-20260319-00032", D(2026, 3, 19), 51_600)
    [shell] = sunrise.shells.all()
    assert shell.sun_synchronous and (shell.altitude_km, shell.altitude_max_km) == (500, 1800)
    assert (shell.inclination_deg, shell.inclination_max_deg) == (97, 104)
    starcloud = Filing.objects.get(key="starcloud")
    # Starcloud, 2 Feb 2026: up to 88,000 satellites, SSO 600-850 km (IBFS via spacequotes.org).
    assert (starcloud.reference, starcloud.date_of_receipt, starcloud.satellites_filed) == (
        "SAT-LOA-20260202-00073", D(2026, 2, 2), 88_000)
    [shell] = starcloud.shells.all()
    assert shell.sun_synchronous and (shell.altitude_km, shell.altitude_max_km) == (600, 850)
    for filing in (sunrise, starcloud):
        assert filing.regulator == "fcc" and filing.kind == "fcc_application" and filing.status == "under_review"
        assert filing.grant_date is None and filing.satellites_authorised is None
        assert sum(s.satellite_count for s in filing.shells.all()) == filing.satellites_filed


def test_amazon_leo_gen2_grant_holds_its_two_systems():
    load_reference(DATA_DIR)
    gen2 = Filing.objects.get(key="kuiper-gen2")
    assert gen2.grant_date == D(2026, 2, 10) and gen2.satellites_authorised == 4_504
    # SpaceNews: 3,212 Gen 2 at 590-630 km and 1,292 Polar at 600-650 km; they add up to the grant.
    shells = [(s.altitude_km, s.altitude_max_km, s.satellite_count) for s in gen2.shells.order_by("ordinal")]
    assert shells == [(590, 630, 3_212), (600, 650, 1_292)]
    assert sum(count for *_, count in shells) == gen2.satellites_authorised
    assert not MilestoneCondition.objects.filter(filing=gen2).exists()  # the deadlines are computed


def test_china_december_2025_batch_against_its_reported_size():
    load_reference(DATA_DIR)
    batch = Filing.objects.filter(key__in=CHINA_BATCH)
    assert batch.count() == len(CHINA_BATCH)
    assert {f.administration.iso_code for f in batch} == {"CHN"} and {f.regulator for f in batch} == {"itu"}
    # Reported: 29 Dec 2025 (Particle News), within "25-31 December" (allthe.news).
    assert {f.date_of_receipt for f in batch} == {D(2025, 12, 29)}
    counts = {f.key: f.satellites_filed for f in batch}
    assert counts["ctc-1"] == counts["ctc-2"] == 96_714
    assert (counts["galaxy-sar-2"], counts["blackspider-3"], counts["yx-5"], counts["tianqi-2025-cr"]) == (
        96, 81, 106, 9)
    # 14 networks, about 203,000 satellites in all: what is recorded is a part of it, CTC-1 and CTC-2 the bulk.
    total = sum(counts.values())
    assert len(counts) <= 14 and 193_428 < total <= 203_000
    assert counts["ctc-1"] + counts["ctc-2"] > 0.95 * 203_000


def test_petition_against_spacex_and_its_dismissal_are_recorded_events():
    load_reference(DATA_DIR)
    odc = Filing.objects.get(key="spacex-odc")
    events = list(FilingNotice.objects.filter(filing=odc).order_by("submitted_on"))
    assert [(e.kind, e.submitted_on) for e in events] == [
        ("petition_to_deny", D(2026, 3, 6)), ("regulator_statement", D(2026, 3, 11))]
    assert all(e.sources.exists() and e.notes for e in events)
    assert odc.status == "under_review"  # a statement is not an order: the application is still pending


def test_the_filing_page_lists_the_petition_and_the_statement(client):
    load_reference(DATA_DIR)
    odc = Filing.objects.get(key="spacex-odc")
    html = client.get(reverse("filings:detail", args=[odc.pk])).content.decode()
    table = html[html.index('id="notices-table"'):]
    table = table[:table.index("</table>")]
    assert "Petition to deny the application" in table and "6 Mar 2026" in table
    assert "public statement" in table and "11 Mar 2026" in table
    assert "broadbandbreakfast.com" in table  # each row shows its sources


def test_every_new_fact_names_a_dated_source():
    load_reference(DATA_DIR)
    for key in NEW + ["spacex-odc"]:
        filing = Filing.objects.get(key=key)
        records = [filing, *filing.shells.all(), *filing.notices.all()]
        cited = set()
        for record in records:
            sources = set(record.sources.all())
            assert sources, f"{key}: {record} names no source"
            cited |= sources
        # Sources read for this update carry the day they were read (the research before recorded none).
        new_sources = [s for s in cited if s.accessed_on and s.accessed_on >= AS_OF]
        assert new_sources, f"{key} cites none of the sources read for this update"
        for source in new_sources:
            assert source.url.startswith("http") and source.title and source.publisher


def test_evaluate_computes_each_new_filings_milestones(evaluated):
    for key in FCC_APPLICATIONS:
        # An FCC application with no grant: 25.164 runs from the grant, so nothing is due.
        found = results(key)
        assert found and all(m.due_date is None for m in found.values()), key
        assert found["fcc_m50"].status == "not_applicable"
    gen2 = results("kuiper-gen2")
    grant = D(2026, 2, 10)
    # 47 CFR 25.164(b): 50% six years and 100% nine years after the grant.
    assert gen2["fcc_m50"].due_date == grant.replace(year=grant.year + 6)
    assert gen2["fcc_m100"].due_date == grant.replace(year=grant.year + 9)
    assert gen2["fcc_m50"].required == 4_504 // 2
    for key in CHINA_BATCH:
        # RR No. 11.44: the regulatory period ends seven years after the date of receipt.
        receipt = Filing.objects.get(key=key).date_of_receipt
        assert results(key)["itu_biu"].due_date == seven_years_after(receipt), key
        assert results(key)["itu_biu"].status == "upcoming"


def test_a_petition_is_made_to_the_fcc_only():
    itu = FilingFactory(key="gw-a59", regulator="itu", kind="itu_api",
                        administration=AdministrationFactory(iso_code="CHN"))
    fcc = FilingFactory(key="odc", regulator="fcc", kind="fcc_application",
                        administration=AdministrationFactory(iso_code="USA"))
    FilingNotice(filing=fcc, kind="petition_to_deny", submitted_on=D(2026, 3, 6)).full_clean()
    with pytest.raises(ValidationError) as refused:
        FilingNotice(filing=itu, kind="petition_to_deny", submitted_on=D(2026, 3, 6)).full_clean()
    assert "kind" in refused.value.message_dict
