"""?format=csv and ?format=xlsx on every list: streamed, filtered, with the documented columns."""

import io

import pandas as pd
import pytest
from django.http import FileResponse, StreamingHttpResponse

from filings.api.serializers import FilingSerializer
from filings.models import Filing, FilingShell
from slotwatch.api.exports import derived_columns
from slotwatch.api_urls import router

pytestmark = pytest.mark.django_db

ROUTES = {basename: (prefix, viewset) for prefix, viewset, basename in router.registry}


def body(response) -> bytes:
    """A fresh export streams; one answered from the export cache (slotwatch/api/export_cache.py) does not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read(response, fmt):
    if fmt == "csv":
        return pd.read_csv(io.BytesIO(body(response)), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return pd.read_excel(io.BytesIO(body(response)), dtype=str, keep_default_na=False)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("basename", sorted(ROUTES))
def test_every_list_exports_its_documented_columns(clients, registry, basename, fmt):
    prefix, viewset = ROUTES[basename]
    client = clients["reader"]
    if basename == "changerecord":
        clients["staff"].patch(f"/api/v1/filings/{registry['ctc'].pk}/", {"notes": "x"}, format="json")
    response = client.get(f"/api/v1/{prefix}/", {"format": fmt})
    assert response.status_code == 200, response
    assert isinstance(response, (StreamingHttpResponse, FileResponse))
    assert "attachment" in response["Content-Disposition"] and f".{fmt}" in response["Content-Disposition"]
    frame = read(response, fmt)
    assert list(frame.columns) == list(viewset.export_columns)
    assert len(frame) == viewset.queryset.model._default_manager.count()


def test_export_columns_are_the_api_field_names(registry):
    """An exported row reads like an API record, so it can be posted back; the extra columns for people (names
    next to codes, the next deadline, the count in orbit) are declared read-only."""
    for _, viewset, _ in router.registry:
        fields = set(viewset.serializer_class().fields)
        postable = set(viewset.export_columns) - derived_columns(viewset.export_columns)
        assert postable <= fields, viewset.__name__


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_values_and_filters(anon, registry, fmt):
    response = anon.get("/api/v1/filings/", {"format": fmt, "regulator": "itu", "ordering": "-satellites_filed"})
    frame = read(response, fmt)
    assert list(frame["key"]) == ["ctc-1", "oneweb-l"]
    ctc = frame.iloc[0]
    assert ctc["administration"] == "CHN" and ctc["date_of_receipt"].startswith("2025-12-29")
    assert ctc["satellites_filed"] == "96714" and ctc["sources"] == "itu-sns"
    assert ctc["grant_date"] == "" and ctc["parent"] == ""
    if fmt == "csv":
        assert ctc["res35_applies"] == "true"


def test_export_ignores_limit_and_offset(anon, registry):
    frame = read(anon.get("/api/v1/filings/", {"format": "csv", "limit": 1, "offset": 1}), "csv")
    assert len(frame) == 3


def test_shell_export_has_filing_keys(anon, registry):
    frame = read(anon.get("/api/v1/shells/", {"format": "csv", "ordering": "ordinal"}), "csv")
    assert list(frame["filing"]) == ["kuiper-gen1", "kuiper-gen1"]
    assert list(frame["satellite_count"]) == ["784", "1296"]
    assert list(frame["sources"]) == ["fcc-20-102", ""]


def test_formula_text_is_not_run_by_spreadsheets(staff_client, registry):
    staff_client.patch(f"/api/v1/filings/{registry['ctc'].pk}/", {"notes": "=HYPERLINK(\"x\")"}, format="json")
    csv_frame = read(staff_client.get("/api/v1/filings/", {"format": "csv", "key": "ctc-1"}), "csv")
    assert csv_frame.iloc[0]["notes"] == "'=HYPERLINK(\"x\")"
    xlsx_frame = read(staff_client.get("/api/v1/filings/", {"format": "xlsx", "key": "ctc-1"}), "xlsx")
    assert xlsx_frame.iloc[0]["notes"] == "=HYPERLINK(\"x\")"  # stored as text, not as a formula


def test_export_errors_are_json(anon, registry):
    response = anon.get("/api/v1/filings/", {"format": "csv", "administration": "XYZ"})
    assert response.status_code == 400 and response.json() == {"administration": ["unknown administration 'XYZ'"]}


def test_large_export_streams_in_batches_with_few_queries(anon, registry, django_assert_max_num_queries):
    usa = registry["usa"]
    Filing.objects.bulk_create([
        Filing(key=f"bulk-{i}", name=f"Bulk {i}", regulator="fcc", kind="fcc_application", administration=usa)
        for i in range(4500)
    ])
    FilingShell.objects.bulk_create([
        FilingShell(filing=registry["ctc"], ordinal=10 + i, altitude_km=500 + i) for i in range(5000)
    ])
    response = anon.get("/api/v1/shells/", {"format": "csv"})
    with django_assert_max_num_queries(10):  # rows in batches of 2,000, one sources query per batch
        chunks = list(response.streaming_content)
    assert len(chunks) > 3  # sent as it is read, not as one block
    assert sum(chunk.count(b"\n") for chunk in chunks) == 5003
    frame = read(anon.get("/api/v1/filings/", {"format": "xlsx"}), "xlsx")
    assert len(frame) == 4503


def test_detail_and_serializer_fields_agree(registry):
    assert "shells" in FilingSerializer().fields
