"""The cached per-filing deployment series: same answers as building them, refreshed when the data changes."""

import datetime as dt

import pytest

from compliance.evaluation import filings_for_evaluation
from constellations.deployment import deployment_by_filing, deployment_for
from tests.factories import AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing():
    usa = AdministrationFactory(iso_code="USA")
    constellation = ConstellationFactory(key="kuiper", name="Kuiper", administration=usa)
    DeploymentReportFactory(constellation=constellation, as_of=dt.date(2026, 6, 8), launched=331)
    return FilingFactory(key="k", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation",
                         administration=usa, constellation=constellation, satellites_filed=3236,
                         status="granted")


def test_cached_series_equal_the_built_ones(filing):
    filings = list(filings_for_evaluation())
    assert deployment_by_filing(filings)[filing.pk] == deployment_for(filing)


def test_a_new_report_is_seen_at_once(filing, django_assert_max_num_queries):
    filings = list(filings_for_evaluation())
    assert deployment_by_filing(filings)[filing.pk].count_at(dt.date(2026, 9, 1)) == 331
    with django_assert_max_num_queries(3):  # the fingerprint only: the series come from the cache
        deployment_by_filing(filings)
    DeploymentReportFactory(constellation=filing.constellation, as_of=dt.date(2026, 8, 1), launched=400)
    assert deployment_by_filing(list(filings_for_evaluation()))[filing.pk].count_at(dt.date(2026, 9, 1)) == 400
