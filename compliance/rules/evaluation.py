"""The one entry point: a filing's facts + deployment series + date -> milestone results."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from .codes import FCC_CODES, ITU_CODES
from .common import DEFAULT_WARNING_DAYS, Context, not_applicable
from .deployment import DEFAULT_RATE_WINDOW_DAYS, DeploymentSeries
from .facts import FilingFacts
from .fcc import SPECS as FCC_SPECS, evaluate_fcc
from .itu import SPECS as ITU_SPECS, evaluate_itu
from .results import MilestoneResult
from .rulesets import DEFAULT_RULE_SETS, RuleSet

# Every evaluation returns one result per code, in this order, so callers get a stable shape.
_REGIMES = (("itu", evaluate_itu, ITU_SPECS, ITU_CODES), ("fcc", evaluate_fcc, FCC_SPECS, FCC_CODES))


def evaluate(facts: FilingFacts, deployment: DeploymentSeries | None, as_of: date,
             rule_sets: Iterable[RuleSet] | Mapping[str, RuleSet] | None = None, *,
             warning_days: int = DEFAULT_WARNING_DAYS,
             rate_window_days: int = DEFAULT_RATE_WINDOW_DAYS) -> list[MilestoneResult]:
    """Evaluate every milestone of every regime for one filing as of `as_of`.

    rule_sets: one RuleSet per regime ('itu', 'fcc'); defaults to ITU_RR_2024 and
    FCC_PART25_2021. A regime without a rule set yields not_applicable results.
    Facts dated after `as_of` (waivers, BIU, surrender, ...) are ignored.
    """
    ctx = Context(facts, deployment or DeploymentSeries(), as_of, warning_days, rate_window_days)
    chosen = _by_regime(rule_sets)
    results: list[MilestoneResult] = []
    for regime, run, specs, codes in _REGIMES:
        rs = chosen.get(regime)
        if rs is None:
            results += [not_applicable(specs[code], f"no rule set given for {regime}") for code in codes]
        else:
            results += run(ctx, rs)
    return results


def _by_regime(rule_sets) -> dict[str, RuleSet]:
    if rule_sets is None:
        rule_sets = DEFAULT_RULE_SETS
    if isinstance(rule_sets, Mapping):
        rule_sets = rule_sets.values()
    chosen: dict[str, RuleSet] = {}
    for rs in rule_sets:
        if rs.regime in chosen:
            raise ValueError(f"two rule sets for regime {rs.regime!r}")
        chosen[rs.regime] = rs
    return chosen
