"""The one entry point: a filing's facts + deployment series + date -> milestone results."""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date

from .codes import FCC_CODES, ITU_CODES
from .common import DEFAULT_WARNING_DAYS, Context, not_applicable
from .deployment import DEFAULT_RATE_WINDOW_DAYS, DeploymentSeries
from .editions import NoEditionInForce, edition_for
from .facts import FilingFacts
from .fcc import evaluate_fcc
from .itu import evaluate_itu
from .results import MilestoneResult
from .rulesets import EDITIONS, RuleSet, Spec

# Every evaluation returns one result per code, in this order, so callers get a stable shape.
_REGIMES = (("itu", evaluate_itu, ITU_CODES), ("fcc", evaluate_fcc, FCC_CODES))


def evaluate(facts: FilingFacts, deployment: DeploymentSeries | None, as_of: date,
             rule_sets: Iterable[RuleSet] | Mapping[str, RuleSet] | None = None, *,
             editions: Sequence[RuleSet] = EDITIONS,
             warning_days: int = DEFAULT_WARNING_DAYS,
             rate_window_days: int = DEFAULT_RATE_WINDOW_DAYS) -> list[MilestoneResult]:
    """Evaluate every milestone of every regime for one filing as of `as_of`.

    rule_sets: one RuleSet per regime ('itu', 'fcc'), overriding the choice of edition; by
    default each regime's edition comes from `editions` (see `editions.edition_for`). A regime
    without a rule set yields not_applicable results. Facts dated after `as_of` (waivers, BIU,
    surrender, ...) are ignored. Each result names the edition that governed it.
    """
    ctx = Context(facts, deployment or DeploymentSeries(), as_of, warning_days, rate_window_days)
    given = None if rule_sets is None else _by_regime(rule_sets)
    results: list[MilestoneResult] = []
    for regime, run, codes in _REGIMES:
        if given is not None:
            rs, why = given.get(regime), f"no rule set given for {regime}"
        else:
            rs, why = _edition_or_reason(regime, facts, as_of, editions)
        if rs is None:
            results += [not_applicable(_untitled_spec(regime, code, editions), why) for code in codes]
        else:
            results += run(ctx, rs)
    return results


def _edition_or_reason(regime: str, facts: FilingFacts, as_of: date,
                       editions: Sequence[RuleSet]) -> tuple[RuleSet | None, str]:
    try:
        return edition_for(regime, facts, as_of, editions), ""
    except NoEditionInForce as none:
        return None, str(none)


def _untitled_spec(regime: str, code: str, editions: Sequence[RuleSet]) -> Spec:
    """A milestone no edition governs: titled as the latest known edition titles it, naming no edition."""
    own = sorted((e for e in editions if e.regime == regime), key=lambda e: e.in_force_from)
    if not own:
        return Spec(code, regime, code, "")
    return replace(own[-1].spec(code), edition="")


def _by_regime(rule_sets) -> dict[str, RuleSet]:
    if isinstance(rule_sets, Mapping):
        rule_sets = rule_sets.values()
    chosen: dict[str, RuleSet] = {}
    for rs in rule_sets:
        if rs.regime in chosen:
            raise ValueError(f"two rule sets for regime {rs.regime!r}")
        chosen[rs.regime] = rs
    return chosen
