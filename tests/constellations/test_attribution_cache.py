"""The constellation's attribution is computed once per data version and retired when its inputs change."""

import datetime as dt

import pytest

from constellations import deployment
from constellations.models import FilingAssignment
from tests.factories import ConstellationFactory, FilingFactory, SpaceObjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    constellation = ConstellationFactory()
    FilingFactory(constellation=constellation, satellites_filed=10, date_of_receipt=dt.date(2019, 1, 1), grant_date=dt.date(2019, 6, 1))
    later = FilingFactory(constellation=constellation, satellites_filed=10, date_of_receipt=dt.date(2021, 1, 1), grant_date=dt.date(2021, 6, 1))
    SpaceObjectFactory(constellation=constellation, launch_date=dt.date(2024, 1, 1), cospar_id="2024-001A")
    return constellation, later


def test_a_second_read_is_the_cached_answer(world, django_assert_max_num_queries):
    constellation, _ = world
    first = deployment.constellation_attribution(constellation.pk)
    with django_assert_max_num_queries(6):  # the fingerprint's queries, not the attribution's
        again = deployment.constellation_attribution(constellation.pk)
    assert again.table.equals(first.table)


def test_an_explicit_assignment_retires_the_cached_answer(world):
    constellation, later = world
    before = deployment.constellation_attribution(constellation.pk)
    assert later.pk not in before.table["filing_id"].dropna().tolist()  # the earliest authorisation takes it
    FilingAssignment.objects.create(filing=later, kind="launch", pattern="2024-001")
    after = deployment.constellation_attribution(constellation.pk)
    assert after.table["filing_id"].dropna().tolist() == [later.pk]
