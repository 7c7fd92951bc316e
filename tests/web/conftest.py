import datetime as dt

import pytest
import time_machine

from tests.web.dataset import TODAY, build_small


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Anonymous pages are throttled per address (counts in the cache, and the clock is frozen): start with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fixed_today():
    """Pages default to today; pin it so statuses and windows are stable."""
    with time_machine.travel(dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.timezone.utc), tick=False):
        yield


@pytest.fixture
def registry(db):
    return build_small()
