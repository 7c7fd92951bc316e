from datetime import date, datetime, timezone

import numpy as np
import pytest

from constellations.engine import make_window, sun_directions


def test_sun_directions_are_unit_vectors_and_cached():
    window = make_window(date(2025, 3, 1), date(2025, 4, 1), 60)
    first = sun_directions(window)
    assert first.unit.shape == (31 * 24, 3)
    assert np.allclose(np.linalg.norm(first.unit, axis=1), 1.0)
    assert sun_directions(make_window(datetime(2025, 3, 1, tzinfo=timezone.utc), date(2025, 4, 1), 60)) is first
    with pytest.raises(ValueError):
        first.unit[0, 0] = 0.0  # the cached table is read-only


def test_sun_at_march_equinox_is_near_the_x_axis():
    # 2025 March equinox: 20 March 09:01 UTC; the Sun is then at RA 0, declination 0 of date.
    window = make_window(datetime(2025, 3, 20, 9, 1), datetime(2025, 3, 20, 10, 1), 60)
    x, y, z = sun_directions(window).unit[0]
    assert x == pytest.approx(1.0, abs=1e-6)
    assert abs(y) < 2e-4 and abs(z) < 2e-4


def test_window_steps_cover_half_open_interval():
    assert make_window(date(2025, 1, 1), date(2026, 1, 1), 60).n_steps == 8760
    assert make_window(date(2025, 1, 1), date(2025, 1, 2), 7).n_steps == 206  # ceil(1440 / 7)
