"""Risk of a milestone: the observed cadence, its bootstrap band, the chance of meeting the milestone at it.

Pure (numpy only). The shell (compliance/risk.py) hands in monthly in-orbit counts; nothing here reads a database.

- Observed cadence: the mean net monthly addition to the satellites in orbit over the last ``WINDOW_MONTHS``
  months of a deployment series (net: a re-entry takes one off, which is what an "in orbit" milestone counts).
- Band: the 5th-95th percentile of that mean over ``DRAWS`` bootstrap resamples of the window's months, with a
  fixed seed so a page and the API show the same figures.
- Chance of meeting: the share of bootstrap paths (each month of the remaining time drawn from the window's
  months) on which the shortfall is made up by the due date.
- Reference class: a filing's own constellation when it has launched anything; otherwise its operator's
  demonstrated cadence (an operator that has launched nothing has demonstrated 0 a month, and any requirement
  exceeds that); the world's cadence only where no operator is on record.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from .calendar import add_days, days_between
from .projection import DAYS_PER_MONTH

WINDOW_MONTHS = 12  # the stated window of the observed cadence: the last year of the series
DRAWS = 2000  # bootstrap resamples; at 2,000 the 5th/95th percentiles move by well under 1 % between seeds
SEED = 15  # fixed: the same inputs give the same band and chance everywhere (issue 15)
BAND_PERCENTILES = (5, 95)
HORIZON_YEARS = 30  # past this a projection is "not on track at the current rate", not a date (issue 15)
NOT_ON_TRACK = "not on track at the current rate"
ON_TRACK_CHANCE = 0.9  # at or above: on track
AT_RISK_CHANCE = 0.5  # below: at risk; between the two: uncertain

# Bringing into use needs one satellite: RR No. 11.44C (WRC-23), "a space station ... deployed and maintained on
# one of the notified orbital plane(s) ... for a continuous period of 90 days, irrespective of the notified number
# of orbital planes and satellites" (shared/reference/primary/itu-rr-article11.txt).
BIU_SATELLITES = 1

ON_TRACK, UNCERTAIN, AT_RISK, MET, MISSED = "on_track", "uncertain", "at_risk", "met", "missed"
RISK_LABELS = {ON_TRACK: "On track", UNCERTAIN: "Uncertain", AT_RISK: "At risk", MET: "Met", MISSED: "Missed"}


@dataclass(frozen=True)
class Vehicle:
    """Satellites one launch of an operator's vehicle carries: a range, with its source."""

    name: str
    low: int
    high: int
    source: str


# Satellites per launch, by operator key. Each range from reported launches (search of public pages, Dec 2026).
VEHICLES = {
    # Falcon 9: 21 Starlink V2 Mini on 27 Feb 2023 (UPI, 2023-02-27) to 29 V2 Mini (deltavdaily.com, "SpaceX
    # launches 29 Starlink satellites on Falcon 9 rocket from Cape Canaveral").
    "spacex": Vehicle("Falcon 9", 21, 29, "UPI 2023-02-27 (21 V2 Mini); deltavdaily.com (29 V2 Mini)"),
    # Atlas V: 27 Kuiper satellites per launch (NDTV, 2025-05-01, first Kuiper launch of 28 Apr 2025).
    "kuiper-systems": Vehicle("Atlas V", 27, 27, "NDTV 2025-05-01 (27 Kuiper satellites per Atlas V)"),
    # Long March 6A: 18 Qianfan satellites per launch (installsat.tv on the Oct 2025 Polar Group launch).
    "spacesail": Vehicle("Long March 6A", 18, 18, "installsat.tv, Thousand Sails launches of 18 each"),
}


@dataclass(frozen=True)
class Cadence:
    per_month: float
    low: float
    high: float
    months: tuple[int, ...]  # the window's net monthly additions, oldest first
    basis: str  # "constellation", "operator" or "world"
    window_end: date | None = None

    @property
    def window_months(self) -> int:
        return len(self.months)


@dataclass(frozen=True)
class Assessment:
    risk: str
    rate_needed_per_month: float | None
    cadence: Cadence | None
    chance: float | None  # 0..1, None where nothing is left to judge
    exceeds_cadence: bool  # the rate needed is above the cadence's upper band
    projected: date | None
    projection_label: str
    launches_per_year: tuple[float, float] | None  # (with the largest, the smallest load per launch)
    vehicle: Vehicle | None
    reason: str


# What a miss costs where the rule itself states no count (a notice or a report): each text names the edition's
# provision (the result's ``provision``), so a later edition's citation follows.
_NOTICE_CONSEQUENCES = {
    "itu_biu_notice": "if not sent: the bringing into use is not recorded ({provision}: the administration informs "
                      "the Bureau within 30 days of the 90-day period), and unrecorded assignments lapse at the end "
                      "of the regulatory period (RR No. 11.44)",
    "fcc_report_m50": "if not filed within 15 days: neither compliance demonstrated nor the shortfall notified, "
                      "itself a breach of {provision}",
    "fcc_report_m100": "if not filed within 15 days: neither compliance demonstrated nor the shortfall notified, "
                       "itself a breach of {provision}",
}
NOTICE_CODES = frozenset(_NOTICE_CONSEQUENCES)


def consequence_if_missed(code: str, consequence: str, provision: str) -> str:
    """The rules' consequence, else the notice's; never empty (the provision is named at least)."""
    if consequence:
        return consequence
    if code in _NOTICE_CONSEQUENCES:
        return _NOTICE_CONSEQUENCES[code].format(provision=provision)
    return f"as {provision} provides (the rules state no count for this milestone)"


def monthly_additions(counts: list[int]) -> tuple[int, ...]:
    """Net additions month by month from month-start counts (the first count is the base)."""
    return tuple(int(b) - int(a) for a, b in zip(counts, counts[1:]))


def cadence(counts: list[int], basis: str, window_end: date | None = None, *, window: int = WINDOW_MONTHS,
            draws: int = DRAWS, seed: int = SEED) -> Cadence | None:
    """The cadence of the last ``window`` months of month-start in-orbit counts; None with fewer than two."""
    months = monthly_additions(counts[-(window + 1):])
    if not months:
        return None
    sample = np.asarray(months, dtype=float)
    rng = np.random.default_rng(seed)
    means = rng.choice(sample, size=(draws, len(sample)), replace=True).mean(axis=1)
    low, high = np.percentile(means, BAND_PERCENTILES)
    return Cadence(round(float(sample.mean()), 2), round(float(low), 2), round(float(high), 2), months, basis,
                   window_end)


def chance_of_meeting(shortfall: int, months_left: float, observed: Cadence, *, draws: int = DRAWS,
                      seed: int = SEED) -> float:
    """Share of bootstrap paths that add ``shortfall`` within ``months_left`` months (whole months drawn)."""
    if shortfall <= 0:
        return 1.0
    steps = int(math.floor(months_left))
    if steps <= 0:
        return 0.0
    sample = np.asarray(observed.months, dtype=float)
    if not sample.any():
        return 0.0
    rng = np.random.default_rng(seed)
    totals = rng.choice(sample, size=(draws, steps), replace=True).sum(axis=1)
    return round(float((totals >= shortfall).mean()), 3)


def projection(shortfall: int, as_of: date, per_month: float | None) -> tuple[date | None, str]:
    """When the cadence reaches the requirement, or NOT_ON_TRACK past HORIZON_YEARS (or at no cadence)."""
    if shortfall <= 0:
        return as_of, "reached"
    if not per_month or per_month <= 0:
        return None, NOT_ON_TRACK
    months = shortfall / per_month
    if months > HORIZON_YEARS * 12:
        return None, NOT_ON_TRACK
    day = add_days(as_of, math.ceil(months * DAYS_PER_MONTH))
    return day, day.strftime("%b %Y")


def launches_per_year(rate_per_month: float | None, vehicle: Vehicle | None) -> tuple[float, float] | None:
    """Launches a year needed at ``rate_per_month``: (with the fullest launches, with the lightest)."""
    if rate_per_month is None or vehicle is None:
        return None
    per_year = rate_per_month * 12
    return round(per_year / vehicle.high, 1), round(per_year / vehicle.low, 1)


def assess(*, status: str, required: int | None, deployed: int | None, due: date | None, as_of: date,
           observed: Cadence | None, vehicle: Vehicle | None = None, counts_satellites: bool = True) -> Assessment:
    """The risk of one milestone. ``status`` is the rules' result status; ``counts_satellites`` False for a
    milestone that asks for a notice or report rather than satellites (its risk follows its status alone)."""
    if status in (MET, MISSED):
        return Assessment(status, None, observed, 1.0 if status == MET else 0.0, False, None, "", None, vehicle,
                          "decided by the rules")
    if due is None or not counts_satellites:
        return Assessment(ON_TRACK if status == "upcoming" else UNCERTAIN, None, observed, None, False, None, "",
                          None, vehicle, "no satellite count asked for")
    required = BIU_SATELLITES if required is None else required
    have = deployed or 0
    shortfall = max(required - have, 0)
    days = days_between(as_of, due)
    months_left = days / DAYS_PER_MONTH
    needed = round(shortfall / months_left, 2) if months_left > 0 else None
    if shortfall == 0:
        return Assessment(ON_TRACK, 0.0, observed, 1.0, False, as_of, "reached", None, vehicle,
                          f"{have:,} in orbit already meets {required:,}")
    per_month = observed.per_month if observed else 0.0
    projected, label = projection(shortfall, as_of, per_month)
    chance = chance_of_meeting(shortfall, months_left, observed) if observed else 0.0
    high = observed.high if observed else 0.0
    exceeds = needed is not None and needed > high
    risk = ON_TRACK if chance >= ON_TRACK_CHANCE else AT_RISK if chance < AT_RISK_CHANCE or exceeds else UNCERTAIN
    basis = observed.basis if observed else "none"
    reason = (f"needs {needed or 0:,.1f}/month; {basis} cadence {per_month:,.1f}/month "
              f"(band {observed.low:,.1f}-{observed.high:,.1f})" if observed
              else f"needs {needed or 0:,.1f}/month; no cadence demonstrated")
    return Assessment(risk, needed, observed, chance, exceeds, projected, label,
                      launches_per_year(needed, vehicle), vehicle, reason)
