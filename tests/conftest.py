"""Suite-wide test setup: services that some tests need, and a test database other processes can open."""

import os
import shutil
import tempfile

import pytest

from slotwatch.env import env_bool


def services_required() -> bool:
    """In CI a test that needs a service fails when the service is missing; locally it may skip."""
    return env_bool("CI", False) or env_bool("SLOTWATCH_REQUIRE_SERVICES", False)


def need_service(name: str, reason: str):
    if services_required():
        pytest.fail(f"{name} is required here (CI or SLOTWATCH_REQUIRE_SERVICES is set): {reason}", pytrace=False)
    pytest.skip(f"{name} not available ({reason}); set SLOTWATCH_REQUIRE_SERVICES=1 to make this a failure")


@pytest.fixture(scope="session")
def redis_url():
    """A reachable Redis (REDIS_URL, default redis://127.0.0.1:6379/0), or skip locally / fail in CI."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except Exception as exc:  # noqa: BLE001 - any failure means "no Redis here"
        need_service("Redis", f"{url}: {exc}")
    return url


# Tests that keep a process of their own (`make test` runs them after the parallel run, with -m serial): the
# browser tests share one Chromium per process, the fault tests start and stop services, and the worker
# integration test gives a Celery worker process the test database file and waits on its timing.
SERIAL = ("e2e/", "faults/", "security/test_csp_browser.py", "alerts/test_worker_integration.py")
TESTS = os.path.dirname(os.path.abspath(__file__))


@pytest.hookimpl(tryfirst=True)  # before -m "not serial" deselects by marker
def pytest_collection_modifyitems(config, items):
    for item in items:
        where = os.path.relpath(str(item.path), TESTS).replace(os.sep, "/")
        if where.startswith(SERIAL):
            item.add_marker(pytest.mark.serial)


def pytest_configure(config):
    from django.conf import settings

    # PBKDF2's 1,000,000 rounds cost most of a second per user made or signed in; tests need no strong hash
    # (settings.py keeps the slow default: tests/security/test_secrets.py).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # Tests that start a Celery worker process need a test database that process can open: SQLite's
    # default in-memory test database cannot be shared, so use a file, one per test session.
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        test = database.setdefault("TEST", {})
        if not test.get("NAME"):
            test["NAME"] = os.path.join(tempfile.gettempdir(), f"slotwatch-test-{os.getpid()}.sqlite3")


# -- the browser (tests/e2e, tests/security) ----------------------------------------------------------

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the fixtures
# (loading data for live_server) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _find_chromium() -> str | None:
    explicit = os.environ.get("SLOTWATCH_CHROMIUM")
    for candidate in ((explicit,) if explicit else ()) + CANDIDATES:
        path = candidate if os.path.isabs(candidate) else shutil.which(candidate)
        if path and os.access(path, os.X_OK):
            return path
    return None


@pytest.fixture(scope="session")
def chromium_path():
    """The one place that decides: skip locally, fail in CI, when the browser or Playwright is missing."""
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "Playwright for Python is not installed (pip install -r requirements-dev.txt)"
    path = _find_chromium()
    if problem is None and path is None:
        problem = "no Chromium found (apt-get install -y chromium, or set SLOTWATCH_CHROMIUM)"
    if problem:
        need_service("a browser", problem)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
