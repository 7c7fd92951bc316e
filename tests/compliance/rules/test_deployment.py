from datetime import date

import pytest

from compliance.rules import DeploymentPoint, DeploymentSeries, first_with_data

from .factories import series


def test_points_are_sorted_whatever_the_input_order():
    s = series((date(2026, 3, 1), 20), (date(2026, 1, 1), 10))
    assert [p.on for p in s.points] == [date(2026, 1, 1), date(2026, 3, 1)]


@pytest.mark.parametrize("day, expected", [
    (date(2025, 12, 31), None),  # before the first point: unknown, not zero
    (date(2026, 1, 1), 10),      # on a point
    (date(2026, 2, 15), 10),     # in a gap: last known count holds
    (date(2026, 3, 1), 25),
    (date(2026, 4, 1), 18),      # re-entries: counts may fall
    (date(2030, 1, 1), 18),
])
def test_count_at_is_last_known_point_on_or_before(day, expected):
    s = series((date(2026, 1, 1), 10), (date(2026, 3, 1), 25), (date(2026, 4, 1), 18))
    assert s.count_at(day) == expected


def test_duplicate_dates_and_negative_counts_are_rejected():
    with pytest.raises(ValueError):
        series((date(2026, 1, 1), 1), (date(2026, 1, 1), 2))
    with pytest.raises(ValueError):
        DeploymentPoint(date(2026, 1, 1), -1)


def test_reading_falls_back_to_in_orbit_when_on_station_unknown():
    s = series((date(2026, 1, 1), 10, 7), (date(2026, 2, 1), 12))
    assert s.reading_at(date(2026, 1, 15), "on_station").count == 7
    fallback = s.reading_at(date(2026, 2, 15), "on_station")
    assert (fallback.count, fallback.measure) == (12, "in_orbit")


def test_recent_rate_is_slope_over_trailing_window():
    s = series((date(2025, 1, 1), 0), (date(2026, 1, 1), 100), (date(2026, 1, 11), 120))
    # window 10 days back from 2026-01-11 lands on the 2026-01-01 point: 20 satellites / 10 days
    assert s.recent_rate(date(2026, 1, 11), window_days=10) == pytest.approx(2.0)


def test_recent_rate_uses_first_point_when_series_is_younger_than_window():
    s = series((date(2026, 1, 1), 0), (date(2026, 1, 31), 60))
    assert s.recent_rate(date(2026, 1, 31), window_days=180) == pytest.approx(2.0)


def test_recent_rate_can_be_negative_and_needs_two_points():
    falling = series((date(2026, 1, 1), 100), (date(2026, 1, 11), 90))
    assert falling.recent_rate(date(2026, 1, 11)) == pytest.approx(-1.0)
    assert series((date(2026, 1, 1), 5)).recent_rate(date(2026, 6, 1)) is None
    assert DeploymentSeries().recent_rate(date(2026, 6, 1)) is None


def test_first_with_data_prefers_the_first_non_empty_series():
    catalog = series((date(2026, 1, 1), 50), source="catalog")
    reported = series((date(2026, 1, 1), 40))
    assert first_with_data(catalog, reported).source == "catalog"
    assert first_with_data(DeploymentSeries(source="catalog"), reported).source == "reported"
    assert first_with_data(None).is_empty()
