"""The shell of the risk core (compliance.rules.risk): monthly in-orbit counts from the catalog, per constellation,
operator and the world, and each milestone's assessment. Pages and the API read the same ``RiskContext``.

The cadence window ends at the catalog's data date (its newest element sets), not at as_of: counts carried past
the data date are flat by construction and would read as a stalled cadence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.core.cache import cache

from compliance.rules import risk as core
from constellations.deployment import catalog_known_to, constellation_series, deployment_fingerprint
from constellations.models import Constellation

# Milestones asking for satellites; the others (notices, reports, the bond, the end-of-period report) follow their
# status alone.
COUNT_CODES = frozenset({"itu_biu", "itu_suspension", "res35_m1", "res35_m2", "res35_m3", "res35_post",
                         "fcc_m50", "fcc_m100", "fcc_maintain50"})


@dataclass
class RiskContext:
    as_of: dt.date
    window_end: dt.date
    data_as_of: dt.date | None
    by_constellation: dict  # key -> Cadence (only constellations with anything launched)
    by_operator: dict  # operator key -> Cadence (zero months where the operator has launched nothing)
    world: core.Cadence | None
    in_orbit: dict  # constellation key -> satellites in orbit at window_end

    def cadence_for(self, filing) -> core.Cadence | None:
        """The reference class of compliance.rules.risk: the constellation, the operator, else the world."""
        constellation = filing.constellation.key if filing.constellation_id else None
        if constellation in self.by_constellation:
            return self.by_constellation[constellation]
        if filing.operator_id:
            return self.by_operator.get(filing.operator.key) or _zero("operator", self.window_end)
        return self.world


def _zero(basis: str, end: dt.date) -> core.Cadence:
    return core.Cadence(0.0, 0.0, 0.0, (0,) * core.WINDOW_MONTHS, basis, end)


def risk_context(as_of: dt.date) -> RiskContext:
    key = f"risk-context:{deployment_fingerprint()}:{as_of.isoformat()}"
    found = cache.get(key)
    if found is None:
        found = _build(as_of)
        cache.set(key, found, timeout=24 * 3600)
    return found


def _build(as_of: dt.date) -> RiskContext:
    known = catalog_known_to()
    data_as_of = known["element_sets"] or known["any"]
    end = min(as_of, data_as_of) if data_as_of else as_of
    last_month = end.replace(day=1)
    start = last_month - relativedelta(months=core.WINDOW_MONTHS)
    frame = constellation_series(start, last_month, "MS").fillna(0)
    frame = frame[[d.day == 1 for d in frame.index]]
    operator_of = dict(Constellation.objects.exclude(operator=None).values_list("key", "operator__key"))
    by_constellation, by_operator = {}, {}
    for column in frame.columns:
        counts = [int(v) for v in frame[column]]
        if any(counts):
            by_constellation[column] = core.cadence(counts, "constellation", end)
    for operator in set(operator_of.values()):
        columns = [c for c in frame.columns if operator_of.get(c) == operator]
        counts = [int(v) for v in frame[columns].sum(axis=1)] if columns else []
        by_operator[operator] = core.cadence(counts, "operator", end) if any(counts) else None
    world = core.cadence([int(v) for v in frame.sum(axis=1)], "world", end) if len(frame) else None
    in_orbit = {c: int(frame[c].iloc[-1]) for c in frame.columns} if len(frame) else {}
    return RiskContext(as_of, end, data_as_of, by_constellation, by_operator, world, in_orbit)


def assess(filing, result, ctx: RiskContext) -> core.Assessment:
    """One milestone (a Milestone row or a rules-core result) of ``filing``, as of ``ctx.as_of``."""
    vehicle = core.VEHICLES.get(filing.operator.key) if filing.operator_id else None
    return core.assess(status=result.status, required=result.required, deployed=result.deployed,
                       due=result.due_date, as_of=ctx.as_of, observed=ctx.cadence_for(filing), vehicle=vehicle,
                       counts_satellites=result.code in COUNT_CODES)


def risk_fields(filing, result, ctx: RiskContext) -> dict:
    """What the API and the pages show of a milestone's risk (plain values)."""
    a = assess(filing, result, ctx)
    c = a.cadence
    return {
        "risk": a.risk,
        "risk_label": core.RISK_LABELS[a.risk],
        "risk_reason": a.reason,
        "chance_of_meeting": a.chance,
        "rate_needed_per_month": a.rate_needed_per_month,
        "observed_cadence_per_month": c.per_month if c else None,
        "cadence_band": [c.low, c.high] if c else None,
        "cadence_basis": c.basis if c else None,
        "cadence_window": (f"{c.window_months} months to {c.window_end.isoformat()}" if c and c.window_end else None),
        "rate_exceeds_cadence": a.exceeds_cadence,
        "projection": a.projection_label or None,
        "launches_per_year_needed": list(a.launches_per_year) if a.launches_per_year else None,
        "vehicle": (f"{a.vehicle.name}, {a.vehicle.low}-{a.vehicle.high} satellites per launch ({a.vehicle.source})"
                    if a.vehicle else None),
        "consequence_if_missed": core.consequence_if_missed(result.code, result.consequence, result.provision),
    }
