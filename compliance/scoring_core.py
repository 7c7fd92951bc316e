"""The pure half of the filing score: registry facts -> engine inputs -> score figures. No Django here.

``compliance.scoring`` feeds it ORM rows and stores what it returns; ``bench/bench_engine.py`` feeds it
the YAML dataset, so the bench and the app score with the same assumptions. The arithmetic (sunlight,
capacity, compute yield, the weighted total) stays in ``constellations.engine``; this module only decides
what to hand the engine where the registry is silent, and says so in ``assumptions``.

Assumptions, each recorded on the filing it touches:

* **No shells, but a satellite count** (authorised, else filed): one shell of that many satellites at
  ``ASSUMED_ALTITUDE_KM`` / ``ASSUMED_INCLINATION_DEG``, with the filing's ``planes_total`` when known.
  **No count at all**: no score (reason given).
* **Altitude range** (``altitude_max_km``): the capacity claim covers the whole range (the engine spreads
  the satellites evenly over it). Sunlight: a range up to ``RANGE_SLICE_KM`` wide is taken at its midpoint;
  a wider one is cut into at most ``MAX_RANGE_SLICES`` equal slices, satellites and planes split evenly,
  each slice at its centre -- the same even spread the capacity model uses.
* **Inclination range**: the midpoint. **Inclination unknown** (not SSO): sunlight at
  ``ASSUMED_INCLINATION_DEG``; the capacity claim keeps it unknown, so it contends with every shell of its
  band at the reference inclination (the engine's own rule for unknown inclinations).
* **Sun-synchronous**: inclination derived from the altitude by J2 (a filed value > 1 deg off is noted
  and overridden). With a filed LTAN every plane sits at that LTAN; without one the planes are spread
  evenly over 24 h of local time.
* **Planes unknown**: ``ceil(count / per_plane)`` when the satellites per plane are known, else
  ``round(sqrt(count))`` planes (a Walker-like square shell). The year-mean sunlit fraction of a
  non-SSO shell hardly depends on the plane count (the nodes drift through every Sun angle); only the
  per-plane extremes do.
* **Shell without a count**: the filing's total minus the counted shells, split evenly over the
  uncounted ones; left out when nothing remains.
* **Partial grant**: when ``satellites_authorised`` is below the shells' sum, every shell is scaled
  down pro rata to the authorised number.

Deployment feasibility (``deployment_feasibility``) from the rules core's milestone results:
the mean over (a) every ``met`` milestone = 1, (b) every ``missed`` one = 0 and (c) the next open count
milestone (``due_soon``/``upcoming`` with a required number, earliest due date) =
min(1, projection_rate_per_month / rate_needed_per_month), 1 when nothing more is needed, and a neutral 0.5
(recorded as an assumption) when the filing has no deployment data or no recent rate -- the rules core
counts "no data" as 0 deployed, which would score a filing whose satellites we simply cannot attribute
(e.g. one of several Starlink filings) as hopeless. A measured rate of 0 does score 0. Waived,
not-applicable and not-computable results, and open deadlines without a count (bringing into use,
reports), do not count; with nothing left to count it is a neutral 0.5, recorded as an assumption.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import time as dtime
from typing import Callable, Iterable, Optional, Sequence

from compliance.rules.codes import CLOSED_STATUSES, MET, MISSED, OPEN_STATUSES
from constellations import engine

ASSUMED_ALTITUDE_KM = 550.0  # the most-filed LEO broadband altitude (Starlink Gen1's main shell)
ASSUMED_INCLINATION_DEG = 53.0  # likewise its inclination; the bench's CTC-1/CTC-2 assumption too
RANGE_SLICE_KM = 100.0
MAX_RANGE_SLICES = 10
NEUTRAL_FEASIBILITY = 0.5
PROFILE_NAMES = ("broadband", "orbital_data_centre")


# -- plain registry facts ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ShellRecord:
    ordinal: int
    altitude_km: Optional[float]
    altitude_max_km: Optional[float] = None
    inclination_deg: Optional[float] = None
    inclination_max_deg: Optional[float] = None
    sun_synchronous: bool = False
    ltan_hours: Optional[float] = None
    planes: Optional[int] = None
    per_plane: Optional[int] = None
    satellites: Optional[int] = None  # count, or planes x per plane

    @staticmethod
    def ltan_to_hours(value) -> Optional[float]:
        if value is None or value == "":
            return None
        if isinstance(value, dtime):
            return value.hour + value.minute / 60 + value.second / 3600
        if isinstance(value, (int, float)):
            return float(value)
        hours, _, minutes = str(value).partition(":")
        return int(hours) + int(minutes or 0) / 60


@dataclass(frozen=True)
class FilingRecord:
    key: str
    administration: str
    status: str = "filed"
    satellites_filed: Optional[int] = None
    satellites_authorised: Optional[int] = None
    planes_total: Optional[int] = None
    shells: tuple[ShellRecord, ...] = ()

    @property
    def is_live(self) -> bool:
        return self.status not in CLOSED_STATUSES


# -- engine inputs ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EngineShell:
    """One shell as the engine sees it (a filed shell, or one altitude slice of it)."""

    ordinal: int  # the filed shell's ordinal (0 for an assumed shell)
    shell: engine.Shell
    satellites: int


@dataclass(frozen=True)
class PlannedShell:
    ordinal: int
    label: str
    altitude_min_km: float
    altitude_max_km: float
    inclination_deg: Optional[float]  # as used for sunlight (SSO: J2-derived)
    sun_synchronous: bool
    ltan_hours: Optional[float]
    planes: int
    per_plane: int
    satellites: int
    assumed: bool
    slices: tuple[EngineShell, ...]


@dataclass(frozen=True)
class FilingPlan:
    key: str
    administration: str
    shells: tuple[PlannedShell, ...] = ()
    claims: tuple[engine.ShellClaim, ...] = ()
    assumptions: tuple[str, ...] = ()
    reason: str = ""  # non-empty: no score

    @property
    def satellites(self) -> int:
        return sum(s.satellites for s in self.shells)

    @property
    def scorable(self) -> bool:
        return not self.reason


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _fmt(x: float) -> str:
    return f"{x:g}"


def _shells(shells) -> str:
    if len(shells) == 1:
        return f"shell {shells[0].ordinal} has"
    return f"shells {', '.join(str(s.ordinal) for s in shells)} have"


def _resolve_counts(filing: FilingRecord, notes: list[str]) -> list[tuple[ShellRecord, int]]:
    counted = [(s, s.satellites) for s in filing.shells if s.satellites]
    uncounted = [s for s in filing.shells if not s.satellites]
    if uncounted:
        total = filing.satellites_filed or filing.satellites_authorised
        remainder = (total or 0) - sum(n for _, n in counted)
        if remainder >= len(uncounted):
            for shell, n in zip(uncounted, _split(remainder, len(uncounted))):
                counted.append((shell, n))
            notes.append(
                f"{_shells(uncounted)} no satellite count: the filing's "
                f"remaining {remainder:,} satellites split evenly over them"
            )
        else:
            notes.append(
                f"{_shells(uncounted)} no satellite count and the filing "
                "total leaves none for them: left out"
            )
    counted.sort(key=lambda pair: pair[0].ordinal)
    authorised = filing.satellites_authorised
    filed_sum = sum(n for _, n in counted)
    if authorised and counted and filed_sum > authorised:
        factor = authorised / filed_sum
        counted = [(s, max(1, round(n * factor))) for s, n in counted]
        notes.append(
            f"partial grant: {authorised:,} of the shells' {filed_sum:,} satellites authorised; every shell "
            f"scaled by {factor:.4f}"
        )
    return counted


def _planes(shell: ShellRecord, count: int, label: str, notes: list[str]) -> tuple[int, int]:
    if shell.planes:
        return shell.planes, shell.per_plane or math.ceil(count / shell.planes)
    if shell.per_plane:
        planes = math.ceil(count / shell.per_plane)
        notes.append(f"{label}: planes unknown (planes not filed); {planes} assumed from {shell.per_plane} "
                     "satellites per plane")
        return planes, shell.per_plane
    planes = max(1, min(count, round(math.sqrt(count))))
    notes.append(f"{label}: planes unknown (planes not filed); {planes} assumed (about sqrt of {count:,} satellites)")
    return planes, math.ceil(count / planes)


def _plan_shell(shell: ShellRecord, count: int, filing: FilingRecord, notes: list[str],
                assumed: bool = False) -> tuple[PlannedShell, engine.ShellClaim]:
    label = "assumed shell" if assumed else f"shell {shell.ordinal}"
    low = shell.altitude_km
    high = shell.altitude_max_km if shell.altitude_max_km is not None else low
    inc_claim = shell.inclination_deg
    inc = shell.inclination_deg
    if inc is not None and shell.inclination_max_deg is not None and shell.inclination_max_deg != inc:
        inc = inc_claim = 0.5 * (shell.inclination_deg + shell.inclination_max_deg)
        notes.append(f"{label}: inclination range {_fmt(shell.inclination_deg)}-"
                     f"{_fmt(shell.inclination_max_deg)} deg: midpoint {_fmt(inc)} deg used")
    ltan, spread = None, 24.0
    if shell.sun_synchronous:
        derived = engine.sso_inclination_deg(0.5 * (low + high))
        if inc is not None and abs(inc - derived) > 1.0:
            notes.append(f"{label}: filed inclination {_fmt(inc)} deg is not sun-synchronous at "
                         f"{_fmt(0.5 * (low + high))} km; the J2 value {derived:.2f} deg used")
        inc, inc_claim = None, None  # the engine derives it per altitude
        if shell.ltan_hours is None:
            ltan = 0.0
            notes.append(f"{label}: sun-synchronous without a filed LTAN; planes spread evenly over 24 h")
        else:
            ltan, spread = shell.ltan_hours, 0.0
    elif inc is None:
        inc = ASSUMED_INCLINATION_DEG
        notes.append(f"{label}: inclination unknown: assumed {_fmt(inc)} deg for sunlight; contends with "
                     "every shell of its altitude band")
    planes, per_plane = _planes(shell, count, label, notes)
    if shell.sun_synchronous and shell.ltan_hours is not None and planes > 1:
        notes.append(f"{label}: all {planes} planes placed at the filed LTAN {ltan:.2f} h")

    width = high - low
    if width <= RANGE_SLICE_KM:
        centres = [0.5 * (low + high)]
        if width > 0:
            notes.append(f"{label}: altitude range {_fmt(low)}-{_fmt(high)} km: sunlight at the "
                         f"{_fmt(centres[0])} km midpoint")
    else:
        k = min(MAX_RANGE_SLICES, math.ceil(width / RANGE_SLICE_KM))
        centres = [low + width * (j + 0.5) / k for j in range(k)]
        notes.append(f"{label}: altitude range {_fmt(low)}-{_fmt(high)} km: satellites spread evenly over "
                     f"{k} slices of {width / k:g} km, sunlight at each slice's centre")
    sats_split = _split(count, len(centres))
    planes_split = max(1, math.ceil(planes / len(centres)))
    slices = []
    for centre, n in zip(centres, sats_split):
        if n < 1:
            continue
        p = min(planes_split, n)
        eng = engine.make_shell(
            centre, inc, p, math.ceil(n / p), sun_synchronous=shell.sun_synchronous,
            ltan_hours=ltan, ltan_spread_hours=spread,
        )
        slices.append(EngineShell(shell.ordinal, eng, n))
    claim = engine.ShellClaim(filing.key, filing.administration, low, high, inc_claim,
                              shell.sun_synchronous, count).validated()
    planned = PlannedShell(
        ordinal=shell.ordinal, label=label, altitude_min_km=low, altitude_max_km=high,
        inclination_deg=slices[0].shell.inclination_deg if slices else inc,
        sun_synchronous=shell.sun_synchronous, ltan_hours=ltan if shell.ltan_hours is not None else None,
        planes=planes, per_plane=per_plane, satellites=count, assumed=assumed, slices=tuple(slices),
    )
    return planned, claim


def plan_filing(filing: FilingRecord) -> FilingPlan:
    """Engine shells and capacity claims for one filing, with every assumption, or the reason there are none."""
    if not filing.is_live:
        return FilingPlan(filing.key, filing.administration,
                          reason=f"status {filing.status}: a closed filing claims no orbit and is not scored")
    notes: list[str] = []
    counted = _resolve_counts(filing, notes) if filing.shells else []
    if not counted:
        total = filing.satellites_authorised or filing.satellites_filed
        if not total:
            why = ("its shells have no satellite count and the filing states no total" if filing.shells
                   else "no satellite count filed (no shells and no total)")
            return FilingPlan(filing.key, filing.administration, assumptions=tuple(notes), reason=why)
        notes.append(f"no shells filed: one shell of {total:,} satellites assumed")
        notes.append(f"altitude unknown: assumed {_fmt(ASSUMED_ALTITUDE_KM)} km")
        assumed_shell = ShellRecord(0, ASSUMED_ALTITUDE_KM, planes=filing.planes_total)
        counted = [(assumed_shell, total)]
    planned, claims = [], []
    try:
        for shell, count in counted:
            p, c = _plan_shell(shell, count, filing, notes, assumed=shell.ordinal == 0)
            planned.append(p)
            claims.append(c)
    except engine.EngineInputError as error:
        return FilingPlan(filing.key, filing.administration, assumptions=tuple(notes),
                          reason=f"the engine refused {shell_label(shell)}: {error}")
    return FilingPlan(filing.key, filing.administration, tuple(planned), tuple(claims), tuple(notes))


def shell_label(shell: ShellRecord) -> str:
    return "the assumed shell" if shell.ordinal == 0 else f"shell {shell.ordinal}"


def capacity_for(plans: Iterable[FilingPlan], *, list_pairs: bool = True) -> Optional[engine.CapacityReport]:
    """The capacity report over every plan's claims (``list_pairs``: the engine's, for a page that only asks
    who contends where)."""
    claims = [claim for plan in plans for claim in plan.claims]
    return engine.capacity_report(claims, list_pairs=list_pairs) if claims else None


# -- deployment feasibility ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Feasibility:
    value: float
    explanation: str
    assumptions: tuple[str, ...] = ()


def deployment_feasibility(results: Sequence) -> Feasibility:
    """The formula in the module docstring, over ``compliance.rules.MilestoneResult``-like objects."""
    parts, words, notes = [], [], []
    for r in results:
        if r.status == MET:
            parts.append(1.0)
            words.append(f"{r.code} met (1)")
        elif r.status == MISSED:
            parts.append(0.0)
            words.append(f"{r.code} missed (0)")
    open_ = sorted((r for r in results if r.status in OPEN_STATUSES and r.required is not None),
                   key=lambda r: (r.due_date is None, r.due_date or 0))
    if open_:
        nxt = open_[0]
        needed, rate = nxt.rate_needed_per_month, nxt.projection_rate_per_month
        if not nxt.deployment_source:
            value, why = NEUTRAL_FEASIBILITY, "no deployment data"
            notes.append(f"{nxt.code}: no deployment data for this filing; its outlook taken as a neutral "
                         f"{NEUTRAL_FEASIBILITY}")
        elif not needed:
            value, why = 1.0, "nothing more needed"
        elif rate is None:
            value, why = NEUTRAL_FEASIBILITY, f"needs {needed:g}/month, recent deployment rate unknown"
            notes.append(f"{nxt.code}: {nxt.deployed} deployed but no recent deployment rate; its outlook taken "
                         f"as a neutral {NEUTRAL_FEASIBILITY}")
        else:
            value = min(1.0, max(0.0, rate / needed))
            why = f"{rate:g}/month projected vs {needed:g}/month needed"
        parts.append(value)
        due = nxt.due_date.isoformat() if nxt.due_date else "no date"
        words.append(f"next open {nxt.code} due {due}: {why} ({value:.2f})")
    if not parts:
        skipped = sorted({r.status for r in results}) or ["no milestones"]
        notes.append(f"no milestone met, missed or open ({', '.join(skipped)}): deployment feasibility "
                     f"taken as a neutral {NEUTRAL_FEASIBILITY}")
        return Feasibility(NEUTRAL_FEASIBILITY, "neutral: no milestone could be judged", tuple(notes))
    value = sum(parts) / len(parts)
    return Feasibility(value, f"mean of {len(parts)}: " + "; ".join(words), tuple(notes))


# -- the score ----------------------------------------------------------------------------------------------


@dataclass
class ScoreFigures:
    """Everything a FilingScore row holds, as plain values (JSON-ready)."""

    total: Optional[float] = None
    deployment_feasibility: Optional[float] = None
    contention: Optional[float] = None
    compute_yield: Optional[float] = None
    components: list = field(default_factory=list)
    satellites: Optional[int] = None
    sunlit_mean: Optional[float] = None
    sunlit_by_shell: list = field(default_factory=list)
    yields: dict = field(default_factory=dict)
    oversubscription_max: Optional[float] = None
    contending_count: Optional[int] = None
    contending_filings: list = field(default_factory=list)
    bands: list = field(default_factory=list)
    assumptions: list = field(default_factory=list)
    inputs: dict = field(default_factory=dict)
    unscored_reason: str = ""

    def row_values(self) -> dict:
        values = {k: v for k, v in self.__dict__.items() if k != "yields"}
        values["yields"] = self.yields
        for name in PROFILE_NAMES:
            y = self.yields.get(name) or {}
            values[f"pflops_{name}"] = y.get("sustained_pflops")
            values[f"mwh_per_year_{name}"] = y.get("energy_mwh_per_year")
        return values


ShellStatistics = Callable[[engine.Shell], engine.SunlitStats]


def statistics_over(sun: engine.SunTable) -> ShellStatistics:
    """The engine's sunlit statistics of a shell over the Sun table's window."""
    return lambda shell: engine.sunlit_statistics(shell, sun, sun.window.start_jd_utc)


def shell_facts(shell: PlannedShell) -> dict:
    """What the plan decided for one shell: the engine-free part of its ``sunlit_by_shell`` row."""
    return {
        "ordinal": shell.ordinal, "label": shell.label, "assumed": shell.assumed,
        "altitude_min_km": shell.altitude_min_km, "altitude_max_km": shell.altitude_max_km,
        "inclination_deg": shell.inclination_deg, "sun_synchronous": shell.sun_synchronous,
        "ltan_hours": shell.ltan_hours, "planes": shell.planes, "per_plane": shell.per_plane,
        "satellites": shell.satellites,
    }


def built_on(plan: FilingPlan, sunlit_by_shell: Sequence[dict]) -> bool:
    """Whether stored per-shell figures were computed from this very plan (same shells, same decisions),
    so a page may show them instead of computing the plan's sunlight again."""
    facts = [shell_facts(shell) for shell in plan.shells]
    stored = [{key: row.get(key) for key in facts[0]} for row in sunlit_by_shell] if facts else []
    return bool(facts) and facts == stored


def sunlight(plan: FilingPlan, statistics: ShellStatistics) -> tuple[float, list[dict]]:
    """Satellite-weighted mean sunlit fraction of the filing, and the figures of each planned shell.

    ``statistics`` gives the engine's sunlit statistics of one engine shell (``statistics_over(sun)``, or
    a cached equivalent: the pages cache it per shell geometry)."""
    rows, weighted = [], 0.0
    for shell in plan.shells:
        stats = [(s, statistics(s.shell)) for s in shell.slices]
        n = sum(s.satellites for s, _ in stats)
        mean = sum(s.satellites * st.mean for s, st in stats) / n
        weighted += mean * shell.satellites
        rows.append({
            **shell_facts(shell), "slices": len(stats),
            "sunlit_mean": mean,
            "sunlit_min": min(st.minimum for _, st in stats),
            "sunlit_max": max(st.maximum for _, st in stats),
            "eclipse_days": max(st.eclipse_days for _, st in stats),
            "beta_star_deg": stats[0][1].beta_star_deg,
        })
    return weighted / plan.satellites, rows


def _capacity_figures(plan: FilingPlan, report: engine.CapacityReport) -> dict:
    bands = []
    for band in report.bands:
        mine = [s for s in band.shares if s.filing_id == plan.key]
        if not mine:
            continue
        bands.append({
            "altitude_min_km": band.altitude_min_km, "altitude_max_km": band.altitude_max_km,
            "capacity_reference": band.capacity_reference, "satellites_claimed": band.satellites_claimed,
            "oversubscription": band.oversubscription, "filing_satellites": sum(s.satellites for s in mine),
            "filings": sorted({s.filing_id for s in band.shares}),
        })
    rivals: dict[str, dict] = {}
    for c in report.contentions:
        if plan.key not in (c.filing_a, c.filing_b):
            continue
        other, admin = (c.filing_b, c.administration_b) if c.filing_a == plan.key else (c.filing_a, c.administration_a)
        entry = rivals.setdefault(other, {"filing": other, "administration": admin,
                                          "cross_administration": c.cross_administration, "bands": []})
        entry["bands"].append(f"{c.altitude_min_km:g}-{c.altitude_max_km:g} km ({c.note})")
    return {
        "bands": bands,
        "oversubscription_max": max((b["oversubscription"] for b in bands), default=None),
        "contending_filings": sorted(rivals.values(), key=lambda r: r["filing"]),
    }


def score_plan(plan: FilingPlan, sun: engine.SunTable, report: engine.CapacityReport,
               feasibility: Feasibility) -> ScoreFigures:
    """The figures of a scorable plan; raises EngineInputError if the engine refuses an input."""
    sunlit, shells = sunlight(plan, statistics_over(sun))
    fit = report.filing_fit(plan.key)
    score = engine.score_filing(plan.key, feasibility.value, fit, min(1.0, max(0.0, sunlit)))
    cap = _capacity_figures(plan, report)
    components = []
    for comp in score.components:
        explanation = comp.explanation
        if comp.name == "deployment_feasibility":
            explanation = feasibility.explanation
        components.append({"name": comp.name, "value": comp.value, "weight": comp.weight,
                           "weighted": comp.weighted, "explanation": explanation})
    by_name = {c["name"]: c["value"] for c in components}
    yields = {}
    for name in PROFILE_NAMES:
        y = engine.compute_yield(plan.satellites, min(1.0, sunlit), name)
        yields[name] = {k: v for k, v in y.__dict__.items()}
    window = sun.window
    return ScoreFigures(
        total=score.total,
        deployment_feasibility=by_name["deployment_feasibility"],
        contention=by_name["orbital_contention"],
        compute_yield=by_name["compute_yield"],
        components=components,
        satellites=plan.satellites,
        sunlit_mean=sunlit,
        sunlit_by_shell=shells,
        yields=yields,
        oversubscription_max=cap["oversubscription_max"],
        contending_count=len(cap["contending_filings"]),
        contending_filings=cap["contending_filings"],
        bands=cap["bands"],
        assumptions=list(plan.assumptions) + list(feasibility.assumptions),
        inputs={
            "window": {"start": window.start.isoformat(), "end": window.end.isoformat(),
                       "step_minutes": window.step_minutes, "steps": window.n_steps},
            "weights": dict(engine.DEFAULT_WEIGHTS),
            "capacity_model": report.parameters,
            "claims": [claim.__dict__ for claim in plan.claims],
        },
    )


def unscored(plan: FilingPlan, reason: Optional[str] = None) -> ScoreFigures:
    return ScoreFigures(assumptions=list(plan.assumptions), unscored_reason=reason or plan.reason)
