"""Which edition of a regime's rules governs a filing on a date (the policy is on `RuleSet`)."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from .common import known
from .facts import FilingFacts
from .rulesets import EDITIONS, RuleSet


class NoEditionInForce(LookupError):
    """No known edition of a regime's rules governs the filing on that date."""


def edition_for(regime: str, facts: FilingFacts, as_of: date,
                editions: Sequence[RuleSet] = EDITIONS) -> RuleSet:
    """The edition of `regime` that governs the filing on `as_of`: the latest one in force on that
    date that the filing's dating fact does not predate, else the regime's baseline.

    A dating fact unknown on `as_of` cannot put the filing before an edition, so the latest in
    force on `as_of` governs (the rules themselves then report the missing fact).
    """
    own = [e for e in editions if e.regime == regime]
    if sum(e.baseline for e in own) > 1:
        raise ValueError(f"more than one baseline edition for {regime}: {[e.key for e in own]}")
    governing = [e for e in own if e.baseline or _governs(e, facts, as_of)]
    if not governing:
        known_keys = ", ".join(e.key for e in own) or "none"
        raise NoEditionInForce(f"no edition of the {regime} rules governs this filing on "
                               f"{as_of.isoformat()} (editions known: {known_keys})")
    latest = max(e.in_force_from for e in governing)
    chosen = [e for e in governing if e.in_force_from == latest]
    if len(chosen) > 1:
        raise ValueError(f"{regime} editions in force from the same day: {[e.key for e in chosen]}")
    return chosen[0]


def _governs(edition: RuleSet, facts: FilingFacts, as_of: date) -> bool:
    if edition.in_force_from > as_of:
        return False
    dated = known(getattr(facts, edition.dated_by), as_of)
    return dated is None or dated >= edition.in_force_from
