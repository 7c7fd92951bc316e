"""The analyst's pages: the deadline timeline, administration and operator pages, and the comparison."""

import datetime as dt
from types import SimpleNamespace

import pytest

from compliance.models import Milestone
from dashboard import timeline
from tests.web.test_pages import figures_in

pytestmark = pytest.mark.django_db

OPEN = {"status": ["due_soon", "upcoming"], "limit": 1000}


def api_open_milestones(client, **filters):
    rows = client.get("/api/v1/milestones/", {**OPEN, **filters}).json()["results"]
    return {(r["filing"], r["code"], r["due_date"], r["status"], r["required"]) for r in rows if r["due_date"]}


def page_rows(response):
    return {(r["filing"].key, r["code"], r["due"].isoformat(), r["row"].status, r["required"])
            for r in response.context["rows"]}


def test_timeline_shows_the_open_milestones_the_api_lists(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = client.get("/timeline/")
    assert response.status_code == 200
    expected = {row for row in api_open_milestones(client) if row[0] != "oneweb-old"}  # superseded: not live
    assert expected and page_rows(response) == expected
    chart = figures_in(response.content.decode())["deadline-timeline"]
    # The chart's rows, top to bottom, are the table's, and its CSV is exactly what is plotted.
    labels = [r["label"] for r in response.context["rows"]]
    assert [label.replace("<br>", " ") for label in chart["layout"]["yaxis"]["categoryarray"]] == labels
    assert [row[0:2] for row in chart["csv"]["rows"]] == [[r["filing_name"], r["milestone"]]
                                                          for r in response.context["rows"]]
    plotted = sorted(y.replace("<br>", " ") for trace in chart["data"] if trace["type"] == "bar" for y in trace["y"])
    assert plotted == sorted(labels)
    page = response.content.decode()
    assert 'name="as_of"' in page and "/api/v1/milestones/?status=due_soon&amp;status=upcoming" in page


@pytest.mark.parametrize(("filters", "keys"), [
    ({"administration": "CHN"}, {"qianfan-itu", "ctc-1"}),
    ({"operator": "kuiper-systems"}, {"kuiper-gen1"}),
    ({"regime": "fcc"}, {"kuiper-gen1", "starlink-gen1"}),
])
def test_timeline_filters_as_the_api_filters(client, registry, filters, keys):
    response = client.get("/timeline/", filters)
    rows = page_rows(response)
    assert rows == {row for row in api_open_milestones(client, **filters) if row[0] != "oneweb-old"}
    assert {key for key, *_ in rows} <= keys and rows


def test_timeline_as_of_another_date_evaluates_the_rules(client, registry):
    later = dt.date(2028, 8, 1)
    response = client.get("/timeline/", {"as_of": later.isoformat(), "regime": "fcc"})
    assert response.context["stored"] is False and response.context["as_of"] == later
    assert all(r["due"] >= later and r["regime"] == "fcc" for r in response.context["rows"])
    assert "as of 1 August 2028" in response.content.decode()


def fake(filing, code, due, status="upcoming"):
    return SimpleNamespace(filing=filing, code=code, due_date=due, status=status, title="", required=None,
                           deployed=None, projected_date=None, regime="itu", provision="")


def test_timeline_order_puts_biu_and_m0_first_within_a_filing():
    a = SimpleNamespace(pk=1, name="A", date_of_receipt=dt.date(2020, 1, 1), grant_date=None)
    b = SimpleNamespace(pk=2, name="B", date_of_receipt=None, grant_date=None)
    rows = [fake(a, "res35_m1", dt.date(2027, 1, 1)), fake(a, "res35_m0", dt.date(2030, 1, 1)),
            fake(a, "itu_biu", dt.date(2029, 1, 1)), fake(b, "fcc_m50", dt.date(2026, 12, 1)),
            fake(b, "fcc_m100", dt.date(2029, 1, 1))]
    ordered = [(r.filing.name, r.code) for r in timeline.order_rows(rows)]
    assert ordered == [("B", "fcc_m50"), ("B", "fcc_m100"), ("A", "itu_biu"), ("A", "res35_m0"), ("A", "res35_m1")]
    gantt = timeline.gantt_rows(rows, dt.date(2026, 11, 25))
    assert gantt[0]["start"] == dt.date(2026, 11, 25)  # no date of receipt or grant: from the as-of date
    assert gantt[2]["start"] == dt.date(2020, 1, 1)


@pytest.mark.parametrize(("status", "projected", "shown"), [
    ("upcoming", dt.date(2030, 1, 1), "projected_late"), ("upcoming", dt.date(2028, 1, 1), "upcoming"),
    ("upcoming", None, "upcoming"), ("due_soon", dt.date(2030, 1, 1), "due_soon"),
])
def test_timeline_status(status, projected, shown):
    row = SimpleNamespace(status=status, projected_date=projected, due_date=dt.date(2029, 1, 1))
    assert timeline.timeline_status(row) == shown


def test_administration_page(client, registry, django_assert_max_num_queries):
    # Cold, each filing's deployment series is built (cached until the data behind it changes); warm, the page
    # costs a fixed number of queries whatever the number of filings.
    with django_assert_max_num_queries(22):
        client.get("/administrations/usa/")
    with django_assert_max_num_queries(12):
        response = client.get("/administrations/usa/")
    assert response.status_code == 200
    filings = {f.key: f for f in response.context["filings"]}
    assert set(filings) == {"kuiper-gen1", "starlink-gen1"}
    assert filings["kuiper-gen1"].in_orbit == 331  # the launched count its milestones read
    assert filings["kuiper-gen1"].next_deadline == Milestone.objects.filter(
        filing__key="kuiper-gen1", status__in=("due_soon", "upcoming")).order_by("due_date")[0].due_date
    page = response.content.decode()
    assert "/operators/kuiper-systems/" in page and "/compare/?filings=kuiper-gen1%2Cstarlink-gen1" in page
    assert "/timeline/?administration=USA" in page and "deadline" in page.lower()
    assert client.get("/administrations/XXX/").status_code == 404


def test_operator_page_by_key_or_id(client, registry):
    by_key = client.get("/operators/spacex/")
    assert by_key.status_code == 200 and [f.key for f in by_key.context["filings"]] == ["starlink-gen1"]
    by_id = client.get(f"/operators/{registry['starlink'].operator_id}/")
    assert by_id.status_code == 200 and by_id.context["party"].key == "spacex"
    assert "/administrations/USA/" in by_key.content.decode()
    assert client.get("/operators/nobody/").status_code == 404


def test_compare_side_by_side(client, registry, django_assert_max_num_queries):
    client.get("/compare/", {"filings": "kuiper-gen1,qianfan-itu"})  # builds the deployment series (cached)
    with django_assert_max_num_queries(10):
        response = client.get("/compare/", {"filings": "kuiper-gen1, qianfan-itu,kuiper-gen1,nope"})
    assert response.status_code == 200
    filings = response.context["filings"]
    assert [f.key for f in filings] == ["kuiper-gen1", "qianfan-itu"] and response.context["missing"] == ["nope"]
    kuiper = filings[0]
    stored = Milestone.objects.filter(filing__key="kuiper-gen1").exclude(status="not_applicable")
    assert {m.pk for m in kuiper.compared_milestones} == {m.pk for m in stored}
    assert kuiper.in_orbit == 331
    page = response.content.decode()
    assert "No filing with the key nope" in page and "590 km" in page and "3,236" in page
    assert "Choose two or more" in client.get("/compare/", {"filings": "kuiper-gen1"}).content.decode()
