"""/api/v1/constellations/{id}/deployment/ and /api/v1/filings/{id}/deployment/: counts over any date range."""

import datetime as dt

import pytest

from constellations.models import SpaceObject
from tests.factories import DeploymentReportFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def launched(registry):
    """Kuiper: the registry's object (launched 2023-10-06) plus 10 launched 2025-04-28, 2 of them re-entered."""
    SpaceObject.objects.bulk_create([
        SpaceObject(norad_id=63000 + i, name=f"KUIPER-{i}", cospar_id="2025-086A", object_type="PAYLOAD",
                    launch_date=dt.date(2025, 4, 28), decay_date=dt.date(2025, 6, 1) if i < 2 else None,
                    constellation=registry["constellation"])
        for i in range(10)
    ])
    return registry


def constellation_url(registry):
    return f"/api/v1/constellations/{registry['constellation'].pk}/deployment/"


def filing_url(registry, key="kuiper"):
    return f"/api/v1/filings/{registry[key].pk}/deployment/"


def test_constellation_series_by_month(anon, launched):
    data = anon.get(constellation_url(launched), {"start": "2025-01-01", "end": "2025-07-15", "freq": "month"}).json()
    assert data["constellation"] == "kuiper" and data["source"] == "catalog" and data["freq"] == "month"
    assert data["points"] == [
        {"date": "2025-01-31", "in_orbit": 1}, {"date": "2025-02-28", "in_orbit": 1},
        {"date": "2025-03-31", "in_orbit": 1}, {"date": "2025-04-30", "in_orbit": 11},
        {"date": "2025-05-31", "in_orbit": 11}, {"date": "2025-06-30", "in_orbit": 9},
        {"date": "2025-07-15", "in_orbit": 9},
    ]


@pytest.mark.parametrize("freq, count, last", [("day", 31, "2025-05-31"), ("week", 5, "2025-05-31"),
                                                ("month", 1, "2025-05-31")])
def test_frequencies(anon, launched, freq, count, last):
    points = anon.get(constellation_url(launched), {"start": "2025-05-01", "end": "2025-05-31", "freq": freq}
                      ).json()["points"]
    assert len(points) == count and points[-1] == {"date": last, "in_orbit": 11}


def test_defaults_are_five_years_by_month_to_today(anon, launched):
    data = anon.get(constellation_url(launched)).json()
    end = dt.date.fromisoformat(data["end"])
    assert data["freq"] == "month" and data["points"][-1]["date"] == data["end"]
    assert dt.date.fromisoformat(data["start"]).year == end.year - 5 and 59 <= len(data["points"]) <= 62


def test_constellation_without_catalog_uses_reports(anon, registry):
    DeploymentReportFactory(constellation=registry["constellation"], as_of=dt.date(2024, 1, 10),
                            in_orbit=2, confidence="reported")
    SpaceObject.objects.all().delete()
    data = anon.get(constellation_url(registry), {"start": "2023-12-01", "end": "2024-02-29"}).json()
    assert data["source"] == "reported"
    assert [p["in_orbit"] for p in data["points"]] == [None, 2, 2]


def test_filing_series_from_the_catalog(anon, launched):
    data = anon.get(filing_url(launched), {"start": "2025-06-01", "end": "2025-06-03", "freq": "day"}).json()
    assert data["filing"] == "kuiper-gen1" and data["source"] == "catalog"
    assert [(p["date"], p["in_orbit"]) for p in data["points"]] == [
        ("2025-06-01", 9), ("2025-06-02", 9), ("2025-06-03", 9)]
    assert all(p["on_station"] is None for p in data["points"])  # no element-set snapshots here


def test_filing_series_falls_back_to_published_counts(anon, registry):
    DeploymentReportFactory(filing=registry["ctc"], as_of=dt.date(2026, 1, 15), in_orbit=18,
                            confidence="reported")
    data = anon.get(filing_url(registry, "ctc"), {"start": "2026-01-01", "end": "2026-03-01"}).json()
    assert data["source"] == "reported"
    assert [(p["date"], p["in_orbit"]) for p in data["points"]] == [
        ("2026-01-31", 18), ("2026-02-28", 18), ("2026-03-01", 18)]


def test_filing_with_nothing_known(anon, registry):
    data = anon.get(filing_url(registry, "oneweb"), {"start": "2026-01-01", "end": "2026-01-02", "freq": "day"}).json()
    assert data["source"] is None and [p["in_orbit"] for p in data["points"]] == [None, None]


@pytest.mark.parametrize("params, field", [
    ({"start": "2025-02-30"}, "start"),
    ({"end": "yesterday"}, "end"),
    ({"freq": "hour"}, "freq"),
    ({"freq": "MS"}, "freq"),
    ({"start": "2025-06-01", "end": "2025-05-01"}, "end"),
    ({"start": "1900-01-01"}, "start"),
    ({"end": "2300-01-01"}, "end"),
    ({"start": "2000-01-01", "end": "2020-01-01", "freq": "day"}, "start"),  # 7,306 samples
])
@pytest.mark.parametrize("which", ["constellation", "filing"])
def test_bad_parameters_are_400_naming_them(anon, launched, params, field, which):
    url = constellation_url(launched) if which == "constellation" else filing_url(launched)
    response = anon.get(url, params)
    assert response.status_code == 400 and list(response.json()) == [field], response.content


def test_long_ranges_within_the_limit(anon, launched):
    response = anon.get(constellation_url(launched), {"start": "1960-01-01", "end": "2200-12-31", "freq": "month"})
    assert response.status_code == 200 and len(response.json()["points"]) == 2892
    response = anon.get(filing_url(launched), {"start": "2010-01-01", "end": "2023-01-01", "freq": "day"})
    assert response.status_code == 200 and len(response.json()["points"]) == 4749


def test_unknown_ids_are_404(anon, registry):
    assert anon.get("/api/v1/constellations/99999/deployment/").status_code == 404
    assert anon.get("/api/v1/filings/99999/deployment/").status_code == 404


def test_constellation_attribution_adds_up(anon, launched):
    url = f"/api/v1/constellations/{launched['constellation'].pk}/attribution/"
    body = anon.get(url, {"as_of": "2025-05-01"}).json()
    assert set(body) >= {"as_of", "data_as_of", "in_orbit", "filings", "unattributed"}
    assert body["as_of"] == "2025-05-01" and body["in_orbit"] == 11
    assert sum(f["satellites"] for f in body["filings"]) + body["unattributed"] == body["in_orbit"]
    assert all(f["confidence"] in ("inferred", "assigned") for f in body["filings"])
    bad = anon.get(url, {"as_of": "yesterday"})
    assert bad.status_code == 400 and "as_of" in bad.json()
    assert anon.get("/api/v1/constellations/99999/attribution/").status_code == 404
