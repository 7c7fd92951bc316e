"""The membership table in the database, as the pure layer's rules."""

from __future__ import annotations

from constellations.catalog import DEFAULT_RULES, MembershipRule as PureRule, rules_from_rows


def seed_default_rules(constellation, rule_model=None) -> int:
    """Create the DEFAULT_RULES rows of one constellation unless it already has rules; returns rows created.

    Works with the real model and with the historical one a migration hands over.
    """
    if rule_model is None:
        from constellations.models import MembershipRule as rule_model
    defaults = [r for r in DEFAULT_RULES if r.constellation_slug == constellation.key]
    if not defaults or rule_model.objects.filter(constellation_id=constellation.pk).exists():
        return 0
    rule_model.objects.bulk_create(
        [rule_model(constellation_id=constellation.pk, kind=r.kind, pattern=r.pattern,
                    notes="default (constellations.catalog.DEFAULT_RULES)") for r in defaults]
    )
    return len(defaults)


def database_rules() -> list[PureRule]:
    """Every stored rule, in a stable order (name rules apply in table order, first match wins)."""
    from constellations.models import MembershipRule

    rows = MembershipRule.objects.order_by("pk").values_list("constellation__key", "kind", "pattern")
    return rules_from_rows(rows)
