"""Deployment as a dated series of counts, independent of where the counts come from.

The rules only ever call `reading_at` and `recent_rate`, so a catalog-derived series can
replace a reported one (or `first_with_data` can pick between them) without rule changes.
Counts may fall (re-entries) and the series may have gaps: a count holds until the next point.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .calendar import add_days, days_between

MEASURES = ("in_orbit", "on_station")
DEFAULT_RATE_WINDOW_DAYS = 180


@dataclass(frozen=True)
class DeploymentPoint:
    on: date
    in_orbit: int
    on_station: int | None = None  # None: not known separately from in_orbit

    def __post_init__(self) -> None:
        if self.in_orbit < 0 or (self.on_station is not None and self.on_station < 0):
            raise ValueError(f"negative count on {self.on}")

    def count(self, measure: str) -> int | None:
        return getattr(self, measure)


@dataclass(frozen=True)
class Reading:
    """One count used by a rule, with where it came from (for notes and audit)."""

    count: int
    measure: str
    on: date
    source: str

    def describe(self) -> str:
        return f"{self.source}: {self.count} {self.measure} on {self.on.isoformat()}"


@dataclass(frozen=True)
class DeploymentSeries:
    points: tuple[DeploymentPoint, ...] = ()
    source: str = "reported"  # e.g. 'reported', 'catalog'

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.points, key=lambda p: p.on))
        days = [p.on for p in ordered]
        if len(days) != len(set(days)):
            raise ValueError("deployment series has two points on the same date")
        object.__setattr__(self, "points", ordered)

    @classmethod
    def from_counts(cls, counts, source: str = "reported") -> "DeploymentSeries":
        """From (date, in_orbit) or (date, in_orbit, on_station) tuples."""
        return cls(tuple(DeploymentPoint(*row) for row in counts), source)

    def is_empty(self) -> bool:
        return not self.points

    def _point_at(self, day: date) -> DeploymentPoint | None:
        found = None
        for point in self.points:  # series are short; linear scan keeps it obvious
            if point.on > day:
                break
            found = point
        return found

    def count_at(self, day: date, measure: str = "in_orbit") -> int | None:
        """The last known count on or before `day`; None if the series starts later."""
        point = self._point_at(day)
        return None if point is None else point.count(measure)

    def reading_at(self, day: date, measure: str = "in_orbit") -> Reading | None:
        """Like count_at, but falls back to in_orbit when on_station is unknown at that point."""
        point = self._point_at(day)
        if point is None:
            return None
        used = measure if point.count(measure) is not None else "in_orbit"
        return Reading(point.count(used), used, point.on, self.source)

    def recent_rate(self, as_of: date, window_days: int = DEFAULT_RATE_WINDOW_DAYS,
                    measure: str = "in_orbit") -> float | None:
        """Satellites per day over the trailing window ending at `as_of`.

        Slope between the last point on/before as_of and the last point on/before
        (as_of - window_days); if the series starts inside the window, its first point is
        used instead. None if fewer than two distinct points are available. Can be negative.
        """
        end = self._point_at(as_of)
        start = self._point_at(add_days(as_of, -window_days)) or (
            self.points[0] if self.points else None)
        if end is None or start is None or start.on >= end.on:
            return None
        if start.count(measure) is None or end.count(measure) is None:
            measure = "in_orbit"  # never mix measures within one slope
        return (end.count(measure) - start.count(measure)) / days_between(start.on, end.on)


def first_with_data(*candidates: DeploymentSeries | None) -> DeploymentSeries:
    """The first non-empty series, e.g. first_with_data(catalog, reported)."""
    for series in candidates:
        if series is not None and not series.is_empty():
            return series
    return DeploymentSeries()
