"""The new lists cost a fixed number of queries whatever the page size (1 or 50 rows of 60+)."""

import datetime as dt

import pytest
from django.utils import timezone

from compliance.models import FilingScore, Milestone
from constellations.models import CatalogImport, SpaceObject
from filings.models import Filing, FilingShell

pytestmark = pytest.mark.django_db


@pytest.fixture
def plenty(registry):
    today = timezone.localdate()
    now = timezone.now()
    filings = Filing.objects.bulk_create([
        Filing(key=f"q-{i}", name=f"Q {i}", regulator="itu", kind="itu_api", administration=registry["china"],
               operator=registry["operator"], constellation=registry["constellation"])
        for i in range(60)
    ])
    shells = FilingShell.objects.bulk_create([FilingShell(filing=f, ordinal=1, altitude_km=550) for f in filings])
    Milestone.objects.bulk_create([
        Milestone(filing=f, code=code, regime="itu", title="t", provision="p", source="s", confidence="confirmed",
                  status="upcoming", due_date=today + dt.timedelta(days=i), evaluated_as_of=today,
                  notes=["a", "b"])
        for i, f in enumerate(filings) for code in ("itu_biu", "res35_m1")
    ])
    FilingScore.objects.bulk_create([
        FilingScore(filing=f, computed_at=now, as_of=today, window_start=now, window_end=now, step_minutes=60,
                    total=i / 100, components=[{"name": "x", "value": 1}])
        for i, f in enumerate(filings)
    ])
    SpaceObject.objects.bulk_create([
        SpaceObject(norad_id=70000 + i, name=f"S-{i}", constellation=registry["constellation"], shell=shells[i % 60],
                    orbit_state="on_station")
        for i in range(120)
    ])
    CatalogImport.objects.bulk_create([
        CatalogImport(file_name=f"f{i}.tle", format="tle", sha256="c" * 64, content_sha256="c" * 64, started_at=now)
        for i in range(60)
    ])
    return filings


# count + one page, every relation joined in the page query; the long lists read the page's ids first; the
# milestones' risk fields read one cached risk context per date, found by the data's fingerprint (3 queries, fixed)
EXPECTED = {"milestones": 3 + 3, "scores": 2, "space-objects": 3, "catalog-imports": 2}


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
@pytest.mark.parametrize("ordering", [None, "-id"])
def test_list_query_count_is_fixed(clients, plenty, settings, django_assert_num_queries, prefix, ordering):
    settings.SLOTWATCH_API_CACHE_SECONDS = 0
    client = clients["reader"]
    client.get(f"/api/v1/{prefix}/")  # a token's first use records it once
    ordering = "-norad_id" if prefix == "space-objects" and ordering else ordering
    for limit in (1, 50):
        params = {"limit": limit, **({"ordering": ordering} if ordering else {})}
        # + session/token look-up (1) + user groups are not read for GETs
        with django_assert_num_queries(EXPECTED[prefix] + 1):
            response = client.get(f"/api/v1/{prefix}/", params)
            assert response.status_code == 200 and len(response.json()["results"]) == limit


def test_filtered_filings_list_query_count(anon, plenty, settings, django_assert_num_queries):
    """deadline_within and ordering=next_deadline are subqueries, not a query per filing."""
    settings.SLOTWATCH_API_CACHE_SECONDS = 0
    for limit in (1, 50):
        with django_assert_num_queries(6):  # count, page, sources, shells, shell sources, frequency bands
            response = anon.get("/api/v1/filings/", {"limit": limit, "deadline_within": 365,
                                                     "ordering": "next_deadline"})
            assert response.status_code == 200 and len(response.json()["results"]) == limit
