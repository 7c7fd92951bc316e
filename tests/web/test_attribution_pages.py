"""The constellation page and the filing page show the attribution API's numbers for the same as_of, with the
data date; the conflicts report lists each satellite once. Over the real bundled catalog and registry."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from constellations.models import Constellation
from filings.models import Filing
from tests.constellations.catalog_helpers import bundled_world
from tests.web.dataset import TODAY

pytestmark = pytest.mark.django_db

# Before the bundled SATCAT's date; between it and the element sets' date; on it; past it (and past "today").
DATES = ["2024-04-30", "2025-12-31", "2026-08-22", "2027-06-01"]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with bundled_world(django_db_blocker):
        yield


@pytest.fixture
def starlink(world, db):
    return Constellation.objects.get(key="starlink")


def table_rows(page: str, table_id: str) -> dict:
    """{data-filing: the number in the row's second cell} of one table of the page, read from the HTML."""
    table = re.search(rf'<table class="data" id="{table_id}">(.*?)</table>', page, re.S).group(1)
    rows = re.findall(r'<tr[^>]*data-filing="([^"]+)"><th[^>]*>.*?</th><td class="num">([\d,]+)</td>', table, re.S)
    return {key: int(number.replace(",", "")) for key, number in rows}


def api(client, starlink, as_of, tail=""):
    response = client.get(f"/api/v1/constellations/{starlink.pk}/attribution/{tail}?as_of={as_of}")
    assert response.status_code == 200, response.content[:300]
    return response.json()


@pytest.mark.parametrize("as_of", DATES)
def test_the_constellation_page_shows_the_apis_attribution(client, starlink, as_of):
    answer = api(client, starlink, as_of)
    response = client.get(reverse("dashboard:constellation", args=[starlink.pk]) + f"?as_of={as_of}")
    assert response.status_code == 200
    page = response.content.decode()
    shown = table_rows(page, "attribution-table")
    expected = {f["filing"]: f["satellites"] for f in answer["filings"]}
    expected.update(unattributed=answer["unattributed"], in_orbit=answer["in_orbit"], conflicts=answer["conflicts"])
    assert shown == expected
    assert sum(f["satellites"] for f in answer["filings"]) + answer["unattributed"] == answer["in_orbit"] > 0
    assert {f["confidence"] for f in answer["filings"]} == {"inferred"} and answer["confidence"] == "inferred"
    note = re.search(r'id="attribution-data-date">(.*?)</p>', page, re.S).group(1)
    assert answer["data_note"] in note.replace("&#x27;", "'")
    # Past the newest data (22 Aug 2026) or past today the count is carried forward, and says so.
    carried = dt.date.fromisoformat(as_of) > min(dt.date(2026, 8, 22), TODAY)
    assert answer["carried_forward"] is carried and ("carried forward" in note) is carried
    assert answer["data_as_of"] == min(as_of, "2026-08-22")


def test_the_data_note_words_the_data_date(client, starlink):
    answer = api(client, starlink, "2026-11-25")
    assert answer["data_note"] == ("in orbit on 22 Aug 2026 (latest element sets; decays known to 16 Mar 2025), "
                                   "carried forward to 25 Nov 2026")
    assert api(client, starlink, "2024-04-30")["data_note"] == (
        "in orbit on 30 Apr 2024 (element sets to 22 Aug 2026; decays known to 16 Mar 2025)")


def test_the_chart_draws_the_counts_past_the_data_date_dashed(client, starlink):
    page = client.get(reverse("dashboard:constellation", args=[starlink.pk]) + "?as_of=2027-06-01").content.decode()
    figure = json.loads(re.search(r'data-target="attribution-chart">(.*?)</script>', page, re.S).group(1))
    dashed = [t for t in figure["data"] if t.get("line", {}).get("dash") == "dash"]
    solid = [t for t in figure["data"] if t.get("line", {}).get("dash") != "dash"]
    assert dashed and all(t["name"].endswith("(carried forward)") for t in dashed)
    assert all(t["x"][0] == "2026-08-22" and t["x"][-1] == "2027-06-01" for t in dashed)
    assert all(max(t["x"]) <= "2026-08-22" for t in solid)
    total = next(t for t in solid if t["name"] == "in orbit (all)")
    assert total["y"][-1] == api(client, starlink, "2026-08-22")["in_orbit"]


@pytest.mark.parametrize("as_of", ["2024-04-30", "2026-08-22"])
def test_the_filing_page_shows_the_same_table(client, starlink, as_of):
    answer = api(client, starlink, as_of)
    gen1 = Filing.objects.get(key="starlink-gen1")
    page = client.get(gen1.get_absolute_url() + f"?as_of={as_of}").content.decode()
    shown = table_rows(page, "attribution-table")
    assert shown["starlink-gen1"] == next(f["satellites"] for f in answer["filings"] if f["filing"] == "starlink-gen1")
    assert shown == {**{f["filing"]: f["satellites"] for f in answer["filings"]},
                     "unattributed": answer["unattributed"], "in_orbit": answer["in_orbit"],
                     "conflicts": answer["conflicts"]}
    assert 'class="current" data-filing="starlink-gen1"' in page


def test_the_conflicts_report_lists_each_satellite_once(client, starlink):
    answer = api(client, starlink, "2026-08-22")
    report = api(client, starlink, "2026-08-22", "conflicts/")
    norads = [row["norad_id"] for row in report["satellites"]]
    assert report["count"] == len(norads) == len(set(norads)) == answer["conflicts"]
    keys = {f["filing"] for f in answer["filings"]}
    for row in report["satellites"]:
        assert row["filing"] in keys and row["others"] and row["filing"] not in row["others"]
        assert set(row["others"]) <= keys and row["step"] in ("assigned", "orbit", "system")
    page = client.get(reverse("dashboard:constellation", args=[starlink.pk]) + "?as_of=2026-08-22").content.decode()
    table = re.search(r'id="conflicts-table">(.*?)</table>', page, re.S).group(1)
    assert table.count("<tr>") - 1 == min(report["count"], 200)  # the header row, then one row a satellite


def test_the_overview_draws_each_targeted_authorisation_beside_its_own_satellites(client, starlink):
    """Starlink holds several authorisations: Gen1's targets are drawn beside Gen1's own satellites (the series
    its milestones read), not only beside all of Starlink, so an "at risk" Gen1 milestone has its evidence on
    the chart (issue 15: no headline that its own chart contradicts)."""
    from compliance.evaluation import refresh_milestones
    from tests.web.test_pages import figures_in

    refresh_milestones(dt.date(2026, 8, 22))
    page = client.get(reverse("home") + "?as_of=2026-08-22").content.decode()
    traces = {t["name"]: t for t in figures_in(page)["race-constellation"]["data"]}
    gen1 = Filing.objects.get(key="starlink-gen1")
    own = traces[f"{gen1.name}: its own satellites"]
    api_answer = api(client, starlink, "2026-08-22")
    held = {f["filing"]: f["satellites"] for f in api_answer["filings"]}["starlink-gen1"]
    assert own["customdata"][-1] == held  # the attribution's count for Gen1, not Starlink's total
    assert own["customdata"][-1] < api_answer["in_orbit"]
    starlink_total = traces["Starlink"]["customdata"][-1]
    assert starlink_total == api_answer["in_orbit"]
