"""Browser tests in a real headless Chromium (Debian's package) driven by Playwright, against live_server.

Chromium is looked up, never downloaded (no `playwright install`). Without it the tests skip, except
when CI or SLOTWATCH_REQUIRE_SERVICES is set: then a missing browser is a failure.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the fixtures
# (loading data for live_server) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).parent / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _required() -> bool:
    return any(os.environ.get(name, "").strip() not in ("", "0", "false") for name in ("CI", "SLOTWATCH_REQUIRE_SERVICES"))


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
        if _required():
            pytest.fail(f"browser tests required (CI / SLOTWATCH_REQUIRE_SERVICES): {problem}")
        pytest.skip(problem)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Console:
    """Console errors and uncaught page errors seen while a page was open."""

    def __init__(self):
        self.errors = []

    def on_console(self, message):
        if message.type == "error" and not (message.location or {}).get("url", "").endswith("favicon.ico"):
            self.errors.append(f"console: {message.text} ({(message.location or {}).get('url', '')})")

    def on_page_error(self, error):
        self.errors.append(f"page error: {error}")

    def on_response(self, response):
        if response.status >= 400 and not response.url.endswith("favicon.ico"):
            self.errors.append(f"HTTP {response.status}: {response.url}")


def _open(browser, viewport):
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    page = context.new_page()
    console = Console()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    page.on("response", console.on_response)
    page.set_default_timeout(15_000)
    page.console = console
    return context, page


@pytest.fixture
def page(browser):
    context, page = _open(browser, {"width": 1280, "height": 900})
    yield page
    context.close()
    assert not page.console.errors, page.console.errors


@pytest.fixture
def phone(browser):
    context, page = _open(browser, {"width": 390, "height": 844})
    yield page
    context.close()
    assert not page.console.errors, page.console.errors


@pytest.fixture
def bundled(transactional_db):
    """The full bundled dataset (filings/data/*.yaml) with today's Milestone rows."""
    from tests.web.dataset import load_bundled

    load_bundled()


@pytest.fixture
def shoot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def save(page, name):
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return save
