"""/api/v1/notices/: anyone reads, editors write, readers cannot; every field filters; lists export."""

import datetime as dt
import io

import pandas as pd
import pytest

from filings.models import FilingNotice

pytestmark = pytest.mark.django_db
URL = "/api/v1/notices/"


@pytest.fixture
def notices(registry):
    """The registry's OneWeb BIU notice, plus a bond posting and a certification for Kuiper, two reports for CTC-1."""
    kuiper, ctc = registry["kuiper"], registry["ctc"]
    bond = FilingNotice.objects.create(filing=kuiper, kind="bond_posting", submitted_on=dt.date(2020, 8, 28),
                                       provision="25.165(a)", as_of=dt.date(2020, 8, 28), confidence="confirmed")
    bond.sources.set([registry["sources"][0]])
    FilingNotice.objects.create(filing=kuiper, kind="fcc_certification", submitted_on=dt.date(2026, 8, 10),
                                provision="25.164(f)", as_of=dt.date(2026, 7, 30), satellites_declared=700)
    FilingNotice.objects.create(filing=ctc, kind="res35_report", submitted_on=dt.date(2026, 1, 20),
                                provision="resolves 2", as_of=dt.date(2025, 12, 29), satellites_declared=10,
                                satellites_per_plane=[4, 6])
    FilingNotice.objects.create(filing=ctc, kind="res35_modification", submitted_on=dt.date(2026, 3, 1),
                                provision="resolves 11 a)", total_after=100)
    return registry


def kinds(client, **params):
    response = client.get(URL, {"ordering": "submitted_on", **params})
    assert response.status_code == 200, response.content
    return [row["kind"] for row in response.json()["results"]]


def test_anyone_reads_in_the_order_submitted(anon, notices):
    rows = anon.get(URL).json()["results"]
    assert [(r["filing"], r["kind"], r["submitted_on"]) for r in rows] == [
        ("oneweb-l", "biu_notice", "2019-06-01"),
        ("kuiper-gen1", "bond_posting", "2020-08-28"),
        ("ctc-1", "res35_report", "2026-01-20"),
        ("ctc-1", "res35_modification", "2026-03-01"),
        ("kuiper-gen1", "fcc_certification", "2026-08-10"),
    ]
    report = rows[2]
    assert report["satellites_per_plane"] == [4, 6] and report["satellites_declared"] == 10
    assert rows[1]["sources"] == ["fcc-20-102"]


def test_editors_write_readers_and_anonymous_cannot(clients, notices):
    payload = {"filing": "ctc-1", "kind": "res35_report", "submitted_on": "2026-02-01", "provision": "resolves 2",
               "as_of": "2025-12-29", "satellites_declared": 12, "satellites_per_plane": [6, 6],
               "sources": ["itu-sns"]}
    assert clients["anonymous"].post(URL, payload, format="json").status_code == 401
    assert clients["reader"].post(URL, payload, format="json").status_code == 403
    created = clients["editor"].post(URL, payload, format="json")
    assert created.status_code == 201, created.content
    notice = FilingNotice.objects.get(pk=created.json()["id"])
    assert notice.sources.get().key == "itu-sns" and notice.satellites_per_plane == [6, 6]
    url = f"{URL}{notice.pk}/"
    assert clients["reader"].patch(url, {"notes": "x"}, format="json").status_code == 403
    changed = clients["editor"].patch(url, {"satellites_declared": 13, "satellites_per_plane": [6, 7]}, format="json")
    assert changed.status_code == 200, changed.content
    refused = clients["editor"].patch(url, {"satellites_declared": 14}, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"satellites_per_plane": ["The planes add up to 13 satellites, not the 14 declared."]}
    assert clients["editor"].delete(url).status_code == 403
    assert clients["staff"].delete(url).status_code == 204


@pytest.mark.parametrize("params, expected", [
    ({"filing": "ctc-1"}, ["res35_report", "res35_modification"]),
    ({"filing": ["ctc-1", "oneweb-l"]}, ["biu_notice", "res35_report", "res35_modification"]),
    ({"administration": "USA"}, ["bond_posting", "fcc_certification"]),
    ({"regulator": "fcc"}, ["bond_posting", "fcc_certification"]),
    ({"kind": "res35_report"}, ["res35_report"]),
    ({"kind": ["bond_posting", "biu_notice"]}, ["biu_notice", "bond_posting"]),
    ({"submitted_on_after": "2026-01-01"}, ["res35_report", "res35_modification", "fcc_certification"]),
    ({"submitted_on_before": "2020-12-31"}, ["biu_notice", "bond_posting"]),
    ({"as_of_after": "2025-01-01", "as_of_before": "2025-12-31"}, ["res35_report"]),
    ({"provision": "resolves"}, ["res35_report", "res35_modification"]),
    ({"provision": "25.16"}, ["bond_posting", "fcc_certification"]),
    ({"satellites_declared_min": 10}, ["res35_report", "fcc_certification"]),
    ({"satellites_declared_max": 10}, ["biu_notice", "res35_report"]),
    ({"total_after_min": 1}, ["res35_modification"]),
    ({"confidence": "confirmed"}, ["bond_posting"]),
    ({"source": "itu-sns"}, ["biu_notice"]),
    ({"q": "11.44C"}, ["biu_notice"]),
])
def test_filters(anon, notices, params, expected):
    assert kinds(anon, **params) == expected


def test_id_filters(anon, notices):
    ctc = notices["ctc"]
    assert kinds(anon, filing_id=ctc.pk) == ["res35_report", "res35_modification"]


@pytest.mark.parametrize("params, field", [
    ({"kind": "telegram"}, "kind"), ({"filing": "nothing"}, "filing"), ({"submitted_on_after": "soon"}, "submitted_on"),
    ({"satellites_declared_min": "many"}, "satellites_declared"), ({"ordering": "secret"}, "ordering"),
])
def test_bad_filters_are_400_naming_the_parameter(anon, notices, params, field):
    response = anon.get(URL, params)
    assert response.status_code == 400 and field in response.json()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_with_filters(anon, notices, fmt):
    response = anon.get(URL, {"format": fmt, "filing": "ctc-1", "ordering": "submitted_on"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    frame = (pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False, encoding="utf-8-sig") if fmt == "csv"
             else pd.read_excel(io.BytesIO(content), dtype=str, keep_default_na=False))
    assert list(frame["kind"]) == ["res35_report", "res35_modification"]
    assert frame.iloc[0]["satellites_per_plane"] == "4; 6" and frame.iloc[1]["total_after"] == "100"
    assert "slotwatch-notices-" in response["Content-Disposition"]
