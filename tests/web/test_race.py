"""The overview's race table and totals (issues 15, 17): the registry as of a date, each live system counted once,
and the rows equal to what the API answers for the same date."""
import datetime as dt

import pytest

from compliance.rules.codes import CLOSED_STATUSES
from dashboard import race as race_table
from filings.models import Filing
from filings.reference import load_reference
from tests.factories import FilingFactory

AS_OF = dt.date(2026, 6, 1)


@pytest.fixture
def reference(db):
    load_reference()


def test_registry_as_of_leaves_out_later_filings_and_reads_later_grants_pending(db, client):
    early = FilingFactory(key="early", name="Early", date_of_receipt=dt.date(2020, 1, 1), status="granted",
                          regulator="fcc", kind="fcc_authorisation", grant_date=dt.date(2025, 1, 1),
                          satellites_filed=100, satellites_authorised=100)
    FilingFactory(key="late", name="Zeta-late", date_of_receipt=dt.date(2025, 6, 1), satellites_filed=50)
    assert list(Filing.objects.as_of(dt.date(2024, 1, 1)).values_list("key", flat=True)) == ["early"]
    assert set(Filing.objects.as_of(dt.date(2025, 6, 1)).values_list("key", flat=True)) == {"early", "late"}
    assert early.status_on(dt.date(2024, 1, 1)) == "under_review" and early.status_on(dt.date(2025, 1, 1)) == "granted"

    listed = client.get("/api/v1/filings/", {"as_of": "2024-01-01"}).json()
    assert [f["key"] for f in listed["results"]] == ["early"]
    late = Filing.objects.get(key="late")
    assert client.get(f"/api/v1/filings/{late.pk}/milestones/", {"as_of": "2024-01-01"}).json()["results"] == []
    page = client.get("/", {"as_of": "2024-01-01"})
    assert "Zeta-late" not in page.content.decode() and "Early" in page.content.decode()
    totals = page.context["totals"]
    assert (totals.live_systems, totals.filed, totals.authorised) == (1, 100, 0)  # the grant came in 2025


def _independent_count(as_of):
    """Union-find over parent links of the records live on the date, written apart from compliance.rules.totals:
    a system's filed is its largest application; authorised sums the grants no later grant modifies."""
    records = list(Filing.objects.as_of(as_of))
    keys = {f.key for f in records}
    children = {f.parent.key for f in records if f.parent_id and f.parent.key in keys}
    live = [f for f in records if f.status not in CLOSED_STATUSES
            or (f.status == "superseded" and f.key not in children)]
    parent = {f.key: f.key for f in live}

    def find(k):
        while parent[k] != k:
            k = parent[k]
        return k

    for f in live:
        if f.parent_id and f.parent.key in parent:
            parent[find(f.key)] = find(f.parent.key)
    groups = {}
    for f in live:
        groups.setdefault(find(f.key), []).append(f)
    filed = sum(max(f.satellites_filed or 0 for f in g) for g in groups.values())
    granted = {f.key: f for f in live if f.satellites_authorised and not (f.grant_date and f.grant_date > as_of)}
    replaced = set()
    for f in granted.values():
        up = f.parent
        while up is not None and up.key in parent:
            if up.key in granted:
                replaced.add(up.key)
                break
            up = up.parent
    authorised = sum(f.satellites_authorised for k, f in granted.items() if k not in replaced)
    return len(groups), filed, authorised, sum(f.satellites_filed or 0 for f in records)


@pytest.mark.parametrize("as_of", [dt.date(2020, 6, 1), dt.date(2024, 6, 1), dt.date(2026, 11, 25)])
def test_totals_count_each_live_system_once_on_the_bundled_data(reference, as_of):
    filings = race_table._dress(list(race_table.registry_as_of(as_of)), as_of)
    totals = race_table.system_totals(filings)
    systems, filed, authorised, naive = _independent_count(as_of)
    assert (totals.live_systems, totals.filed, totals.authorised) == (systems, filed, authorised)
    assert totals.filed < naive  # the record-by-record sum counts Gen2 and superseded filings more than once


def test_starlink_gen2_counted_once_as_the_reference_says(reference):
    """filings.md: Gen2 applied for 29,988 (as amended 18 Aug 2021); granted 7,500 (FCC 22-91) and 7,500 more (9 Jan
    2026)."""
    filings = race_table._dress(list(race_table.registry_as_of(dt.date(2026, 11, 25))), dt.date(2026, 11, 25))
    gen2 = [s for s in race_table.system_totals(filings).systems if "starlink-gen2-grant-1" in s.records]
    assert [(s.filed, s.authorised) for s in gen2] == [(29988, 15000)]
    early = race_table._dress(list(race_table.registry_as_of(dt.date(2023, 1, 1))), dt.date(2023, 1, 1))
    gen2 = [s for s in race_table.system_totals(early).systems if "starlink-gen2-grant-1" in s.records]
    assert [s.authorised for s in gen2] == [7500]  # the second grant is not yet made


def test_race_rows_equal_the_api_for_the_same_date(reference, client):
    page = client.get("/", {"as_of": AS_OF.isoformat()})
    rows = page.context["standings"]["rows"]
    checked = 0
    for row in rows:
        m = row["milestone"]
        if m is None:
            continue
        answer = client.get(f"/api/v1/filings/{row['filing'].pk}/milestones/", {"as_of": AS_OF.isoformat()}).json()
        (api,) = [r for r in answer["results"] if r["code"] == m.code]
        assert (api["due_date"], api["required"], api["deployed"]) == (
            m.due_date.isoformat(), m.required, m.deployed)
        for field in ("risk", "chance_of_meeting", "rate_needed_per_month", "observed_cadence_per_month",
                      "consequence_if_missed", "projection"):
            assert api["risk"][field] == row["risk"][field], (row["filing"].key, field)
        checked += 1
    assert checked >= 5
    html = page.content.decode()
    assert "CINNAMON-937" in html and "counted once" in html
    cinnamon = next(r for r in rows if r["filing"].key == "cinnamon-937")
    assert cinnamon["milestone"].due_date == dt.date(2028, 9, 21) and cinnamon["risk"]["risk"] == "at_risk"
    for row in rows:  # every upcoming milestone says what a miss costs
        if row["milestone"] is not None:
            assert row["risk"]["consequence_if_missed"]


def test_filing_page_milestones_show_risk_consequence_and_capped_axes(db, client):
    """A trickle against a large requirement: the rules project a date centuries away; the page says "not on track
    at the current rate", its charts end a year after the last milestone, and every milestone says what a miss
    costs."""
    from tests.factories import DeploymentReportFactory
    from tests.web.test_pages import figures_in

    filing = FilingFactory(key="trickle", name="Trickle", regulator="fcc", kind="fcc_authorisation",
                           status="granted", date_of_receipt=dt.date(2019, 1, 1), grant_date=dt.date(2020, 1, 1),
                           satellites_filed=10000, satellites_authorised=10000)
    DeploymentReportFactory(filing=filing, as_of=dt.date(2024, 1, 1), in_orbit=10)
    DeploymentReportFactory(filing=filing, as_of=dt.date(2024, 6, 1), in_orbit=12)
    page = client.get(filing.get_absolute_url(), {"as_of": "2024-06-01"})
    rows = page.context["milestone_rows"]
    upcoming = [(r, risk) for r, _, risk in rows if r.status in ("upcoming", "due_soon") and r.required]
    assert upcoming
    for r, risk in upcoming:
        assert risk["consequence_if_missed"]
        assert risk["projection"] == "not on track at the current rate"
        assert risk["risk"] == "at_risk"
    html = page.content.decode()
    assert "not on track at the current rate" in html
    last_due = max(r.due_date for r, _, _ in rows if r.due_date)
    for name, figure in figures_in(html).items():
        axis_end = figure["layout"].get("xaxis", {}).get("range", [None, None])[1]
        if name in ("deployment-chart", "milestone-timeline"):
            assert axis_end and dt.date.fromisoformat(axis_end[:10]) <= last_due + dt.timedelta(days=366), name
        for trace in figure["data"]:
            for x in trace.get("x") or []:
                if isinstance(x, str) and x[:4].isdigit():
                    assert int(x[:4]) <= 2024 + 30, (name, trace.get("name"), x)


def test_race_of_a_past_date_is_served_from_the_cache(reference, client, settings):
    """The standings of another date hold results evaluated on the fly; they must survive the cache's pickling."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    first = client.get("/", {"as_of": "2024-06-01"})
    again = client.get("/", {"as_of": "2024-06-01"})
    assert first.status_code == again.status_code == 200
    keys = [r["filing"].key for r in again.context["standings"]["rows"]]
    assert keys == [r["filing"].key for r in first.context["standings"]["rows"]] and keys


def test_race_table_shows_the_largest_and_says_how_many_more(reference, client, monkeypatch):
    monkeypatch.setattr(race_table, "RACE_ROWS", 5)
    page = client.get("/", {"as_of": AS_OF.isoformat()})
    standings = page.context["standings"]
    live = Filing.objects.as_of(AS_OF).live().count()
    assert len(standings["rows"]) == 5 < standings["rows_total"] <= live
    largest = [max(r["filed"] or 0, r["authorised"] or 0) for r in standings["rows"]]
    assert largest == sorted(largest, reverse=True)
    assert f"The 5 largest of {standings['rows_total']:,} live filings are shown" in page.content.decode()
