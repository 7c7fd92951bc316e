"""The shared factories make rows the models accept, with only the required facts filled in."""

import datetime as dt

import pytest

from filings.models import Administration, FilingKind, Regulator
from tests.factories import (
    AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory, FilingShellFactory,
    OperatorFactory, SourceFactory, SpaceObjectFactory, generated_iso_code,
)


@pytest.mark.parametrize("n, code", [(0, "XAA"), (1, "XAB"), (25, "XAZ"), (26, "XBA"), (675, "XZZ"), (676, "XAA")])
def test_generated_iso_codes_are_three_capitals_in_the_user_assigned_block(n, code):
    assert generated_iso_code(n) == code


@pytest.mark.django_db
def test_generated_administrations_are_distinct_and_valid():
    admins = AdministrationFactory.create_batch(3)
    assert len({a.iso_code for a in admins}) == 3
    assert Administration.objects.count() == 3


@pytest.mark.django_db
@pytest.mark.parametrize("iso_code, symbol, name", [("USA", "USA", "United States"), ("GBR", "G", "United Kingdom")])
def test_a_known_iso_code_brings_its_itu_symbol_and_name(iso_code, symbol, name):
    admin = AdministrationFactory(iso_code=iso_code)
    assert (admin.itu_symbol, admin.name) == (symbol, name)


@pytest.mark.django_db
@pytest.mark.parametrize("regulator, kind", [
    (Regulator.ITU, FilingKind.ITU_CR), (Regulator.FCC, FilingKind.FCC_APPLICATION),
    (Regulator.OFCOM, FilingKind.NATIONAL_LICENCE),
])
def test_a_filing_gets_a_kind_its_regulator_allows(regulator, kind):
    filing = FilingFactory(regulator=regulator)
    assert filing.kind == kind and filing.status == "filed"
    assert filing.satellites_filed is None and filing.date_of_receipt is None  # optional facts stay unknown


@pytest.mark.django_db
def test_shells_take_the_next_position_in_their_filing():
    filing = FilingFactory()
    assert [FilingShellFactory(filing=filing).ordinal for _ in range(3)] == [1, 2, 3]
    assert FilingShellFactory().ordinal == 1  # a new filing of its own


@pytest.mark.django_db
def test_sources_are_attached_after_the_row_exists():
    source = SourceFactory()
    filing = FilingFactory(sources=[source])
    operator = OperatorFactory(sources=[source])
    assert list(filing.sources.all()) == [source] == list(operator.sources.all())


@pytest.mark.django_db
def test_a_report_counts_a_constellation_or_a_filing_never_both():
    for_constellation = DeploymentReportFactory()
    assert for_constellation.constellation_id and for_constellation.filing_id is None
    assert for_constellation.in_orbit == 0
    for_filing = DeploymentReportFactory(filing=FilingFactory(), launched=12, as_of=dt.date(2026, 3, 1))
    assert for_filing.constellation_id is None and (for_filing.in_orbit, for_filing.launched) == (None, 12)


@pytest.mark.django_db
def test_catalog_rows():
    constellation = ConstellationFactory(key="kuiper", name="Kuiper")
    assert constellation.membership_rules.exists()  # a tracked key seeds its default rules, as in the app
    obj = SpaceObjectFactory(constellation=constellation)
    assert obj.norad_id >= 900_000 and obj.constellation == constellation
