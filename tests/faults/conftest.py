"""Fixtures of the fault tests: the alert cast of tests/alerts, and services the tests start and stop themselves.

Every service is our own (a redis-server on a free port, a PostgreSQL cluster in a temporary folder, an
aiosmtpd server): the shared servers other test runs use are never stopped or restarted. A missing binary
skips locally and fails when CI or SLOTWATCH_REQUIRE_SERVICES is set (tests/conftest.need_service).
"""

import pytest

from slotwatch.celery import app
from tests.alerts.conftest import alice, bob, charlie, kuiper, subscribe, usa  # noqa: F401 - fixtures
from tests.faults.services import RedisServer


@pytest.fixture
def cast(alice, bob, charlie, kuiper):  # noqa: F811
    """Three subscribers to Kuiper Gen1's 100 % milestone: 90 days before it, three alerts fall due."""
    for user in (alice, bob, charlie):
        subscribe(user, filings=[kuiper], codes=["fcc_m100"])
    return kuiper


@pytest.fixture
def redis_server():
    """A redis-server of our own on a free port (not started yet); stopped and removed afterwards."""
    server = RedisServer()
    yield server
    server.remove()


@pytest.fixture(autouse=True)
def _not_eager():
    """Tasks go through a broker (or a test's stand-in for one), never run inline by accident."""
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = eager
