"""One planner: the pages show the sunlight of the plan the filing's score is built on."""

import pytest
from django.urls import reverse

from compliance.models import FilingScore
from compliance.scoring import refresh_scores
from dashboard import analysis
from dashboard.templatetags.dashboard import pct
from tests.web.dataset import TODAY

pytestmark = pytest.mark.django_db


def score(*filings) -> dict:
    refresh_scores(filings=list(filings), as_of=TODAY)  # the default window: TODAY's calendar year
    return {s.filing.key: s for s in FilingScore.objects.select_related("filing")}


def detail(client, filing):
    return client.get(filing.get_absolute_url())


@pytest.mark.parametrize("key", ["kuiper", "qianfan", "ctc"])  # filed shells; planes assumed; an assumed shell
def test_the_filing_page_shows_its_scores_sunlit_fraction(client, registry, key):
    filing = registry[key]
    stored = score(filing)[filing.key]
    response = detail(client, filing)
    context = response.context
    assert context["sunlight"].from_score and context["year"] == str(TODAY.year)  # the score's window
    assert context["filing_sunlit"] == stored.sunlit_mean
    assert f'<strong id="filing-sunlit">{pct(stored.sunlit_mean)}</strong>' in response.content.decode()
    shown = {s.label: s.mean for _, s in context["shell_rows"]}
    filed = {row["ordinal"]: row["sunlit_mean"] for row in stored.sunlit_by_shell if not row["assumed"]}
    assert sorted(shown.values()) == sorted(filed.values())


def test_before_a_score_the_page_computes_the_same_plan(client, registry):
    """Without a score the page plans and computes itself, at coarser steps: the same figure within 1e-3."""
    qianfan = registry["qianfan"]
    computed = detail(client, qianfan).context
    assert not computed["sunlight"].from_score
    stored = score(qianfan)["qianfan-itu"]
    assert computed["filing_sunlit"] == pytest.approx(stored.sunlit_mean, abs=1e-3)
    assert set(computed["sunlight"].plan.assumptions) <= set(stored.assumptions)


def test_a_score_older_than_the_shells_is_not_shown_as_theirs(client, registry):
    kuiper = registry["kuiper"]
    stored = score(kuiper)["kuiper-gen1"]
    shell = kuiper.shells.get(ordinal=1)
    shell.altitude_km = 1150
    shell.save()
    context = detail(client, kuiper).context
    assert not context["sunlight"].from_score
    assert context["filing_sunlit"] != pytest.approx(stored.sunlit_mean, abs=1e-3)


def test_the_compute_race_shows_each_scores_satellites_and_sunlight(client, registry):
    scores = score(registry["kuiper"], registry["starlink"], registry["qianfan"])
    context = client.get(reverse("dashboard:compute")).context
    rows = {r.key: r for r in [*context["rows"], *context["paper"]]}  # deployed, then on paper
    for key, stored in scores.items():
        assert rows[key].extra["from_score"] and rows[key].profile == "broadband"
        assert (rows[key].satellites, rows[key].sunlit) == (stored.satellites, stored.sunlit_mean)
        assert rows[key].potential_pflops == pytest.approx(stored.pflops_broadband, rel=1e-12)


def test_the_shells_map_sizes_bubbles_and_bands_as_the_scores_claim(client, registry):
    scores = score(*(registry[k] for k in ("kuiper", "starlink", "qianfan", "ctc")))
    context = client.get(reverse("dashboard:shells")).context
    planned = {(row["ordinal"], key): row["satellites"] for key, s in scores.items() for row in s.sunlit_by_shell}
    for point in context["points"]:
        shell = point["shell"]
        assert point["satellites"] == planned[(shell.ordinal, shell.filing.key)]
    # CTC-1 files no shell: the score's assumed 550 km shell claims its band all the same.
    band = next(b for b in context["bands"] if b["low"] <= 550 < b["high"])
    assert "ctc-1" in {f.key for f in band["filings"]}
    assert any(b["altitude_min_km"] <= 550 < b["altitude_max_km"] for b in scores["ctc-1"].bands)


def test_year_window_statistics_are_cached_per_shell_geometry(registry):
    analysis._statistics.cache_clear()
    kuiper = registry["kuiper"]
    first = analysis.filing_sunlight(kuiper, 2026)
    misses = analysis._statistics.cache_info().misses
    assert analysis.filing_sunlight(kuiper, 2026) == first
    assert analysis._statistics.cache_info().misses == misses == 3
