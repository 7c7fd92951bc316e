"""/api/v1/milestones/ (stored rows) and /api/v1/filings/{id}/milestones/?as_of= (computed on the fly)."""

import datetime as dt
import io

import pandas as pd
import pytest
from django.utils import timezone

from compliance.evaluation import evaluate_filing, filings_for_evaluation
from compliance.models import Milestone
from tests.api.conftest import milestone

pytestmark = pytest.mark.django_db

LIST = "/api/v1/milestones/"


def codes(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return [(row["filing"], row["code"]) for row in response.json()["results"]]


@pytest.mark.parametrize("params, expected", [
    ({"status": "upcoming"}, [("kuiper-gen1", "fcc_m50"), ("ctc-1", "res35_m1")]),
    ({"status": ["met"], "ordering": "due_date"}, [("oneweb-l", "itu_biu"), ("kuiper-gen1", "fcc_bond")]),
    ({"code": "fcc_m50"}, [("kuiper-gen1", "fcc_m50")]),
    ({"code": ["res35_m1", "itu_biu"], "ordering": "code"}, [("oneweb-l", "itu_biu"), ("ctc-1", "res35_m1")]),
    ({"regime": "itu"}, [("oneweb-l", "itu_biu"), ("ctc-1", "res35_m1")]),
    ({"due_date_before": "2020-01-01"}, [("oneweb-l", "itu_biu")]),
    ({"due_date_after": "2020-01-01", "due_date_before": "2021-01-01"}, [("kuiper-gen1", "fcc_bond")]),
    ({"administration": "CHN"}, [("ctc-1", "res35_m1")]),
    ({"operator": "kuiper"}, [("kuiper-gen1", "fcc_bond"), ("kuiper-gen1", "fcc_m50")]),
    ({"filing": "oneweb-l"}, [("oneweb-l", "itu_biu")]),
    ({"constellation": "kuiper"}, [("kuiper-gen1", "fcc_bond"), ("kuiper-gen1", "fcc_m50")]),
    ({"shortfall_min": 1}, [("kuiper-gen1", "fcc_m50"), ("ctc-1", "res35_m1")]),
    ({"q": "res35"}, [("ctc-1", "res35_m1")]),
])
def test_filters(anon, registry, params, expected):
    assert codes(anon, **params) == expected


def test_default_order_is_by_due_date_with_undated_last(anon, registry):
    milestone(registry["oneweb"], "itu_suspension", "not_applicable", None)
    rows = codes(anon)
    assert rows[0] == ("oneweb-l", "itu_biu") and rows[-1] == ("oneweb-l", "itu_suspension")


@pytest.mark.parametrize("ordering, expected", [
    ("shortfall", ["itu_biu", "fcc_m50", "res35_m1", "fcc_bond"]),  # no shortfall: last either way
    ("-shortfall", ["res35_m1", "fcc_m50", "itu_biu", "fcc_bond"]),
    ("status,due_date", ["itu_biu", "fcc_bond", "fcc_m50", "res35_m1"]),
    ("-due_date", ["res35_m1", "fcc_m50", "fcc_bond", "itu_biu"]),
])
def test_ordering(anon, registry, ordering, expected):
    assert [code for _, code in codes(anon, ordering=ordering)] == expected


@pytest.mark.parametrize("params, field", [
    ({"status": "late"}, "status"),
    ({"code": "nope"}, "code"),
    ({"regime": "esa"}, "regime"),
    ({"administration": "XYZ"}, "administration"),
    ({"due_date_after": "soon"}, "due_date"),
    ({"shortfall_min": "1e300"}, "shortfall_min"),
    ({"ordering": "title"}, "ordering"),
])
def test_bad_filters_are_400(anon, registry, params, field):
    response = anon.get(LIST, params)
    assert response.status_code == 400 and field in response.json(), response.content


def test_csv_export(anon, registry):
    response = anon.get(LIST, {"format": "csv", "filing": "kuiper-gen1", "ordering": "due_date"})
    frame = pd.read_csv(io.BytesIO(b"".join(response.streaming_content)), dtype=str, keep_default_na=False,
                        encoding="utf-8-sig")
    assert list(frame["code"]) == ["fcc_bond", "fcc_m50"]
    m50 = frame.iloc[1]
    assert m50["administration"] == "USA" and m50["operator"] == "kuiper" and m50["constellation"] == "kuiper"
    assert m50["status"] == "upcoming" and m50["shortfall"] == "1418" and m50["notes"] == ""


def test_cached_list_follows_a_new_evaluation(anon, registry):
    """The evaluation writes rows without model signals; it retires cached answers itself."""
    from compliance.evaluation import refresh_milestones

    assert len(anon.get(LIST).json()["results"]) == 4
    refresh_milestones(timezone.localdate())
    fresh = anon.get(LIST).json()["results"]
    assert {row["code"] for row in fresh} >= {"fcc_m50"} and len(fresh) != 4


# -- computed on the fly --------------------------------------------------------------------------------------


def url(registry, key="kuiper"):
    return f"/api/v1/filings/{registry[key].pk}/milestones/"


def test_computed_for_any_date(anon, registry):
    for as_of in ("2021-06-01", "2030-01-01"):
        data = anon.get(url(registry), {"as_of": as_of}).json()
        assert data["filing"] == "kuiper-gen1" and data["as_of"] == as_of
        filing = filings_for_evaluation().get(pk=registry["kuiper"].pk)
        expected = evaluate_filing(filing, dt.date.fromisoformat(as_of))
        assert [(r["code"], r["status"], r["due_date"]) for r in data["results"]] == [
            (r.code, r.status, r.due_date and r.due_date.isoformat()) for r in expected
        ]
    early = {r["code"]: r["status"] for r in anon.get(url(registry), {"as_of": "2021-06-01"}).json()["results"]}
    late = {r["code"]: r["status"] for r in anon.get(url(registry), {"as_of": "2030-01-01"}).json()["results"]}
    assert early != late


def test_default_is_today(anon, registry):
    data = anon.get(url(registry, "ctc")).json()
    assert data["as_of"] == timezone.localdate().isoformat() and data["results"]


@pytest.mark.parametrize("value", ["2024-02-30", "tomorrow", "2024-1-5", "20240105", "1800-01-01", "3000-01-01",
                                   "2024-01-05T00:00"])
def test_bad_as_of_is_400_naming_it(anon, registry, value):
    response = anon.get(url(registry), {"as_of": value})
    assert response.status_code == 400 and list(response.json()) == ["as_of"], response.content


def test_unknown_filing_is_404(anon, registry):
    assert anon.get("/api/v1/filings/999999/milestones/").status_code == 404
    assert anon.get("/api/v1/filings/abc/milestones/").status_code == 404


def test_stored_rows_are_not_touched(anon, registry):
    before = list(Milestone.objects.values_list("pk", "status", "evaluated_as_of"))
    anon.get(url(registry), {"as_of": "2030-01-01"})
    assert list(Milestone.objects.values_list("pk", "status", "evaluated_as_of")) == before
