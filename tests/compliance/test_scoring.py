"""The filing score's Django shell: engine inputs from the registry, FilingScore rows, command and tasks."""

import ast
import dataclasses
import datetime as dt
import io
import pathlib
from types import SimpleNamespace
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from compliance import scoring_core as core
from compliance.models import FilingScore
from compliance.scoring import ScoringRun, refresh_scores
from filings.models import Filing, Waiver
from tests.factories import (
    AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory, FilingShellFactory,
)

pytestmark = pytest.mark.django_db
START, END, AS_OF = dt.date(2026, 1, 1), dt.date(2027, 1, 1), dt.date(2026, 11, 25)
WEIGHTS = {"deployment_feasibility": 0.40, "orbital_contention": 0.35, "compute_yield": 0.25}


@pytest.fixture
def registry():
    usa = AdministrationFactory(iso_code="USA")
    china = AdministrationFactory(iso_code="CHN")
    kuiper_c = ConstellationFactory(key="kuiper", name="Kuiper", administration=usa)
    kuiper = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        constellation=kuiper_c, date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30),
        satellites_filed=3236, satellites_authorised=3236, status="granted",
    )
    for ordinal, (h, i, p, s) in enumerate([(590, 33, 28, 28), (610, 42, 36, 36), (630, 51.9, 34, 34)], 1):
        FilingShellFactory(filing=kuiper, ordinal=ordinal, altitude_km=h, inclination_deg=i, planes=p,
                           satellites_per_plane=s, satellite_count=p * s)
    DeploymentReportFactory(constellation=kuiper_c, as_of=dt.date(2026, 6, 8), launched=331)
    DeploymentReportFactory(constellation=kuiper_c, as_of=dt.date(2026, 10, 8), launched=450)
    ctc = FilingFactory(key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr", administration=china,
                        date_of_receipt=dt.date(2025, 12, 29), satellites_filed=96714, planes_total=3660)
    odc = FilingFactory(key="spacex-odc", name="SpaceX ODC", regulator="fcc", kind="fcc_application",
                        administration=usa, satellites_filed=1_000_000)
    FilingShellFactory(filing=odc, ordinal=1, altitude_km=500, altitude_max_km=2000, inclination_deg=30)
    FilingShellFactory(filing=odc, ordinal=2, altitude_km=500, altitude_max_km=2000, sun_synchronous=True,
                       ltan=dt.time(6, 0))
    nothing = FilingFactory(key="no-count", name="No count", regulator="itu", kind="itu_api",
                            administration=china)
    old = FilingFactory(key="old", name="Superseded", regulator="fcc", kind="fcc_application",
                        administration=usa, satellites_filed=4425, status="superseded")
    return SimpleNamespace(kuiper=kuiper, ctc=ctc, odc=odc, nothing=nothing, old=old)


def refresh(**kwargs):
    return refresh_scores(start=START, end=END, as_of=AS_OF, **kwargs)


def test_scores_have_components_in_unit_interval_and_a_weighted_total(registry):
    refresh()
    for key in ("kuiper-gen1", "ctc-1", "spacex-odc"):
        score = FilingScore.objects.get(filing__key=key)
        assert score.is_scored and score.unscored_reason == ""
        names = [c["name"] for c in score.components]
        assert names == list(WEIGHTS)
        for comp in score.components:
            assert 0.0 <= comp["value"] <= 1.0
            assert comp["weight"] == pytest.approx(WEIGHTS[comp["name"]])
            assert comp["weighted"] == pytest.approx(comp["value"] * comp["weight"])
            assert comp["explanation"]
        assert score.total == pytest.approx(sum(c["value"] * WEIGHTS[c["name"]] for c in score.components))
        assert (score.deployment_feasibility, score.contention, score.compute_yield) == tuple(
            c["value"] for c in score.components)
        assert 0.5 < score.sunlit_mean < 1.0 and score.compute_yield == pytest.approx(score.sunlit_mean)
        assert score.pflops_broadband > 0 and score.mwh_per_year_orbital_data_centre > 0
        assert score.oversubscription_max > 0 and score.bands
        assert score.computed_at.tzinfo is not None
        assert score.window_start == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
        assert score.as_of == AS_OF


def test_unknown_altitude_filing_lists_its_assumptions(registry):
    refresh()
    score = FilingScore.objects.get(filing=registry.ctc)
    assert "altitude unknown: assumed 550 km" in score.assumptions
    assert any("no shells filed" in a for a in score.assumptions)
    assert any("inclination unknown" in a for a in score.assumptions)
    assert score.satellites == 96714
    assert score.sunlit_by_shell[0]["planes"] == 3660  # the filing's planes_total, not a guess
    assert score.sunlit_by_shell[0]["assumed"] is True


def test_ranges_and_sso_shells_are_documented(registry):
    refresh()
    score = FilingScore.objects.get(filing=registry.odc)
    assert score.satellites == 1_000_000
    assert any("500-2000 km" in a and "slices" in a for a in score.assumptions)
    sso = score.sunlit_by_shell[1]
    assert sso["sun_synchronous"] and sso["ltan_hours"] == 6.0 and sso["sunlit_mean"] > 0.9
    assert any("filed LTAN" in a for a in score.assumptions)


def test_filings_without_a_count_or_closed_are_not_scored_with_the_reason(registry):
    outcomes = {o.filing_key: o for o in refresh()}
    assert not outcomes["no-count"].scored and "no satellite count" in outcomes["no-count"].reason
    assert not outcomes["old"].scored and "superseded" in outcomes["old"].reason
    row = FilingScore.objects.get(filing=registry.nothing)
    assert row.total is None and row.contention is None and "no satellite count" in row.unscored_reason
    assert set(FilingScore.objects.scored().values_list("filing__key", flat=True)) == {
        "kuiper-gen1", "ctc-1", "spacex-odc"}


def test_closed_filings_claim_nothing(registry):
    run = ScoringRun(START, END, AS_OF)
    claimed = {claim.filing_id for plan in run.plans.values() for claim in plan.claims}
    assert claimed == {"kuiper-gen1", "ctc-1", "spacex-odc"}


def test_feasibility_comes_from_the_milestone_rules(registry):
    # As on record: the FCC waived the 50 % milestone on 5 Jun 2026 and kept 30 Jul 2029 for the rest. Without
    # the waiver, the 30 Jul 2026 miss would end 25.164(b)(2) (it binds a licensee that met (b)(1)) and cut the
    # authorisation to the stations in orbit (25.161(a)(2)), leaving no open count milestone to compare rates on.
    Waiver.objects.create(filing=registry.kuiper, milestone="fcc_m50", kind="waiver", granted_on=dt.date(2026, 6, 5))
    refresh()
    kuiper = FilingScore.objects.get(filing=registry.kuiper)
    explanation = kuiper.components[0]["explanation"]
    assert "fcc_m100" in explanation  # the next open count milestone, compared on rates
    assert "projected vs" in explanation and "needed" in explanation


def test_feasibility_after_a_missed_first_fcc_milestone(registry):
    refresh()
    explanation = FilingScore.objects.get(filing=registry.kuiper).components[0]["explanation"]
    assert "fcc_m50 missed" in explanation and "fcc_m100" not in explanation


def test_refresh_is_idempotent(registry):
    refresh()
    first = {s.filing_id: (s.total, s.assumptions, s.components) for s in FilingScore.objects.all()}
    refresh()
    assert FilingScore.objects.count() == 5
    second = {s.filing_id: (s.total, s.assumptions, s.components) for s in FilingScore.objects.all()}
    assert first == second


def test_a_write_that_fails_half_way_leaves_the_previous_score(registry):
    refresh(filings=[registry.kuiper])
    before = FilingScore.objects.get(filing=registry.kuiper)
    real_save = FilingScore.save

    def save_then_die(self, *args, **kwargs):
        real_save(self, *args, **kwargs)  # the row is written ...
        raise RuntimeError("worker killed")  # ... and the process dies before the transaction ends

    with mock.patch.object(FilingScore, "save", save_then_die), pytest.raises(RuntimeError):
        refresh_scores(filings=[registry.kuiper], start=dt.date(2027, 1, 1), end=dt.date(2028, 1, 1), as_of=AS_OF)
    after = FilingScore.objects.get(filing=registry.kuiper)
    assert (after.total, after.window_start, after.computed_at) == (before.total, before.window_start,
                                                                    before.computed_at)


def test_a_failure_while_computing_writes_nothing(registry):
    refresh(filings=[registry.kuiper])
    before = FilingScore.objects.get(filing=registry.kuiper)
    with mock.patch.object(core, "score_plan", side_effect=RuntimeError("boom")), pytest.raises(RuntimeError):
        refresh_scores(filings=[registry.kuiper], start=START, end=END, as_of=dt.date(2026, 12, 1))
    assert FilingScore.objects.get(filing=registry.kuiper).as_of == before.as_of


# -- the pure half ---------------------------------------------------------------------------------------------


def _result(code, status, due=None, required=None, needed=None, rate=None, source="reported"):
    return SimpleNamespace(code=code, status=status, due_date=due, required=required, deployed=0,
                           rate_needed_per_month=needed, projection_rate_per_month=rate, deployment_source=source)


def test_feasibility_formula():
    results = [
        _result("fcc_bond", "met"),
        _result("itu_biu", "missed"),
        _result("fcc_m100", "upcoming", dt.date(2030, 1, 1), 100, needed=10.0, rate=8.0),
        _result("fcc_m50", "due_soon", dt.date(2027, 1, 1), 50, needed=20.0, rate=5.0),  # the next one
        _result("fcc_report_m50", "upcoming", dt.date(2026, 12, 1)),  # no count: not compared
        _result("res35_m1", "not_applicable"),
    ]
    feasibility = core.deployment_feasibility(results)
    assert feasibility.value == pytest.approx((1 + 0 + 5 / 20) / 3)
    assert "fcc_m50" in feasibility.explanation and not feasibility.assumptions


def test_feasibility_without_data_is_neutral_and_says_so():
    assert core.deployment_feasibility([_result("x", "not_computable")]).value == 0.5
    no_data = core.deployment_feasibility([_result("fcc_m50", "upcoming", dt.date(2027, 1, 1), 50, 20.0, None, "")])
    assert no_data.value == 0.5 and "no deployment data" in no_data.assumptions[0]
    stalled = core.deployment_feasibility([_result("fcc_m50", "upcoming", dt.date(2027, 1, 1), 50, 20.0, 0.0)])
    assert stalled.value == 0.0


def test_plan_partial_grant_and_unknown_planes():
    record = core.FilingRecord(
        key="gen2", administration="USA", status="granted", satellites_filed=30000, satellites_authorised=7500,
        shells=(core.ShellRecord(1, 530, inclination_deg=43, satellites=20000),
                core.ShellRecord(2, 350, 360, satellites=10000)),
    )
    plan = core.plan_filing(record)
    assert plan.scorable and plan.satellites == 7500
    assert any("partial grant" in a for a in plan.assumptions)
    assert any("planes unknown" in a for a in plan.assumptions)
    assert plan.claims[1].altitude_min_km == 350 and plan.claims[1].altitude_max_km == 360
    assert plan.claims[1].inclination_deg is None  # unknown stays unknown for contention


def test_plan_refuses_what_the_engine_refuses():
    record = core.FilingRecord(key="low", administration="USA", shells=(core.ShellRecord(1, 100, satellites=10,
                                                                                          inclination_deg=53),))
    plan = core.plan_filing(record)
    assert not plan.scorable and "altitude_km" in plan.reason


def _stats(mean):
    return SimpleNamespace(mean=mean, minimum=mean - 0.1, maximum=mean + 0.1, eclipse_days=365, beta_star_deg=70.0)


TWO_SHELLS = core.FilingRecord(key="two", administration="USA", shells=(
    core.ShellRecord(1, 550, inclination_deg=53, planes=72, per_plane=22, satellites=1584),
    core.ShellRecord(2, 1100, 1300, inclination_deg=87.9, satellites=600)))


def test_sunlight_weights_each_planned_shell_by_its_satellites():
    plan = core.plan_filing(TWO_SHELLS)
    mean, rows = core.sunlight(plan, lambda shell: _stats(0.6 if shell.altitude_km < 1000 else 0.9))
    assert mean == pytest.approx((1584 * 0.6 + 600 * 0.9) / 2184)
    assert [(r["ordinal"], r["satellites"], r["slices"]) for r in rows] == [(1, 1584, 1), (2, 600, 2)]
    assert rows[1]["sunlit_min"] == pytest.approx(0.8) and rows[1]["eclipse_days"] == 365


def _replan(**changes):
    shells = (dataclasses.replace(TWO_SHELLS.shells[0], **changes),) + TWO_SHELLS.shells[1:]
    return core.plan_filing(core.FilingRecord(key="two", administration="USA", shells=shells))


@pytest.mark.parametrize("plan, built", [
    (core.plan_filing(TWO_SHELLS), True),
    (_replan(planes=36, per_plane=44), False),  # same satellites, other planes
    (_replan(altitude_km=560), False),
    (_replan(satellites=1500, planes=None, per_plane=None), False),
    (core.plan_filing(core.FilingRecord(key="two", administration="USA", shells=TWO_SHELLS.shells[:1])), False),
    (core.plan_filing(core.FilingRecord(key="two", administration="USA")), False),  # no plan at all
])
def test_stored_figures_are_the_plans_only_when_every_shell_decision_matches(plan, built):
    _, stored = core.sunlight(core.plan_filing(TWO_SHELLS), lambda shell: _stats(0.7))
    assert core.built_on(plan, stored) is built


def test_scoring_core_is_pure():
    """The scoring core imports no Django: only the rules' vocabulary and the engine."""
    tree = ast.parse(pathlib.Path(core.__file__).read_text())
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    project = {m for m in imported if m.split(".")[0] in ("compliance", "constellations", "django", "filings")}
    assert project == {"compliance.rules.codes", "constellations"}
    assert "from constellations import engine" in pathlib.Path(core.__file__).read_text()


# -- the command -------------------------------------------------------------------------------------------------


def test_score_command_shows_progress_and_stores(registry):
    out = io.StringIO()
    call_command("score", "--start", "2026-01-01", "--end", "2027-01-01", "--as-of", "2026-11-25", stdout=out)
    text = out.getvalue()
    assert "[1/5]" in text and "[5/5]" in text
    assert "no-count: not scored (no satellite count" in text
    assert "Scored 3 of 5 filings" in text
    assert FilingScore.objects.count() == 5


def test_score_command_one_filing(registry):
    out = io.StringIO()
    call_command("score", "--filing", "ctc-1", "--start", "2026-01-01", "--end", "2027-01-01", stdout=out)
    assert list(FilingScore.objects.values_list("filing__key", flat=True)) == ["ctc-1"]


@pytest.mark.parametrize("args, message", [
    (["--filing", "nope"], "No filing with key nope"),
    (["--start", "2026-13-01", "--end", "2027-01-01"], "--start '2026-13-01' is not a date"),
    (["--start", "2026-01-01"], "--start and --end go together"),
    (["--start", "2027-01-01", "--end", "2026-01-01"], "--end: window ends"),
    (["--start", "2020-01-01", "--end", "2031-01-02"], "--end: window longer than 10 years"),
])
def test_score_command_errors(registry, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("score", *args, stdout=io.StringIO())
    assert not FilingScore.objects.exists()


# -- Celery --------------------------------------------------------------------------------------------------


@pytest.fixture
def eager():
    from slotwatch.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


def test_score_all_fans_out_one_task_per_filing(registry, eager):
    from compliance.tasks import score_all, score_filing_task

    with mock.patch.object(score_filing_task, "delay", wraps=score_filing_task.delay) as delay:
        result = score_all("2026-01-01", "2027-01-01", "2026-11-25")
    assert result["queued"] == 5 and delay.call_count == 5
    assert {c.args[0] for c in delay.call_args_list} == set(Filing.objects.values_list("pk", flat=True))
    assert all(c.args[1:4] == ("2026-01-01", "2027-01-01", "2026-11-25") for c in delay.call_args_list)
    assert FilingScore.objects.count() == 5 and FilingScore.objects.scored().count() == 3


def test_score_filing_task_body(registry):
    from compliance.tasks import score_filing_task

    result = score_filing_task(registry.ctc.pk, "2026-01-01", "2027-01-01", "2026-11-25")
    assert result["scored"] and result["filing"] == "ctc-1"
    assert score_filing_task(999_999)["reason"] == "filing no longer exists"


def test_score_command_async_queues_through_celery(registry, eager):
    out = io.StringIO()
    call_command("score", "--async", "--start", "2026-01-01", "--end", "2027-01-01", stdout=out)
    assert "Queued 5 scoring tasks" in out.getvalue()
    assert FilingScore.objects.count() == 5


def test_daily_beat_schedule_includes_scoring():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "compliance.tasks.score_all" in tasks
