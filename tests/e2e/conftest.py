"""Browser tests in a real headless Chromium (Debian's package) driven by Playwright, against live_server.

Chromium is looked up, never downloaded (no `playwright install`). Without it the tests skip, except
when CI or SLOTWATCH_REQUIRE_SERVICES is set: then a missing browser is a failure.
"""

from pathlib import Path

import pytest

SCREENSHOTS = Path(__file__).parent / "screenshots"
# chromium_path and browser are session fixtures in tests/conftest.py, shared with tests/security: Playwright's
# sync API allows one instance per thread, so two session-scoped copies would clash.


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
