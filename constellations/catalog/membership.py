"""Constellation membership from a rule table kept as data.

Precedence, highest first:
  1. ``norad``          manual override by catalog number; applies whatever the object type.
  2. ``cospar_launch``  every eligible piece of a known launch ('2025-030' -> guowang), because
                        Space-Track lists some launches only as 'OBJECT A'...'OBJECT J'.
  3. ``name_prefix`` / ``name_regex``  in table order; the first matching rule wins.
Rules 2-3 skip objects whose type is known to be a rocket body or debris: a Starlink launch's
upper stage is not a Starlink satellite. PAYLOAD, UNKNOWN (the 2025-030 objects are typed UNKNOWN,
SOURCES.md 2) and a missing type (TLE files carry none) stay eligible.
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .records import CatalogRecord

RULE_KINDS = ("name_prefix", "name_regex", "cospar_launch", "norad")
# Spelled-out and CelesTrak-abbreviated types that are never constellation satellites.
NON_SATELLITE_TYPES = frozenset({"ROCKET BODY", "DEBRIS", "R/B", "DEB"})


@dataclass(frozen=True, slots=True)
class MembershipRule:
    constellation_slug: str
    kind: str
    pattern: str  # a string for every kind, so the table can live in a DB row or a YAML file

    def __post_init__(self):
        if self.kind not in RULE_KINDS:
            raise ValueError(f"unknown rule kind {self.kind!r}; use one of {RULE_KINDS}")
        if self.kind == "norad" and not str(self.pattern).strip().isdigit():
            raise ValueError(f"norad rule needs a catalog number, got {self.pattern!r}")
        if self.kind == "cospar_launch" and not re.fullmatch(r"\d{4}-\d{3}", self.pattern):
            raise ValueError(f"cospar_launch rule needs 'YYYY-NNN', got {self.pattern!r}")
        if self.kind == "name_regex":
            re.compile(self.pattern)


def _rules(slug: str, kind: str, *patterns: str) -> list[MembershipRule]:
    return [MembershipRule(slug, kind, pattern) for pattern in patterns]


# Name patterns: SOURCES.md section 1 (TLE names) and 2 (SATCAT names); ecosystem.md 2.3.
# Guowang launches: SOURCES.md section 2 (2024-240 HULIANGWANG DIGUI-01..10, 2025-030 OBJECT A..J,
# 2023-212 HJS-4A/B/C, 2023-095 OBJECT A/B). Prefixes carry the separator so 'STARLINK-' does not
# catch an unrelated 'STARLINKER'.
DEFAULT_RULES: tuple[MembershipRule, ...] = tuple(
    _rules("starlink", "name_prefix", "STARLINK-")
    + _rules("oneweb", "name_prefix", "ONEWEB-")
    + _rules("kuiper", "name_prefix", "KUIPER-")
    + _rules("qianfan", "name_prefix", "QIANFAN-")
    + _rules(
        "guowang", "name_prefix",
        "HULIANWANG DIGUI", "HULIANGWANG DIGUI",  # Space-Track's spelling has an extra G
        "HULIANWANG JISHU SHIYAN", "GUOWANG TEST OBJECT", "HJS-4",
    )
    + _rules("guowang", "cospar_launch", "2024-240", "2025-030", "2023-212", "2023-095")
)


def rules_from_rows(rows: Iterable[Mapping | Sequence]) -> list[MembershipRule]:
    """Build rules from dicts (constellation_slug/kind/pattern) or 3-tuples, e.g. DB values()."""
    built = []
    for row in rows:
        if isinstance(row, Mapping):
            built.append(MembershipRule(row["constellation_slug"], row["kind"], str(row["pattern"])))
        else:
            slug, kind, pattern = row
            built.append(MembershipRule(slug, kind, str(pattern)))
    return built


def classify(names, cospar_ids, object_types, norad_ids, rules: Iterable[MembershipRule] = DEFAULT_RULES) -> np.ndarray:
    """Constellation slug (or None) per object; inputs are equal-length arrays, lists or Series."""
    rules = list(rules)
    n = len(norad_ids)
    result = np.full(n, None, dtype=object)
    kinds = {rule.kind for rule in rules}
    # Each input is normalised only if a rule reads it: the importer asks for the norad and launch bases apart.
    if kinds & {"name_prefix", "name_regex", "cospar_launch"}:
        eligible = ~_upper(object_types).isin(NON_SATELLITE_TYPES).to_numpy()
    if kinds & {"name_prefix", "name_regex"}:
        names_u = _upper(names)
        unset = np.ones(n, dtype=bool)
        for rule in rules:  # name rules in table order: first match wins
            if rule.kind in ("name_prefix", "name_regex"):
                hit = _name_hits(names_u, rule) & eligible & unset
                result[hit] = rule.constellation_slug
                unset &= ~hit
    if "cospar_launch" in kinds:
        _apply_launches(result, _upper(cospar_ids).str.slice(0, 8), eligible, rules)
    _apply_norad(result, norad_ids, rules)
    return result


def classify_records(records: Iterable[CatalogRecord], rules: Iterable[MembershipRule] = DEFAULT_RULES) -> np.ndarray:
    records = list(records)
    return classify(
        [r.name for r in records], [r.cospar_id for r in records],
        [r.object_type for r in records], [r.norad_id for r in records], rules,
    )


def _upper(values) -> pd.Series:
    series = pd.Series(values, dtype=object) if not isinstance(values, pd.Series) else values.astype(object)
    return series.where(series.notna(), "").astype(str).str.strip().str.upper().reset_index(drop=True)


def _name_hits(names_u: pd.Series, rule: MembershipRule) -> np.ndarray:
    if rule.kind == "name_prefix":
        return names_u.str.startswith(rule.pattern.upper()).to_numpy(dtype=bool)
    # Regexes are searched, not anchored: write '^' to anchor.
    return names_u.str.contains(rule.pattern, flags=re.IGNORECASE, regex=True).to_numpy(dtype=bool)


def _apply_launches(result: np.ndarray, launches: pd.Series, eligible: np.ndarray, rules) -> None:
    by_launch = {r.pattern: r.constellation_slug for r in rules if r.kind == "cospar_launch"}
    if by_launch:
        slugs = launches.map(by_launch).to_numpy(dtype=object)
        hit = pd.notna(slugs) & eligible
        result[hit] = slugs[hit]


def _apply_norad(result: np.ndarray, norad_ids, rules) -> None:
    by_norad = {int(r.pattern): r.constellation_slug for r in rules if r.kind == "norad"}
    if by_norad:
        ids = pd.Series(norad_ids, dtype=object).reset_index(drop=True)
        slugs = ids.map(by_norad).to_numpy(dtype=object)
        hit = pd.notna(slugs)
        result[hit] = slugs[hit]
