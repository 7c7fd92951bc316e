"""Every page in a real browser: charts drawn by plotly.js from our static files, no console errors,
clicks from the shells map and the filings table to a filing, the filters, and screenshots."""

import re

import pytest

from filings.models import Filing

pytestmark = pytest.mark.django_db(transaction=True)


def wait_for_charts(page, expected: int | None = None):
    """Every figure div has drawn (plotly.js adds .plot-container / .main-svg); return how many."""
    targets = page.locator("[data-figure-target]")
    count = targets.count()
    if expected is not None:
        assert count == expected
    for i in range(count):
        div = targets.nth(i)
        div.locator(".main-svg").first.wait_for(state="attached")
        assert div.locator(".plot-container").count() == 1
    return count


def test_overview(page, live_server, bundled, shoot):
    page.goto(live_server.url + "/")
    assert page.title().startswith("Overview")
    wait_for_charts(page, expected=2)
    assert page.locator("svg.main-svg .scatterlayer .trace").count() > 0
    assert page.get_by_role("heading", name="Next deadlines").is_visible()
    assert page.locator("table caption").count() >= 4
    shoot(page, "overview-desktop")


def test_overview_as_of_control(page, live_server, bundled, shoot):
    page.goto(live_server.url + "/")
    page.fill("#as-of", "2025-06-01")
    page.get_by_role("button", name="Evaluate").click()
    page.wait_for_url(re.compile(r"as_of=2025-06-01"))
    wait_for_charts(page, expected=2)
    assert "as of 1 June 2025" in page.locator("h1").inner_text()
    shoot(page, "overview-as-of-2025")


def test_overview_on_a_phone(phone, live_server, bundled, shoot):
    phone.goto(live_server.url + "/")
    wait_for_charts(phone, expected=2)
    shoot(phone, "overview-phone")
    wide = phone.evaluate("""[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391
        && !e.closest('.table-wrap')).slice(0, 5).map(e => e.tagName + '.' + e.className)""")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"page is {width}px wide on a 390px screen: {wide}"


def test_filings_filters_sort_and_row_click(page, live_server, bundled, shoot):
    page.goto(live_server.url + "/filings/")
    rows = page.locator("#filings-table tbody tr")
    total = rows.count()
    assert total > 5
    page.select_option("#id_administration", "CHN")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"administration=CHN"))
    chinese = Filing.objects.filter(administration__iso_code="CHN").count()
    assert page.locator("#filings-table tbody tr").count() == min(chinese, 25)
    for cell in page.locator("#filings-table tbody tr td:nth-child(3)").all_inner_texts():
        assert cell.strip() == "China"
    export = page.get_by_role("link", name="CSV").get_attribute("href")
    assert export.startswith("/api/v1/filings/?") and "administration=CHN" in export and "format=csv" in export
    page.locator("#filings-table thead").get_by_role("link", name="Filing", exact=True).click()  # sort by name
    page.wait_for_url(re.compile(r"ordering=name"))
    names = page.locator("#filings-table tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=str.casefold) or names == sorted(names)
    shoot(page, "filings-filtered")
    first = page.locator("#filings-table tbody tr td:first-child a").first
    name = first.inner_text()
    first.click()
    page.wait_for_url(re.compile(r"/filings/\d+/$"))
    assert page.locator("h1").inner_text().startswith(name)


def test_filing_detail_and_what_if(page, live_server, bundled, shoot):
    filing = (Filing.objects.filter(shells__isnull=False, milestones__status__in=["upcoming", "due_soon"],
                                    milestones__required__isnull=False)
              .order_by("-satellites_filed").distinct().first())
    assert filing is not None, "the bundled data has a filing with shells and an open, counted milestone"
    page.goto(live_server.url + filing.get_absolute_url())
    drawn = wait_for_charts(page)
    assert drawn >= 2
    assert page.locator("#milestones-table tbody tr").count() >= 1
    shoot(page, "filing-detail")
    page.fill("#id_rate", "150")
    page.fill("#id_start", "2027-01-01")
    page.get_by_role("button", name="Re-evaluate").click()
    page.wait_for_url(re.compile(r"rate=150"))
    assert page.locator("#whatif-table tbody tr").count() >= 1
    assert page.locator("#whatif-table .ms-met, #whatif-table .ms-missed").count() >= 1
    wait_for_charts(page)
    assert page.locator("#deployment-chart .scatterlayer .trace").count() >= 2
    shoot(page, "filing-what-if")


def test_filing_detail_on_a_phone(phone, live_server, bundled, shoot):
    filing = Filing.objects.filter(shells__isnull=False).order_by("-satellites_filed").first()
    phone.goto(live_server.url + filing.get_absolute_url())
    wait_for_charts(phone)
    shoot(phone, "filing-detail-phone")


def test_shells_map_click_opens_the_filing(page, live_server, bundled, shoot):
    page.goto(live_server.url + "/shells/")
    wait_for_charts(page, expected=1)
    shoot(page, "shells-operator")
    page.get_by_role("link", name="Administration").click()
    page.wait_for_url(re.compile(r"colour=administration"))
    wait_for_charts(page, expected=1)
    shoot(page, "shells-administration")
    # Click the centre of the first bubble plotly drew; the static click handler opens its filing.
    point = page.locator("#shells-map .scatterlayer .trace .points path").first
    point.wait_for(state="attached")
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/filings/\d+/$"))
    assert page.locator("h1").count() == 1
    wait_for_charts(page)


def test_compute_race(page, live_server, bundled, shoot):
    page.goto(live_server.url + "/compute/")
    wait_for_charts(page, expected=2)
    assert page.get_by_role("heading", name="Assumptions").is_visible()
    shoot(page, "compute")


def test_keyboard_focus_is_visible(page, live_server, bundled):
    page.goto(live_server.url + "/filings/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_constellation_page_from_the_filing_page(page, live_server, bundled, shoot):
    filing = Filing.objects.filter(constellation__key="starlink").order_by("pk").first()
    page.goto(live_server.url + filing.get_absolute_url())
    page.get_by_role("link", name=filing.constellation.name, exact=True).click()
    page.wait_for_url(re.compile(r"/constellations/\d+/$"))
    assert page.locator("#attribution-table").is_visible() and page.locator("#conflicts-table").is_visible()
    assert page.locator("#attribution-data-date").inner_text().strip()
    shoot(page, "constellation")


def test_constellation_page_on_a_phone(phone, live_server, bundled, shoot):
    filing = Filing.objects.filter(constellation__key="starlink").order_by("pk").first()
    phone.goto(live_server.url + f"/constellations/{filing.constellation_id}/")
    shoot(phone, "constellation-phone")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"page is {width}px wide on a 390px screen"
