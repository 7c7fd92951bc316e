"""Exact calendar arithmetic for regulatory deadlines.

Convention (used by every rule in this package):
- "N years after D" is the same month and day N calendar years later.
- 29 February plus N years, landing in a non-leap year, becomes 28 February: the
  deadline must not slip into March, i.e. the period never grows past N years.
- A deadline date is inclusive: something done ON the due date is in time.
"""
from __future__ import annotations

from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """Same month/day `years` later; 29 Feb falls back to 28 Feb in non-leap years."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # only 29 Feb can fail
        return day.replace(year=day.year + years, day=28)


def add_days(day: date, days: int) -> date:
    return day + timedelta(days=days)


def days_between(start: date, end: date) -> int:
    """Whole days from start to end (end - start); negative if end is earlier."""
    return (end - start).days
