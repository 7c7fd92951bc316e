"""The result of evaluating one milestone of one filing as of a date."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date


@dataclass(frozen=True)
class MilestoneResult:
    code: str
    regime: str
    title: str
    provision: str
    source: str
    confidence: str
    status: str
    due_date: date | None = None
    required: int | None = None
    deployed: int | None = None  # at the due date once passed, else as of as_of
    shortfall: int | None = None
    rate_needed_per_month: float | None = None
    projected_date: date | None = None
    projection_rate_per_month: float | None = None
    consequence: str = ""
    consequence_count: int | None = None  # e.g. the number the filing falls to
    missing_facts: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    assumptions: tuple[str, ...] = ()
    original_due_date: date | None = None  # set when an extension moved the due date
    report_due_date: date | None = None  # when deployment information is due (Res. 35)
    amount_usd: int | None = None  # surety bond amount (47 CFR 25.165)
    deployment_source: str = ""  # which reading the deployed count came from
    edition: str = ""  # key of the rule-set edition that governed (rulesets.EDITIONS)

    def to_dict(self) -> dict:
        return {f.name: _jsonable(getattr(self, f.name)) for f in fields(self)}


def _jsonable(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_jsonable(v) for v in value]
    return value
