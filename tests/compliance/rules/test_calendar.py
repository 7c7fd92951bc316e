from datetime import date

import pytest

from compliance.rules.calendar import add_days, add_years, days_between


@pytest.mark.parametrize("start, years, expected", [
    (date(2025, 12, 29), 7, date(2032, 12, 29)),   # plain anniversary
    (date(2020, 2, 29), 7, date(2027, 2, 28)),     # leap day into a common year -> 28 Feb
    (date(2020, 2, 29), 4, date(2024, 2, 29)),     # leap day into a leap year stays 29 Feb
    (date(2020, 2, 29), 1, date(2021, 2, 28)),
    (date(2019, 2, 28), 1, date(2020, 2, 28)),     # 28 Feb never becomes 29 Feb
    (date(2020, 3, 1), 1, date(2021, 3, 1)),
    (date(2032, 2, 29), -4, date(2028, 2, 29)),
])
def test_add_years_is_exact_calendar_arithmetic(start, years, expected):
    assert add_years(start, years) == expected


def test_add_days_and_days_between_are_inverse():
    assert add_days(date(2024, 2, 28), 2) == date(2024, 3, 1)
    assert days_between(date(2021, 11, 2), date(2023, 9, 15)) == 682
    assert days_between(date(2023, 9, 15), date(2021, 11, 2)) == -682
