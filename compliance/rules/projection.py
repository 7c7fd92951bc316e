"""Deployment-rate arithmetic for 'how fast must they launch' and 'when will they get there'."""
from __future__ import annotations

import math
from datetime import date

from .calendar import add_days, days_between

# Mean Gregorian month, so a monthly rate does not depend on which months a span crosses.
DAYS_PER_MONTH = 365.2425 / 12


def per_month(rate_per_day: float | None) -> float | None:
    return None if rate_per_day is None else round(rate_per_day * DAYS_PER_MONTH, 3)


def rate_needed_per_month(current: int, required: int, as_of: date, due: date) -> float | None:
    """Satellites/month from as_of to due to reach `required`; None once the due date has come."""
    days = days_between(as_of, due)
    if days <= 0:
        return None
    return round(max(required - current, 0) / days * DAYS_PER_MONTH, 3)


def projected_date(current: int, required: int, as_of: date,
                   rate_per_day: float | None) -> date | None:
    """Date the recent rate reaches `required`; None if already reached or the rate is <= 0."""
    if current >= required or rate_per_day is None or rate_per_day <= 0:
        return None
    try:
        return add_days(as_of, math.ceil((required - current) / rate_per_day))
    except OverflowError:  # a trickle against a large requirement: past 9999-12-31 is "never"
        return None


def share(total: int, pct: int, rounding: str) -> int:
    """pct % of total in exact integer arithmetic; 'ceil' means 'at least pct %'."""
    if rounding == "ceil":
        return -(-total * pct // 100)
    if rounding == "floor":
        return total * pct // 100
    raise ValueError(f"unknown rounding {rounding!r}")
