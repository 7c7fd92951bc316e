"""Every dashboard page: status, context, the figures handed to plotly.js, and bounded query counts."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from compliance.models import Milestone
from compliance.rules.calendar import add_years
from tests.factories import FilingFactory
from tests.web.dataset import TODAY

pytestmark = pytest.mark.django_db


def figures_in(page: str) -> dict:
    """{div id: figure JSON} of every <script type="application/json" data-figure> block."""
    found = re.findall(r'<script type="application/json" data-figure data-target="([^"]+)">(.*?)</script>', page, re.S)
    return {target: json.loads(body) for target, body in found}


def test_no_inline_script_anywhere(client, registry):
    for url in ("/", reverse("filings:list"), registry["kuiper"].get_absolute_url(), "/shells/", "/compute/"):
        page = client.get(url).content.decode()
        scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, re.S)
        for attrs, body in scripts:
            assert "src=" in attrs or 'type="application/json"' in attrs, (url, attrs)
            assert "src=" not in attrs or not body.strip()
        assert "/static/js/figures.js" in page
        # plotly.js (its partial bundle) on the pages that draw a chart only (issue 17, "Page weight")
        assert ("/static/vendor/plotly-basic.min.js" in page) == bool(figures_in(page)), url
        assert "plotly.min.js" not in page
        assert "cdn" not in page.lower()


# -- overview ------------------------------------------------------------------------------------------


def test_overview_headlines_race_and_deadlines(client, registry, django_assert_max_num_queries):
    # Cold: the race series and figures, the standings (registry as of the date, each filing's series, the risk
    # context) are built; then they come from the cache (one query for the standings' fingerprint).
    with django_assert_max_num_queries(50):
        response = client.get(reverse("home"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("home")).content == response.content
    assert response.status_code == 200
    context = response.context
    # Five records, five systems here (no two linked; the superseded one has no successor on the registry).
    assert context["totals"].records == 5 and context["totals"].live_systems == 5
    assert context["totals"].filed == 3236 + 4408 + 12992 + 96714 + 6372
    # Latest counts on or before today: Kuiper 331 launched, Starlink 9,400, Qianfan 108.
    assert context["in_orbit_total"] == 331 + 9400 + 108
    admins = {row["administration__name"]: row for row in context["by_admin"]}
    assert admins["United States"]["in_orbit"] == 9731 and admins["China"]["in_orbit"] == 108
    assert context["results"].stored is True
    stored = list(Milestone.objects.all())
    due = [m for m in stored if m.status in ("due_soon", "upcoming") and m.due_date
           and TODAY <= m.due_date <= TODAY + dt.timedelta(days=365)]
    assert due and [m.pk for m in context["deadlines"].rows] == [
        m.pk for m in sorted(due, key=lambda m: (m.due_date, m.filing.name, m.pk))]
    risky = [m for m in stored if m.status in ("missed", "due_soon")
             or (m.status == "upcoming" and m.projected_date and m.projected_date > m.due_date)]
    # A milestone due soon whose requirement is already held in orbit is not listed as at risk (issue 15).
    held = [m for m in risky if m.status != "missed" and m.required and (m.deployed or 0) >= m.required]
    assert held
    risky = [m for m in risky if m not in held]
    assert risky and {m.pk for m in context["at_risk"].rows} == {m.pk for m in risky}
    assert context["at_risk"].total == len(risky) and context["at_risk"].more == 0
    figures = figures_in(response.content.decode())
    assert set(figures) == {"race-constellation", "race-administration"}
    names = {trace["name"] for trace in figures["race-constellation"]["data"]}
    assert {"Kuiper", "Starlink", "Qianfan"} <= names
    assert any(name.endswith("milestone targets") for name in names)
    targets = [t for t in figures["race-constellation"]["data"] if t["name"].endswith("milestone targets")]
    assert all(t["line"]["shape"] == "hv" for t in targets)
    page = response.content.decode()
    assert 'aria-describedby="race-constellation-alt"' in page and "Satellites in orbit by constellation" in page


def test_overview_tables_are_capped_with_the_count_and_a_link_to_every_row(client, registry, monkeypatch):
    from dashboard import data

    monkeypatch.setattr(data, "OVERVIEW_ROWS", 1)
    response = client.get(reverse("home"))
    risk = response.context["at_risk"]
    assert len(risk.rows) == 1 and risk.total == Milestone.objects.at_risk().count() > 1
    page = response.content.decode()
    assert f"The first 1 of {risk.total} are shown." in page
    link = response.context["lists"]["at_risk"]
    assert f'href="{link}&amp;format=csv"' in page
    api = client.get(link)
    assert api.status_code == 200 and api.json()["count"] == risk.total
    deadlines = response.context["deadlines"]
    listed = client.get(response.context["lists"]["deadlines"]).json()
    assert listed["count"] == deadlines.total > 0
    assert listed["results"][0]["due_date"] == deadlines.rows[0].due_date.isoformat()


def test_overview_as_of_a_past_date_evaluates_on_the_fly(client, registry, django_assert_max_num_queries):
    # the rules shell reads each filing's deployment; the fixed part includes the bands and notices prefetches and the
    # FCC systems' look-up (one query for all filings); the standings add a fixed part (the registry as of the date,
    # the risk context's monthly series and the catalog's data dates), none per filing
    with django_assert_max_num_queries(15 + 3 * 5 + 20):
        response = client.get(reverse("home"), {"as_of": "2025-06-01"})
    assert response.status_code == 200
    assert response.context["as_of"] == dt.date(2025, 6, 1)
    assert response.context["results"].stored is False
    # Only counts dated on or before the as-of date: Starlink 5,200 (2024) and Qianfan 54 (Jan 2025).
    assert response.context["in_orbit_total"] == 5200 + 54
    assert "as of 1 June 2025" in response.content.decode()


def test_overview_as_of_future_and_bad_dates(client, registry):
    future = client.get(reverse("home"), {"as_of": "2029-01-01"})
    assert future.status_code == 200 and future.context["as_of"] == dt.date(2029, 1, 1)
    # By 2029 the Kuiper 100 % milestone (Jul 2026 + ...) and later ones are evaluated as of then.
    assert all(r.filing for r in future.context["results"].items)
    bad = client.get(reverse("home"), {"as_of": "not-a-date"})
    assert bad.status_code == 200 and bad.context["as_of"] == TODAY
    assert "is not a date" in bad.content.decode()
    far = client.get(reverse("home"), {"as_of": "1800-01-01"})
    assert far.context["as_of"] == TODAY and "Choose a date between" in far.content.decode()


def test_overview_without_data(client, db):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert response.context["totals"].records == 0 and response.context["totals"].live_systems == 0
    assert "load_reference" in response.content.decode()


# -- filings table ----------------------------------------------------------------------------------------


def test_filings_table_defaults_to_most_satellites_first(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get(reverse("filings:list"))
    assert response.status_code == 200
    keys = [f.key for f in response.context["filings"]]
    assert keys[0] == "ctc-1" and keys[1] == "qianfan-itu"
    assert response.context["totals"]["filings"] == 5
    kuiper = next(f for f in response.context["filings"] if f.key == "kuiper-gen1")
    assert kuiper.next_deadline == Milestone.objects.filter(
        filing=kuiper, status__in=["due_soon", "upcoming"], due_date__isnull=False).order_by("due_date")[0].due_date
    page = response.content.decode()
    assert '<caption>' in page and 'aria-sort="descending"' in page


@pytest.mark.parametrize("params, expected", [
    ({"administration": "CHN"}, {"qianfan-itu", "ctc-1"}),
    ({"operator": "spacex"}, {"starlink-gen1"}),
    ({"regulator": "fcc"}, {"kuiper-gen1", "starlink-gen1"}),
    ({"status": "superseded"}, {"oneweb-old"}),
    ({"res35_applies": "true"}, {"qianfan-itu"}),
    ({"res35_applies": "unknown"}, {"kuiper-gen1", "starlink-gen1", "ctc-1", "oneweb-old"}),
    ({"q": "kuiper"}, {"kuiper-gen1"}),
    ({"q": "CHN2025"}, {"ctc-1"}),
    ({"q": "spacesail"}, {"qianfan-itu"}),
    ({"administration": "USA", "regulator": "itu"}, set()),
])
def test_filters(client, registry, params, expected):
    response = client.get(reverse("filings:list"), params)
    assert {f.key for f in response.context["filings"]} == expected


def test_deadline_window_filter(client, registry):
    response = client.get(reverse("filings:list"), {"deadline_within": "730"})
    got = {f.key for f in response.context["filings"]}
    assert got, "some filing has an open milestone within two years"
    for f in response.context["filings"]:
        assert TODAY <= f.next_deadline <= TODAY + dt.timedelta(days=730)


def test_sorting_and_bad_sort_falls_back(client, registry):
    by_name = client.get(reverse("filings:list"), {"ordering": "name"})
    names = [f.name for f in by_name.context["filings"]]
    assert names == sorted(names)
    by_name_desc = client.get(reverse("filings:list"), {"ordering": "-name"})
    assert [f.name for f in by_name_desc.context["filings"]] == sorted(names, reverse=True)
    by_deadline = client.get(reverse("filings:list"), {"ordering": "next_deadline"})
    dates = [f.next_deadline for f in by_deadline.context["filings"]]
    known = [d for d in dates if d]
    assert known == sorted(known) and dates[: len(known)] == known  # unknown deadlines last
    bad = client.get(reverse("filings:list"), {"ordering": "password"})
    assert bad.status_code == 200 and bad.context["ordering"] == "-satellites_filed"


def test_unknown_filter_value_is_reported_not_a_crash(client, registry):
    response = client.get(reverse("filings:list"), {"administration": "XXX"})
    assert response.status_code == 200
    assert "not understood" in response.content.decode()


def test_export_links_carry_the_filters(client, registry):
    response = client.get(reverse("filings:list"), {"administration": "CHN", "q": "qian", "page": "1"})
    csv = "/api/v1/filings/?administration=CHN&q=qian&ordering=-satellites_filed&format=csv"  # the page's order
    assert response.context["export"]["csv"] == csv
    assert response.context["export"]["xlsx"].endswith("format=xlsx")
    assert f'href="{csv.replace("&", "&amp;")}"' in response.content.decode()


def test_paging(client, registry, settings, monkeypatch):
    from dashboard import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = client.get(reverse("filings:list"), {"ordering": "name"})
    assert first.context["page"].paginator.num_pages == 3
    last = client.get(reverse("filings:list"), {"ordering": "name", "page": 3})
    assert [f.key for f in last.context["filings"]] == ["starlink-gen1"]
    assert "page=2" in last.content.decode() and "ordering=name" in last.content.decode()
    beyond = client.get(reverse("filings:list"), {"page": 99})
    assert beyond.status_code == 200 and beyond.context["page"].number == 3


# -- filing detail --------------------------------------------------------------------------------------


def test_detail_shows_facts_milestones_shells_and_charts(client, registry, django_assert_max_num_queries):
    kuiper = registry["kuiper"]
    # + the risk context of the milestone table, built once per date and data (compliance.risk): its monthly
    # series, the catalog's data dates and the operators; a second visit reads it from the cache
    with django_assert_max_num_queries(20 + 11):
        response = client.get(kuiper.get_absolute_url())
    with django_assert_max_num_queries(20 + 3):
        client.get(kuiper.get_absolute_url())
    assert response.status_code == 200
    context = response.context
    assert context["filing"] == kuiper and context["as_of"] == TODAY
    codes = {r.code for r in context["results"]}
    assert {"fcc_m50", "fcc_m100"} <= codes
    m50 = next(r for r in context["results"] if r.code == "fcc_m50")
    assert m50.due_date == dt.date(2028, 7, 30) and m50.original_due_date == dt.date(2026, 7, 30)
    assert m50.required == 1618 and m50.rate_needed_per_month > 0
    assert context["observed_rate"] == pytest.approx((331 - 180) / 189 * 365.2425 / 12, rel=1e-6)
    suns = [sun for _, sun in context["shell_rows"]]
    assert len(suns) == 3 and all(0.5 < s.mean < 1 for s in suns)
    assert 0.5 < context["filing_sunlit"] < 1
    figures = figures_in(response.content.decode())
    assert set(figures) == {"milestone-timeline", "deployment-chart", "sunlit-chart"}
    page = response.content.decode()
    assert "SAT-LOA-20190704-00057" in page and "FCC 20-102 Kuiper authorisation" in page
    assert "590 km" in page and "784" in page and "Confirmed (primary text)" in page
    assert "What if they launch at another cadence?" in page


def test_detail_as_of_changes_statuses(client, registry):
    kuiper = registry["kuiper"]
    before = client.get(kuiper.get_absolute_url(), {"as_of": "2026-01-01"}).context
    after = client.get(kuiper.get_absolute_url(), {"as_of": "2030-01-01"}).context
    m100_before = next(r for r in before["results"] if r.code == "fcc_m100")
    m50_after = next(r for r in after["results"] if r.code == "fcc_m50")
    assert m100_before.status in ("upcoming", "due_soon")
    assert m50_after.status == "missed"  # 331 launched is far below 1,618 by the extended 30 Jul 2028
    # 47 CFR 25.164(b)(2) binds a licensee that met (b)(1): after the miss the authorisation is cut to the stations
    # in orbit (25.161(a)(2)) and the 100 % milestone no longer applies.
    assert "fcc_m100" in {r.code for r in after["not_applicable"]}


def test_what_if_meets_with_a_fast_cadence_and_misses_with_a_slow_one(client, registry):
    url = registry["kuiper"].get_absolute_url()
    fast = client.get(url, {"rate": "200", "start": "2026-12-01"}).context["what_if"]
    slow = client.get(url, {"rate": "5", "start": "2026-12-01"}).context["what_if"]
    fast_rows = {row["result"].code: row for row in fast["rows"]}
    slow_rows = {row["result"].code: row for row in slow["rows"]}
    assert fast_rows["fcc_m50"]["what_if"].status == "met"
    assert fast_rows["fcc_m100"]["what_if"].status == "met"
    assert slow_rows["fcc_m50"]["what_if"].status == "missed"
    # The observed cadence (~24/month) is shown beside it: it misses the 50 % milestone, after which the 100 %
    # milestone no longer applies (47 CFR 25.164(b)(2) binds a licensee that met (b)(1)).
    assert slow_rows["fcc_m50"]["observed"].status == "missed"
    assert slow_rows["fcc_m100"]["observed"].status == "not_applicable"
    # The cadence series starts from the count on the start date and is capped at the authorised number.
    assert fast["series"][-1][1] == 3236


def test_what_if_rejects_bad_input(client, registry):
    response = client.get(registry["kuiper"].get_absolute_url(), {"rate": "-3", "start": "2026-12-01"})
    assert response.status_code == 200 and response.context["what_if"] is None
    assert response.context["whatif_form"].errors


def test_detail_of_a_filing_without_shells_or_dates(client, registry):
    response = client.get(registry["ctc"].get_absolute_url())
    assert response.status_code == 200
    assert "No shell has been published" in response.content.decode()
    assert response.context["sunlit_chart"] is None


def test_detail_of_a_pending_application_shows_the_hypothetical_milestones(client, registry):
    odc = FilingFactory(key="spacex-odc", name="SpaceX ODC", regulator="fcc", kind="fcc_application",
                        administration=registry["kuiper"].administration, satellites_filed=1_000_000,
                        status="under_review")
    page = client.get(odc.get_absolute_url())
    assert page.status_code == 200
    assert "No milestone applies to this filing." in page.content.decode()  # nothing applies yet ...
    hypothetical = page.context["hypothetical"]  # ... but this is what would, if granted today
    assert hypothetical["grant_on"] == TODAY
    m50 = next(r for r in hypothetical["results"] if r.code == "fcc_m50")
    assert m50.required == 500_000 and m50.due_date == add_years(TODAY, 6)
    assert "Hypothetical: the milestones if granted on" in page.content.decode()
    chosen = client.get(odc.get_absolute_url(), {"hypothetical_grant": "2027-06-01"}).context["hypothetical"]
    assert chosen["grant_on"] == dt.date(2027, 6, 1)
    assert next(r for r in chosen["results"] if r.code == "fcc_m100").due_date == dt.date(2036, 6, 1)
    assert client.get(registry["kuiper"].get_absolute_url()).context["hypothetical"] is None


def test_detail_404(client, db):
    assert client.get(reverse("filings:detail", args=[999])).status_code == 404


def test_detail_shows_the_score_when_scored(client, registry):
    from django.apps import apps

    if "FilingScore" not in {m.__name__ for m in apps.get_app_config("compliance").get_models()}:
        pytest.skip("compliance.FilingScore is not installed in this tree")
    from django.utils import timezone

    from compliance.models import FilingScore

    kuiper = registry["kuiper"]
    FilingScore.objects.create(
        filing=kuiper, computed_at=timezone.now(), as_of=TODAY, window_start=timezone.now(),
        window_end=timezone.now(), step_minutes=60, total=0.61,
        components=[{"name": "deployment_feasibility", "value": 0.5, "weight": 0.4, "weighted": 0.2,
                     "explanation": "from the rules"}],
    )
    page = client.get(kuiper.get_absolute_url()).content.decode()
    assert "0.610" in page and "deployment feasibility" in page and "from the rules" in page


def test_detail_and_overview_show_the_change_history(client, registry):
    from django.apps import apps

    if not apps.is_installed("changelog"):
        pytest.skip("the changelog app is not installed in this tree")
    import uuid

    from django.contrib.contenttypes.models import ContentType

    from changelog.models import ChangeRecord
    from filings.models import FilingShell

    kuiper = registry["kuiper"]
    shell = kuiper.shells.first()
    ChangeRecord.objects.all().delete()
    ChangeRecord.objects.create(
        via="api", request_id=uuid.uuid4(), action="update", user_name="editor",
        object_type=ContentType.objects.get_for_model(FilingShell), object_id=shell.pk, object_repr=str(shell),
        related_type=ContentType.objects.get_for_model(type(kuiper)), related_id=kuiper.pk,
        diff={"satellite_count": [784, 790]},
    )
    detail = client.get(kuiper.get_absolute_url())
    assert [c["filing"] for c in detail.context["changes"]] == [kuiper]
    page = detail.content.decode()
    assert "satellite_count" in page and "via api" in page
    assert "by editor" not in page  # public pages never name the editor (issue 18)
    assert client.get(registry["ctc"].get_absolute_url()).context["changes"] == []
    overview = client.get(reverse("home"))
    assert overview.context["changes"][0]["filing"] == kuiper


# -- shells map and compute --------------------------------------------------------------------------------


def test_shells_map(client, registry, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(reverse("dashboard:shells"))
    assert response.status_code == 200
    context = response.context
    assert context["colour_by"] == "operator"
    # The superseded filing's shell is left out; every other shell with an inclination and a count is plotted.
    assert {p["filing"] for p in context["points"]} == {"Kuiper Gen1", "Starlink Gen1", "Qianfan (ITU)"}
    sso = next(p for p in context["points"] if p["altitude"] == 560)
    assert 97 < sso["inclination"] < 98.5
    # Starlink 550/53 and Qianfan 555/52 share the 550-600 km band with close inclinations.
    band = next(b for b in context["bands"] if b["low"] <= 555 < b["high"])
    assert {f.key for f in band["filings"]} >= {"starlink-gen1", "qianfan-itu"}
    chart = figures_in(response.content.decode())["shells-map"]
    urls = {c[0] for trace in chart["data"] for c in (trace.get("customdata") or [])}
    assert registry["kuiper"].get_absolute_url() in urls
    assert 'data-click-links="1"' in response.content.decode()
    assert len(chart["layout"]["shapes"]) == len(context["bands"])


def test_shells_map_colour_toggle(client, registry):
    response = client.get(reverse("dashboard:shells"), {"colour": "administration"})
    chart = figures_in(response.content.decode())["shells-map"]
    names = {t["name"] for t in chart["data"]}
    assert {"United States", "China"} <= names and "Amazon" not in names
    assert 'aria-current="true" class="on">Administration' in response.content.decode()


def test_compute_race(client, registry, django_assert_max_num_queries):
    # Cold: each filing's deployment series is built (cached until the data changes); then the page body is cached.
    with django_assert_max_num_queries(20):
        response = client.get(reverse("dashboard:compute"))
    with django_assert_max_num_queries(4):
        assert client.get(reverse("dashboard:compute")).content == response.content
    assert response.status_code == 200
    context = response.context
    rows = {r.key: r for r in [*context["rows"], *context["paper"]]}
    assert set(rows) == {"kuiper-gen1", "starlink-gen1", "qianfan-itu"}
    kuiper = rows["kuiper-gen1"]
    assert kuiper.satellites == 3236 and kuiper.profile == "broadband"
    assert kuiper.potential_pflops == pytest.approx(
        3236 * 1361 * 105 * 0.2 * kuiper.sunlit * 0.7 * 1.41e12 * 0.9 / 1e15, rel=1e-9)
    # Deployed: the 331 launched Kuiper satellites the milestones count, under the same profile.
    assert kuiper.in_orbit == 331
    assert kuiper.deployed_pflops == pytest.approx(kuiper.potential_pflops * 331 / 3236, rel=1e-9)
    # Ranked on what is deployed: Starlink's 4,408 in orbit (of 9,400, capped at its filing) first.
    assert [r.key for r in context["rows"]][0] == "starlink-gen1"
    assert [r.deployed_pflops for r in context["rows"]] == sorted((r.deployed_pflops for r in context["rows"]),
                                                                  reverse=True)
    assert {s["filing"].key for s in context["skipped"]} == {"ctc-1"}
    assert any("planes not filed" in a for a in rows["qianfan-itu"].extra["assumptions"])
    admins = {r["administration"].name: r for r in context["admin_rows"]}
    assert admins["United States"]["filings"] == 2
    page = response.content.decode()
    assert "NVIDIA H100" in page and "assumption" in page and "Suncatcher" in page
    assert re.search(r"\d+(\.\d+)? [PEZ]FLOP/s", page) and not re.search(r"\d{1,3}(,\d{3}){2,}(\.\d)? PFLOP/s", page)
    assert set(figures_in(page)) == {"compute-filings", "compute-admins"}
