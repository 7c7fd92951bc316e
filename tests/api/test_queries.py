"""A list costs the same number of queries whatever the page size (no N+1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from filings.models import Filing, FilingShell
from slotwatch.api_urls import router

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(registry):
    sources = registry["sources"]
    filings = Filing.objects.bulk_create([
        Filing(key=f"f-{i}", name=f"F {i}", regulator="itu", kind="itu_api", administration=registry["china"],
               operator=registry["operator"], constellation=registry["constellation"], parent=registry["ctc"])
        for i in range(60)
    ])
    shells = FilingShell.objects.bulk_create([
        FilingShell(filing=f, ordinal=n, altitude_km=500 + n) for f in filings for n in (1, 2)
    ])
    for f in (registry["ctc"], registry["oneweb"]):  # so every page has shells with sources
        FilingShell.objects.create(filing=f, ordinal=1, altitude_km=1000).sources.set(sources[:1])
    for f in filings:
        f.sources.set(sources[:2])
    for s in shells[:40]:
        s.sources.set(sources[:1])
    return filings


def count_queries(client, url, captured):
    with captured as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("prefix, basename", [(p, b) for p, _, b in router.registry])
def test_list_queries_do_not_grow_with_the_page(clients, many, prefix, basename, staff_client):
    if basename == "changerecord":
        for filing in many[:60]:
            staff_client.patch(f"/api/v1/filings/{filing.pk}/", {"notes": "x"}, format="json")
    client = clients["anonymous"] if basename not in ("changerecord", "catalogimport", "syncrecord") else clients["reader"]
    client.get(f"/api/v1/{prefix}/")  # a token's first use records it once (one more query); not part of the list
    one = count_queries(client, f"/api/v1/{prefix}/?limit=1", CaptureQueriesContext(connection))
    fifty = count_queries(client, f"/api/v1/{prefix}/?limit=50", CaptureQueriesContext(connection))
    assert one == fifty, (one, fifty)


def test_filing_list_query_count(anon, many, django_assert_num_queries, settings):
    settings.SLOTWATCH_API_CACHE_SECONDS = 0
    # count, page (with administration, operator, constellation, parent joined), filing sources, shells,
    # shell sources, frequency bands
    for limit in (1, 50):
        with django_assert_num_queries(6):
            assert anon.get("/api/v1/filings/", {"limit": limit}).status_code == 200


def test_filing_detail_query_count(anon, many, django_assert_num_queries, settings):
    settings.SLOTWATCH_API_CACHE_SECONDS = 0
    with django_assert_num_queries(5):  # the filing, its sources, shells, shell sources, frequency bands
        assert anon.get(f"/api/v1/filings/{many[0].pk}/").status_code == 200


def test_cached_reads_cost_one_query_and_any_change_retires_them(anon, editor_client, many,
                                                                 django_assert_num_queries):
    url = f"/api/v1/filings/{many[0].pk}/"
    assert anon.get(url).json()["status"] == "filed"
    with django_assert_num_queries(1):  # the registry version
        assert anon.get(url).json()["status"] == "filed"
    editor_client.patch(f"/api/v1/shells/{many[0].shells.first().pk}/", {"notes": "x"}, format="json")
    assert anon.get(url).json()["shells"][0]["notes"] == "x"
    editor_client.patch(url, {"sources": ["itu-sns"]}, format="json")
    assert anon.get(url).json()["sources"] == ["itu-sns"]
    assert anon.get("/api/v1/filings/", {"key": many[0].key}).json()["results"][0]["sources"] == ["itu-sns"]
