"""Exact calendar arithmetic for regulatory deadlines.

Convention (used by every rule in this package):
- "N years after D" is the same month and day N calendar years later.
- 29 February plus N years, landing in a non-leap year, becomes 28 February: the
  deadline must not slip into March, i.e. the period never grows past N years.
- A deadline date is inclusive: something done ON the due date is in time.
- Dates saturate at the ends of the calendar: a deadline that would fall after 9999-12-31 (a
  hostile or mistyped year 9999 receipt) is 9999-12-31, one before 0001-01-01 is 0001-01-01,
  so the rules still answer instead of raising OverflowError. No real deadline comes near either.
"""
from __future__ import annotations

from datetime import date, timedelta


def add_years(day: date, years: int) -> date:
    """Same month/day `years` later; 29 Feb falls back to 28 Feb in non-leap years."""
    year = day.year + years
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    try:
        return day.replace(year=year)
    except ValueError:  # only 29 Feb can fail
        return day.replace(year=year, day=28)


def add_days(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:  # past either end of the calendar (or a timedelta too large to exist)
        return date.max if days > 0 else date.min


def days_between(start: date, end: date) -> int:
    """Whole days from start to end (end - start); negative if end is earlier."""
    return (end - start).days


def add_months(day: date, months: int) -> date:
    """Same day `months` calendar months later (or earlier, for a negative count); a day the target month
    lacks becomes its last day (31 Aug + 6 months = 28/29 Feb), as add_years does for 29 February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > date.max.year:
        return date.max
    if year < date.min.year:
        return date.min
    for last in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month + 1, day=min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has 28 days")
