"""Pure rules core: regulatory deadlines for satellite filings. No Django imports here.

Entry point: `evaluate(facts, deployment, as_of, rule_sets=None) -> list[MilestoneResult]`.
Rule sets are editions, as data (`rulesets.EDITIONS`); `edition_for` picks the one in force.
"""
from .calendar import add_days, add_years
from .codes import MILESTONE_CODES, RESULT_STATUSES
from .deployment import DeploymentPoint, DeploymentSeries, Reading, first_with_data
from .editions import NoEditionInForce, edition_for
from .evaluation import evaluate
from .facts import FilingFacts, Notice, Waiver
from .fcc import bond_amount, bond_due
from .itu import end_of_period, res35_schedule
from .results import MilestoneResult
from .rulesets import (CONFIRMED, EDITIONS, FCC_PART25_2021, ITU_RR_2024, REPORTED, UNCONFIRMED,
                       Param, Provision, RuleSet)

__all__ = [
    "evaluate", "FilingFacts", "Notice", "Waiver", "DeploymentPoint", "DeploymentSeries", "Reading",
    "first_with_data", "MilestoneResult", "RuleSet", "Param", "Provision", "ITU_RR_2024",
    "FCC_PART25_2021", "EDITIONS", "edition_for", "NoEditionInForce", "CONFIRMED", "REPORTED",
    "UNCONFIRMED", "MILESTONE_CODES", "RESULT_STATUSES", "add_years", "add_days", "bond_amount",
    "bond_due", "end_of_period", "res35_schedule",
]
