"""Small builders for rules-core tests (plain Python, no Django)."""
from __future__ import annotations

from datetime import date

from compliance.rules import DeploymentSeries, FilingFacts, evaluate


def itu_facts(**overrides) -> FilingFacts:
    base = dict(filing_id=1, name="TEST-NGSO", regulator="itu", kind="itu_cr", status="filed",
                date_of_receipt=date(2020, 6, 15), satellites_filed=1000, res35_applies=True)
    base.update(overrides)
    return FilingFacts(**base)


def fcc_facts(**overrides) -> FilingFacts:
    base = dict(filing_id=2, name="TEST-FCC", regulator="fcc", kind="fcc_authorisation",
                status="granted", grant_date=date(2020, 6, 15), satellites_authorised=1000)
    base.update(overrides)
    return FilingFacts(**base)


def series(*counts, source: str = "reported") -> DeploymentSeries:
    return DeploymentSeries.from_counts(counts, source)


def result(facts, deployment, as_of, code, **kwargs):
    matches = [r for r in evaluate(facts, deployment, as_of, **kwargs) if r.code == code]
    assert len(matches) == 1, code
    return matches[0]
