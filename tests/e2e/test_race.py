"""The overview's race table in Chromium at a laptop's 1440x900 and a phone's 390x844: the largest filings are in
view without scrolling on the laptop, the data date and how the totals are counted are named, screenshots saved."""
import pytest

from tests.e2e.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

LARGEST = ("SpaceX Orbital Data Center", "CINNAMON-937", "CTC-1", "CTC-2")


@pytest.fixture
def laptop(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def test_race_table_on_a_laptop(laptop, live_server, bundled, shoot):
    laptop.goto(live_server.url + "/")
    table = laptop.locator("#race-table")
    table.wait_for()
    for name in LARGEST:
        link = table.get_by_role("link", name=name).first
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 900, f"{name} is below the fold at {box}"
    assert "In-orbit counts:" in laptop.locator("#data-date").inner_text()
    assert "counted once" in laptop.locator("#how-counted").inner_text()
    cinnamon = table.locator("tr[data-filing='cinnamon-937']")
    assert cinnamon.get_attribute("data-risk") == "at_risk"
    shoot(laptop, "race-laptop-1440x900")
    SCREENSHOTS.mkdir(exist_ok=True)
    laptop.screenshot(path=str(SCREENSHOTS / "race-laptop-1440x900-fold.png"))  # the first screen only


def test_race_table_on_a_phone(phone, live_server, bundled, shoot):
    phone.goto(live_server.url + "/")
    phone.locator("#race-table").wait_for()
    assert phone.locator("#race-table tbody tr").count() > 10
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 391, f"page is {width}px wide on a 390px screen"
    shoot(phone, "race-phone-390x844")
    phone.locator("#race-table-head").scroll_into_view_if_needed()
    phone.screenshot(path=str(SCREENSHOTS / "race-phone-390x844-table.png"))  # the screen the table starts on
    first = phone.locator("#race-table tbody tr").first.bounding_box()
    assert first["height"] < 120, f"the first race row is {first['height']}px tall on a phone"
