"""Headline totals that count each live system once.

A filing record is not a system: an application is superseded by its amendment, a modification re-files its
parent, a grant answers (part of) an application. Adding every record's numbers counts Starlink Gen2 three times.
Here the records are grouped into systems by the "modifies or supersedes" link (``parent``) and each system is
counted once, by this rule (the overview prints ``HOW_COUNTED``):

1. Only records on the registry on the date count (``FilingQuerySet.as_of`` already dropped later ones).
2. A record whose status is closed (superseded, denied, withdrawn, cancelled) is left out; a superseded record
   whose successor is not yet on the registry on the date is still live then (as of 2020, Starlink Gen2's
   May 2020 application had not yet been amended).
3. A system is a live record with every live record that modifies it, directly or through others.
4. Satellites filed of a system: the largest number any of its live records applied for (an amendment, a
   modification or a later application re-states the system; they are not added).
5. Satellites authorised of a system: the sum over its grants, where a grant that modifies an earlier grant
   replaces it (only the latest grant along a chain counts). Two grants of one application for different
   tranches (Gen2's 7,500 of Dec 2022 and 7,500 of Jan 2026) are both counted.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from .codes import CLOSED_STATUSES

SUPERSEDED = "superseded"

HOW_COUNTED = (
    "Each live system counted once: a filing with its amendments, modifications and grants is one system; "
    "superseded records and records not yet received on the date are left out; a system's satellites filed is "
    "the largest number any of its records applied for, its satellites authorised the sum of its grants (a grant "
    "that modifies an earlier grant replaces it)."
)


@dataclass(frozen=True)
class Record:
    """One filing record as the totals see it."""

    key: str
    status: str
    parent: str | None = None
    filed: int | None = None
    authorised: int | None = None
    received: date | None = None


@dataclass(frozen=True)
class System:
    root: str
    records: tuple[str, ...]
    filed: int
    authorised: int


@dataclass(frozen=True)
class Totals:
    records: int  # filing records on the registry on the date
    systems: tuple[System, ...] = field(default=())

    @property
    def live_systems(self) -> int:
        return len(self.systems)

    @property
    def filed(self) -> int:
        return sum(s.filed for s in self.systems)

    @property
    def authorised(self) -> int:
        return sum(s.authorised for s in self.systems)


def live_records(records: list[Record]) -> list[Record]:
    """Rule 2: the records live on the date (``records`` holds only those on the registry on it)."""
    present = {r.key for r in records}
    successors = {r.parent for r in records if r.parent in present}
    live = []
    for r in records:
        if r.status in CLOSED_STATUSES and not (r.status == SUPERSEDED and r.key not in successors):
            continue
        live.append(r)
    return live


def _root(record: Record, by_key: dict[str, Record]) -> str:
    seen = {record.key}
    while record.parent in by_key and record.parent not in seen:  # a parent that is not live ends the chain
        record = by_key[record.parent]
        seen.add(record.key)
    return record.key


def count_systems(records: list[Record]) -> Totals:
    """Rules 2-5 over the records on the registry on one date."""
    live = live_records(records)
    by_key = {r.key: r for r in live}
    members: dict[str, list[Record]] = {}
    for r in live:
        members.setdefault(_root(r, by_key), []).append(r)
    systems = []
    for root, group in members.items():
        filed = max((r.filed or 0 for r in group), default=0)
        granted = [r for r in group if r.authorised]
        replaced = {_ancestor_grant(r, by_key) for r in granted} - {None}
        authorised = sum(r.authorised for r in granted if r.key not in replaced)
        systems.append(System(root, tuple(sorted(r.key for r in group)), filed, authorised))
    systems.sort(key=lambda s: (-max(s.filed, s.authorised), s.root))
    return Totals(records=len(records), systems=tuple(systems))


def _ancestor_grant(record: Record, by_key: dict[str, Record]) -> str | None:
    """The nearest earlier grant this grant modifies (through any chain of live records), which it replaces."""
    parent = by_key.get(record.parent) if record.parent else None
    seen = {record.key}
    while parent is not None and parent.key not in seen:
        if parent.authorised:
            return parent.key
        seen.add(parent.key)
        parent = by_key.get(parent.parent) if parent.parent else None
    return None
