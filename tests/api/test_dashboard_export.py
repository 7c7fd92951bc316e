"""The filings page's export links (/api/v1/filings/?…&format=csv) list exactly the page's rows, in its order."""

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse

from tests.web.dataset import TODAY, build_small

pytestmark = pytest.mark.django_db


@pytest.fixture
def dashboard_registry(db):
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.timezone.utc), tick=False):
        build_small()
        yield


def page_keys(client, params):
    response = client.get(reverse("filings:list"), params)
    assert response.status_code == 200
    return [filing.key for filing in response.context["page"].paginator.object_list], response.context["export"]


def csv_keys(anon, url):
    response = anon.get(url)
    assert response.status_code == 200, response.content[:300]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return [row["key"] for row in csv.DictReader(io.StringIO(text))]


@pytest.mark.parametrize("params", [
    {},
    {"administration": "CHN"},
    {"operator": "spacex", "status": "granted"},
    {"regulator": "itu"},
    {"res35_applies": "true"},
    {"res35_applies": "false"},
    {"res35_applies": "unknown"},
    {"deadline_within": "90"},
    {"deadline_within": "730"},
    {"deadline_within": "730", "regulator": "fcc", "ordering": "-next_deadline"},
    {"q": "kuiper"},
    {"q": "space"},
    {"q": "CHN2025"},
    {"ordering": "next_deadline"},
    {"ordering": "-administration"},
    {"ordering": "operator"},
    {"ordering": "satellites_authorised"},
    {"ordering": "-date_of_receipt", "res35_applies": "unknown"},
    {"administration": "USA", "regulator": "itu"},
])
def test_export_link_returns_the_page_rows(client, anon, dashboard_registry, params):
    keys, export = page_keys(client, params)
    assert csv_keys(anon, export["csv"]) == keys
    assert export["xlsx"].replace("format=xlsx", "format=csv") == export["csv"]


def test_the_comparison_is_not_vacuous(client, dashboard_registry):
    everything, _ = page_keys(client, {})
    within, _ = page_keys(client, {"deadline_within": "730"})
    assert len(everything) == 5 and 0 < len(within) < len(everything)
    assert page_keys(client, {"res35_applies": "unknown"})[0] and page_keys(client, {"res35_applies": "true"})[0]


def test_deadline_within_is_measured_from_today(anon, dashboard_registry):
    from compliance.models import Milestone

    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.timezone.utc), tick=False):
        rows = anon.get("/api/v1/filings/", {"deadline_within": 730, "limit": 100}).json()["results"]
    assert rows
    for row in rows:
        due = Milestone.objects.filter(filing__key=row["key"], status__in=["due_soon", "upcoming"],
                                       due_date__isnull=False).order_by("due_date").first().due_date
        assert TODAY <= due <= TODAY + dt.timedelta(days=730)


@pytest.mark.parametrize("value", ["-1", "soon", "1.5", "99999999"])
def test_bad_deadline_within_is_400(anon, dashboard_registry, value):
    response = anon.get("/api/v1/filings/", {"deadline_within": value})
    assert response.status_code == 400 and "deadline_within" in response.json()
