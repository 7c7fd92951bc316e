"""/api/v1/scores/ (FilingScore with components) and /api/v1/catalog-imports/ (signed-in users)."""

import pytest
from django.utils import timezone

from compliance.models import FilingScore
from constellations.models import CatalogImport

pytestmark = pytest.mark.django_db


@pytest.fixture
def scores(registry):
    now = timezone.now()
    FilingScore.objects.create(
        filing=registry["ctc"], computed_at=now, as_of=now.date(), window_start=now, window_end=now,
        step_minutes=60, total=0.42, deployment_feasibility=0.1, contention=0.95, compute_yield=0.8, satellites=96714,
    )
    return registry


def keys(client, **params):
    response = client.get("/api/v1/scores/", params)
    assert response.status_code == 200, response.content
    return [row["filing"] for row in response.json()["results"]]


@pytest.mark.parametrize("ordering, expected", [
    (None, ["kuiper-gen1", "ctc-1", "oneweb-l"]),  # best first, unscored last
    ("total", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
    ("-total", ["kuiper-gen1", "ctc-1", "oneweb-l"]),
    ("deployment_feasibility", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
    ("-deployment_feasibility", ["kuiper-gen1", "ctc-1", "oneweb-l"]),
    ("contention", ["kuiper-gen1", "ctc-1", "oneweb-l"]),
    ("-contention", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
    ("compute_yield", ["kuiper-gen1", "ctc-1", "oneweb-l"]),
    ("-compute_yield", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
    ("filing__key", ["ctc-1", "kuiper-gen1", "oneweb-l"]),
])
def test_ordering_by_total_and_each_component(anon, scores, ordering, expected):
    assert keys(anon, **({"ordering": ordering} if ordering else {})) == expected


@pytest.mark.parametrize("params, expected", [
    ({"scored": "true"}, ["kuiper-gen1", "ctc-1"]),
    ({"scored": "false"}, ["oneweb-l"]),
    ({"total_min": 0.5}, ["kuiper-gen1"]),
    ({"contention_max": 0.92}, ["kuiper-gen1"]),
    ({"administration": "CHN"}, ["ctc-1"]),
    ({"filing": "kuiper-gen1"}, ["kuiper-gen1"]),
    ({"q": "shell published"}, ["oneweb-l"]),
])
def test_filters(anon, scores, params, expected):
    assert keys(anon, **params) == expected


def test_components_are_served(anon, scores, registry):
    row = anon.get(f"/api/v1/scores/{registry['score'].pk}/").json()
    assert row["components"][0]["name"] == "contention" and row["total"] == 0.61 and row["administration"] == "USA"


def test_scores_are_not_served_stale(anon, scores, registry):
    """Scores are written without model signals' help to the version token: the list is never cached."""
    assert keys(anon, filing="ctc-1") == ["ctc-1"]
    FilingScore.objects.filter(filing=registry["ctc"]).update(total=0.99)
    assert anon.get("/api/v1/scores/", {"filing": "ctc-1"}).json()["results"][0]["total"] == 0.99


def test_catalog_imports_are_for_signed_in_users(anon, clients, registry):
    assert anon.get("/api/v1/catalog-imports/").status_code == 401
    listed = clients["reader"].get("/api/v1/catalog-imports/").json()["results"]
    assert [row["file_name"] for row in listed] == ["kuiper.tle"] and "rejections" not in listed[0]
    detail = clients["reader"].get(f"/api/v1/catalog-imports/{registry['catalog_import'].pk}/").json()
    assert detail["rejections"] == [{"line": 3, "norad": None, "reason": "bad"}]


def test_catalog_import_filters(clients, registry):
    now = timezone.now()
    CatalogImport.objects.create(file_name="satcat.csv", format="satcat_csv", sha256="b" * 64,
                                 content_sha256="b" * 64, started_at=now, status="failed", message="binary file")
    reader = clients["reader"]

    def names(**params):
        response = reader.get("/api/v1/catalog-imports/", params)
        assert response.status_code == 200, response.content
        return [row["file_name"] for row in response.json()["results"]]

    assert names(status="failed") == ["satcat.csv"]
    assert names(file_format="tle") == ["kuiper.tle"]
    assert names(rejected_min=1) == ["kuiper.tle"]
    assert names(q="binary") == ["satcat.csv"]
    assert names(ordering="file_name") == ["kuiper.tle", "satcat.csv"]
    csv_rows = b"".join(reader.get("/api/v1/catalog-imports/", {"format": "csv", "status": "done"}).streaming_content)
    assert b"kuiper.tle" in csv_rows and b"satcat.csv" not in csv_rows


def test_sync_records_are_listed_filtered_and_read_only(anon, clients, registry):
    from constellations.models import SyncRecord

    now = timezone.now()
    SyncRecord.objects.create(source="gcat", url="https://planet4589.org/space/gcat/data/cat/satcat.tsv",
                              started_at=now, finished_at=now, outcome="failed", message="GCAT: answered HTTP 503")
    reader = clients["reader"]
    assert anon.get("/api/v1/sync-records/").status_code == 401

    def sources(**params):
        response = reader.get("/api/v1/sync-records/", params)
        assert response.status_code == 200, response.content
        return [row["source"] for row in response.json()["results"]]

    assert sources(ordering="source") == ["celestrak-gp", "gcat"]
    assert sources(outcome="failed") == ["gcat"]
    assert sources(source="celestrak-gp") == ["celestrak-gp"]
    assert sources(bytes_min=1000) == ["celestrak-gp"]
    assert sources(q="HTTP 503") == ["gcat"]
    assert reader.post("/api/v1/sync-records/", {"url": "x"}).status_code == 403
