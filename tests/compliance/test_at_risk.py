"""'At risk' has one meaning: compliance.models.is_at_risk for results in memory, Milestone.objects.at_risk() for
stored rows, and the API's ?at_risk= filter, which reads the latter. The table holds the two together."""

import datetime as dt
from types import SimpleNamespace

import pytest

from compliance.models import Milestone, is_at_risk
from tests.factories import AdministrationFactory, FilingFactory

pytestmark = pytest.mark.django_db
DUE = dt.date(2028, 7, 1)

CASES = [  # status, projected date, at risk?
    ("missed", None, True),
    ("due_soon", None, True),
    ("due_soon", DUE - dt.timedelta(days=400), True),
    ("upcoming", DUE + dt.timedelta(days=1), True),
    ("upcoming", DUE, False),  # reached on the due date is in time
    ("upcoming", DUE - dt.timedelta(days=30), False),
    ("upcoming", None, False),  # no rate yet: not projected late
    ("met", DUE + dt.timedelta(days=90), False),
    ("waived", None, False),
    ("not_applicable", None, False),
    ("not_computable", None, False),
]


@pytest.mark.parametrize("status, projected, expected", CASES)
def test_predicate(status, projected, expected):
    assert is_at_risk(SimpleNamespace(status=status, projected_date=projected, due_date=DUE)) is expected


def test_upcoming_without_a_due_date_is_not_at_risk():
    assert not is_at_risk(SimpleNamespace(status="upcoming", projected_date=DUE, due_date=None))


@pytest.fixture
def stored():
    usa = AdministrationFactory(iso_code="USA")
    rows = []
    for n, (status, projected, _) in enumerate(CASES):
        filing = FilingFactory(key=f"f{n}", name=f"Filing {n}", regulator="fcc", kind="fcc_authorisation",
                               administration=usa, satellites_filed=100, status="granted")
        rows.append(Milestone.objects.create(
            filing=filing, code="fcc_m50", regime="fcc", title="50 %", provision="47 CFR 25.164(b)", source="-",
            confidence="confirmed", status=status, due_date=DUE, projected_date=projected, required=50,
            evaluated_as_of=dt.date(2026, 12, 1)))
    return rows


def test_the_queryset_selects_what_the_predicate_selects(stored):
    expected = {row.pk for row, (_, _, risky) in zip(stored, CASES) if risky}
    assert set(Milestone.objects.at_risk().values_list("pk", flat=True)) == expected
    assert {row.pk for row in stored if is_at_risk(row)} == expected


def test_api_filter_reads_the_same_rows(stored, client):
    risky = {row.filing.key for row in stored if is_at_risk(row)}
    yes = client.get("/api/v1/milestones/", {"at_risk": "true", "limit": 100}).json()["results"]
    no = client.get("/api/v1/milestones/", {"at_risk": "false", "limit": 100}).json()["results"]
    assert {r["filing"] for r in yes} == risky
    assert {r["filing"] for r in no} == {row.filing.key for row in stored} - risky
    assert client.get("/api/v1/milestones/", {"at_risk": "maybe"}).status_code == 400


@pytest.mark.parametrize("deployed, expected", [(None, True), (49, True), (50, False), (51, False)])
def test_due_soon_with_the_requirement_already_held_is_not_at_risk(deployed, expected):
    """Issue 15: Starlink Gen1's "keep half in service" due soon, with more than half in orbit, is not at risk."""
    usa = AdministrationFactory(iso_code="USA")
    filing = FilingFactory(key="held", name="Held", regulator="fcc", kind="fcc_authorisation", administration=usa,
                           satellites_filed=100, status="granted")
    row = Milestone.objects.create(
        filing=filing, code="fcc_maintain50", regime="fcc", title="50 % kept", provision="47 CFR 25.161(d)",
        source="-", confidence="confirmed", status="due_soon", due_date=DUE, required=50, deployed=deployed,
        evaluated_as_of=dt.date(2026, 12, 1))
    assert is_at_risk(row) is expected
    assert Milestone.objects.at_risk().filter(pk=row.pk).exists() is expected
