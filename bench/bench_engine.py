"""Engine benchmark: score > 1.3 M satellites over a year, one shell, and skyfield for comparison.

Run from the repository root: ``.venv/bin/python -m bench.bench_engine``. The filings come from the
curated dataset ``filings/data/filings.yaml`` (``dataset_filings()``), turned into engine shells by
``compliance.scoring_core`` -- the same assumptions ``manage.py score`` makes -- and scored with a
placeholder deployment feasibility (the bench measures the engine, not the rules core). ``--builtin``
benches the hand-written list ``default_shells()`` instead (also used when the dataset is missing).
"""

import resource
import sys
import time
from pathlib import Path
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from constellations.engine import (
    ShellClaim, capacity_report, compute_yield, make_shell, make_window, score_filing, shell_metrics,
)

YEAR = (datetime(2025, 1, 1), datetime(2026, 1, 1))
STEP_MINUTES = 60.0
# Placeholder until the rules core supplies it: the bench measures the engine, not the rules.
FEASIBILITY_PLACEHOLDER = 0.5


@dataclass(frozen=True)
class BenchShell:
    filing_id: str
    administration: str
    altitude_km: float
    inclination_deg: float | None
    planes: int
    per_plane: int
    satellites: int
    profile: str = "broadband"
    sun_synchronous: bool = False
    ltan_hours: float | None = None
    ltan_spread_hours: float = 24.0
    thickness_km: float = 0.0
    note: str = ""


def _walker(filing, admin, rows, note=""):
    return [BenchShell(filing, admin, h, i, p, s, p * s, note=note) for h, i, p, s in rows]


def _spacex_odc():
    """1,000,000 satellites, 500-2,000 km, 30 deg and SSO (FCC SAT-LOA-20260108-00016, engine.md B.7).

    Assumption: eight 50-km shells of 125,000 (250 planes x 500); SSO shells dawn-dusk, LTAN 05:30-06:30.
    """
    note = "shell split assumed"
    shells = [BenchShell("spacex-odc", "USA", h, 30.0, 250, 500, 125_000, "orbital_data_centre",
                         thickness_km=50, note=note) for h in (525, 900, 1300, 1800)]
    shells += [BenchShell("spacex-odc", "USA", h, None, 250, 500, 125_000, "orbital_data_centre", True, 5.5, 1.0,
                          50, note) for h in (600, 1000, 1400, 1900)]
    return shells


def _blue_origin_sunrise():
    """51,600 SSO satellites, 500-1,800 km (FCC SAT-LOA-20260319-00032); split and LTANs assumed."""
    return [BenchShell("blue-origin-sunrise", "USA", h, None, 43, 300, 12_900, "orbital_data_centre", True, 6.0,
                       4.0, 0, "shell split assumed") for h in (550, 900, 1300, 1750)]


def default_shells() -> list[BenchShell]:
    """Filings of filings.md / filings.csv, plus labelled assumptions where geometry is unknown."""
    shells = _spacex_odc() + _blue_origin_sunrise()
    for ctc in ("ctc-1", "ctc-2"):
        # 96,714 in 3,660 planes each; altitude and inclination not published: 550 km / 53 deg assumed.
        shells.append(BenchShell(ctc, "CHN", 550, 53.0, 3660, 26, 96_714, note="altitude/inclination assumed"))
    shells += _walker("starlink-gen1", "USA", [(550, 53, 72, 22), (540, 53.2, 72, 22), (570, 70, 36, 20),
                                                (560, 97.6, 6, 58), (560, 97.6, 4, 43)])
    shells += _walker("starlink-gen2-2021", "USA", [(345, 53, 120, 54), (350, 46, 120, 54), (355, 38, 120, 54),
                                                     (525, 53, 28, 120), (530, 43, 28, 120), (535, 33, 28, 120),
                                                     (609, 148, 12, 39)], "planes and 340-360 km inclinations assumed")
    shells += _walker("kuiper-gen1", "USA", [(590, 33, 28, 28), (610, 42, 36, 36), (630, 51.9, 34, 34)])
    shells += _walker("oneweb-phase2", "GBR", [(1200, 87.9, 36, 49), (1200, 40, 32, 72), (1200, 55, 32, 72)])
    shells += _walker("guowang", "CHN", [(590, 85, 8, 60), (600, 50, 40, 50), (508, 55, 60, 60), (1145, 30, 27, 64),
                                         (1145, 40, 27, 64), (1145, 50, 27, 64), (1145, 60, 27, 64)])
    shells += _walker("qianfan-phase1", "CHN", [(1160, 89, 18, 72)], "18 x 72 assumed")
    return shells


DATASET = Path(__file__).resolve().parent.parent / "filings" / "data" / "filings.yaml"


def _ltan(value):
    if isinstance(value, int):  # YAML 1.1 reads an unquoted 06:00 as base-60 minutes (as filings.reference does)
        return (value // 60 % 24) + value % 60 / 60
    from compliance.scoring_core import ShellRecord

    return ShellRecord.ltan_to_hours(value)


def dataset_filings(path: Path = DATASET):
    """FilingRecords straight from the YAML (no database), as compliance.scoring builds them from rows."""
    import yaml

    from compliance.scoring_core import FilingRecord, ShellRecord

    records = []
    for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        shells = []
        for ordinal, sh in enumerate(item.get("shells") or [], start=1):
            planes, per_plane, count = sh.get("planes"), sh.get("satellites_per_plane"), sh.get("satellite_count")
            shells.append(ShellRecord(
                ordinal=ordinal, altitude_km=sh.get("altitude_km"), altitude_max_km=sh.get("altitude_max_km"),
                inclination_deg=sh.get("inclination_deg"), inclination_max_deg=sh.get("inclination_max_deg"),
                sun_synchronous=bool(sh.get("sun_synchronous")), ltan_hours=_ltan(sh.get("ltan")),
                planes=planes, per_plane=per_plane,
                satellites=count if count is not None else (planes * per_plane if planes and per_plane else None),
            ))
        records.append(FilingRecord(
            key=item["key"], administration=item.get("administration") or "", status=item.get("status", "filed"),
            satellites_filed=item.get("satellites_filed"), satellites_authorised=item.get("satellites_authorised"),
            planes_total=item.get("planes_total"), shells=tuple(shells),
        ))
    return records


def _profile_for(plan) -> str:
    return "orbital_data_centre" if "odc" in plan.key or "data" in plan.key else "broadband"


def score_dataset(records):
    """Plan every live filing, one Sun table, one capacity report, then sunlight, yield and score per filing."""
    from compliance import scoring_core as core
    from constellations.engine import sun_directions

    plans = [p for p in (core.plan_filing(r) for r in records) if p.scorable]
    sun = sun_directions(make_window(*YEAR, STEP_MINUTES))
    report = core.capacity_for(plans)
    feasibility = core.Feasibility(FEASIBILITY_PLACEHOLDER, "bench placeholder")
    scores = {}
    for plan in plans:
        fig = core.score_plan(plan, sun, report, feasibility)
        y = compute_yield(plan.satellites, min(1.0, fig.sunlit_mean), _profile_for(plan))
        scores[plan.key] = (plan.satellites, fig.sunlit_mean, y, fig)
    return scores, report, plans


# The filings benched: the curated dataset (default) or the built-in list (--builtin / no dataset).
SHELL_SOURCE = dataset_filings if DATASET.exists() else default_shells


def _metrics(shell: BenchShell):
    return shell_metrics(
        shell.altitude_km, shell.inclination_deg, shell.planes, shell.per_plane, *YEAR,
        step_minutes=STEP_MINUTES, sun_synchronous=shell.sun_synchronous, ltan_hours=shell.ltan_hours,
        ltan_spread_hours=shell.ltan_spread_hours,
    )


def _claim(shell: BenchShell, inclination: float) -> ShellClaim:
    half = shell.thickness_km / 2
    return ShellClaim(shell.filing_id, shell.administration, shell.altitude_km - half, shell.altitude_km + half,
                      inclination, shell.sun_synchronous, shell.satellites)


def score_all(shells):
    """Sunlight per shell, capacity over all claims, yield and score per filing."""
    per_filing = defaultdict(list)
    for shell in shells:
        per_filing[shell.filing_id].append((shell, _metrics(shell)))
    claims = [_claim(s, m.inclination_deg) for pairs in per_filing.values() for s, m in pairs]
    report = capacity_report(claims)
    scores = {}
    for filing, pairs in per_filing.items():
        sats = sum(s.satellites for s, _ in pairs)
        sunlit = sum(s.satellites * m.sunlit.mean for s, m in pairs) / sats
        yield_ = compute_yield(sats, sunlit, pairs[0][0].profile)
        scores[filing] = (sats, sunlit, yield_, score_filing(filing, FEASIBILITY_PLACEHOLDER,
                                                             report.filing_fit(filing), sunlit))
    return scores, report


def skyfield_loop(shell_kwargs, sample_planes: int):
    """skyfield's own is_sunlit over one satellite in each of ``sample_planes`` planes, same step."""
    from tests.constellations.engine.skyfield_reference import sampled_satellites, skyfield_sunlit_mean

    window = make_window(*YEAR, STEP_MINUTES)
    shell = make_shell(**shell_kwargs)
    sats = sampled_satellites(shell, window, shell.planes // sample_planes, 1)
    started = time.perf_counter()
    mean = skyfield_sunlit_mean(sats, window)
    return mean, time.perf_counter() - started, len(sats)


def main() -> None:
    from constellations.engine.sun import sun_directions

    source = default_shells if "--builtin" in sys.argv[1:] else SHELL_SOURCE
    sun_directions.cache_clear()  # the timed run pays for the Sun table
    if source is default_shells:
        shells = source()
        started = time.perf_counter()
        scores, report = score_all(shells)
        total = time.perf_counter() - started
        sats = sum(s.satellites for s in shells)
        planes = sum(s.planes for s in shells)
        print(f"Built-in list: scored {len(scores)} filings, {len(shells)} shells, {sats:,} satellites, "
              f"{planes:,} planes, 1 year at {STEP_MINUTES:g}-min steps: {total:.2f} s (target < 5 s)")
    else:
        records = source()
        started = time.perf_counter()
        scores, report, plans = score_dataset(records)
        total = time.perf_counter() - started
        sats = sum(p.satellites for p in plans)
        engine_shells = [s for p in plans for shell in p.shells for s in shell.slices]
        planes = sum(s.shell.planes for s in engine_shells)
        print(f"Dataset {DATASET.relative_to(DATASET.parent.parent.parent)}: {len(records)} filings, "
              f"{len(scores)} scored, {len(engine_shells)} engine shells, {sats:,} satellites, {planes:,} planes, "
              f"1 year at {STEP_MINUTES:g}-min steps: {total:.2f} s incl. Sun table (target < 5 s)")
        for key in ("spacex-odc", "ctc-1", "ctc-2"):
            plan = next((p for p in plans if p.key == key), None)
            if plan:
                print(f"  {key}: {plan.satellites:,} satellites in {sum(s.planes for s in plan.shells):,} planes")
        skipped = [r.key for r in records if r.key not in scores]
        print(f"  not scored: {', '.join(skipped) or 'none'}")
    print(f"  capacity: {len(report.bands)} bands, {len(report.contentions)} contending pairs")
    for filing, (n, sunlit, y, score) in sorted(scores.items(), key=lambda kv: -kv[1][0]):
        print(f"  {filing:22s} {n:>9,} sats  sunlit {sunlit:.4f}  {y.sustained_pflops:>12,.0f} PFLOP/s  "
              f"{y.energy_mwh_per_year:>14,.0f} MWh/yr  score {score.total:.3f}")

    starlink = dict(altitude_km=550, inclination_deg=53, planes=72, per_plane=22)
    sun_directions.cache_clear()  # cold: the Sun table again
    started = time.perf_counter()
    analytic = shell_metrics(start=YEAR[0], end=YEAR[1], step_minutes=STEP_MINUTES, **starlink)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    shell_metrics(start=YEAR[0], end=YEAR[1], step_minutes=STEP_MINUTES, **starlink)
    warm = time.perf_counter() - started
    print(f"One 72 x 22 shell, 1 year at {STEP_MINUTES:g} min: {cold * 1e3:.1f} ms incl. Sun table, "
          f"{warm * 1e3:.1f} ms with the cached table")

    ref_mean, ref_time, n_sampled = skyfield_loop(starlink, 12)
    scaled = ref_time * 1584 / n_sampled
    print(f"skyfield is_sunlit loop: {n_sampled} satellites in {ref_time:.2f} s -> {scaled:.1f} s for 1,584; "
          f"ratio {scaled / cold:,.0f}x (cold) / {scaled / warm:,.0f}x (warm)")
    print(f"  sunlit mean: analytic {analytic.sunlit.mean:.4f}, skyfield {ref_mean:.4f}, "
          f"difference {(analytic.sunlit.mean - ref_mean) * 100:+.3f} pp")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB
    print(f"Peak memory (ru_maxrss): {peak_mib:,.0f} MiB (target < 1,024 MiB)")


if __name__ == "__main__":
    main()
