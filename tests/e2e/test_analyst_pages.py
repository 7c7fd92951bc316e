"""The analyst's pages and the charts in Chromium at 1440x900 and 390x844: charts draw, each offers its data as a
CSV of the plotted rows, the timeline's rows match the API, nothing runs off a phone's screen; screenshots saved."""

import re

import pytest

from tests.e2e.conftest import _open
from tests.e2e.test_pages import wait_for_charts

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = {"laptop": {"width": 1440, "height": 900}, "phone": {"width": 390, "height": 844}}
PAGES = {
    "timeline": "/timeline/",
    "administration": "/administrations/USA/",
    "operator": "/operators/spacex/",
    "compare": "/compare/?filings=starlink-gen2,spacex-odc,ctc-1,cinnamon-937",
    "compute": "/compute/",
    "shells": "/shells/",
}


@pytest.fixture(params=list(SIZES))
def sized(request, browser):
    context, page = _open(browser, SIZES[request.param])  # downloads are accepted by default
    page.size_name = request.param
    yield page
    context.close()
    assert not page.console.errors, page.console.errors


def csv_of(page, figure_id):
    """The file a chart's CSV link downloads (a blob: URL made by static/js/figures.js)."""
    link = page.locator(f"#{figure_id}-figure a.chart-csv")
    link.wait_for(state="attached")
    link.scroll_into_view_if_needed()
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"{figure_id}.csv"
    with open(download.path(), encoding="utf-8", newline="") as handle:  # RFC 4180 CRLF line ends
        return handle.read()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_draws_at_both_sizes(sized, live_server, bundled, shoot, name):
    sized.goto(live_server.url + PAGES[name])
    drawn = wait_for_charts(sized)
    if name != "compare":
        assert drawn >= 1
    for div in sized.locator("[data-figure-target]").all():
        figure_id = div.get_attribute("id")
        text = csv_of(sized, figure_id)
        header, *rows = [line for line in text.split("\r\n") if line]
        spec_rows = sized.evaluate(
            """id => JSON.parse(document.querySelector(`script[data-target="${id}"]`).textContent).csv.rows.length""",
            figure_id)
        assert header and len(rows) == spec_rows > 0
        height = div.bounding_box()["height"]
        assert height >= 220, f"{figure_id} is {height}px tall"
    if sized.size_name == "phone":
        width = sized.evaluate("document.documentElement.scrollWidth")
        assert width <= 391, f"{name} is {width}px wide on a 390px screen"
    shoot(sized, f"{name}-{sized.size_name}")


def test_timeline_rows_match_the_api_and_filter(sized, live_server, bundled):
    sized.goto(live_server.url + "/timeline/")
    wait_for_charts(sized, expected=1)
    api = sized.evaluate("""() => fetch('/api/v1/milestones/?status=due_soon&status=upcoming&limit=1000')
        .then(r => r.json()).then(j => j.results.filter(r => r.due_date).length)""")
    shown = sized.locator("#timeline-table tbody tr").count()
    assert 0 < shown <= api  # the API also lists closed filings' milestones; the timeline only live filings'
    sized.select_option("#id_administration", "CHN")  # submits on change
    sized.wait_for_url(re.compile(r"administration=CHN"))
    wait_for_charts(sized, expected=1)
    filings = sized.locator("#timeline-table tbody th a").all_inner_texts()
    assert filings and len(filings) < shown
    chinese = sized.evaluate("""() => fetch('/api/v1/milestones/?status=due_soon&status=upcoming&administration=CHN&limit=1000')
        .then(r => r.json()).then(j => j.results.filter(r => r.due_date).length)""")
    assert len(filings) == chinese


def test_the_as_of_label_is_not_under_the_toolbar(sized, live_server, bundled):
    sized.goto(live_server.url + "/timeline/")
    wait_for_charts(sized, expected=1)
    sized.hover("#deadline-timeline")
    label = sized.locator("#deadline-timeline .annotation-text", has_text="as of").first
    bar = sized.locator("#deadline-timeline .modebar").first
    if bar.count() and bar.is_visible():
        a, b = label.bounding_box(), bar.bounding_box()
        overlap = not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                       or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
        assert not overlap
