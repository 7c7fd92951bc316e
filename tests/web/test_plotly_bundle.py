"""The vendored plotly.js partial bundle (static/vendor/) draws every figure the pages hand it (issue 17).

The bundle has the scatter, bar and pie traces only: a figure with another trace type would draw nothing in the
browser, silently. So every page's figures are checked here, and the bundle's plotly.js version against the one
the Python plotly package (which validates the figures) ships.
"""

import re
from pathlib import Path

import plotly
import pytest
from django.conf import settings
from django.urls import reverse

from tests.web.test_pages import figures_in

BUNDLE = Path(settings.BASE_DIR) / "static" / "vendor" / "plotly-basic.min.js"
BUNDLE_TRACES = {"scatter", "bar", "pie"}  # plotly.js-basic-dist-min (static/vendor/README.md)


def _version(path: Path) -> str:
    with path.open() as f:
        return re.search(r"plotly\.js (?:\([^)]*\) )?v(\d+\.\d+\.\d+)", f.read(400)).group(1)


def test_the_bundle_is_the_plotly_js_version_the_python_package_ships():
    shipped = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    assert _version(BUNDLE) == _version(shipped)
    assert BUNDLE.stat().st_size < 1_500_000  # the partial bundle, not the 4.8 MB full one


@pytest.mark.django_db
def test_every_figure_uses_only_traces_the_bundle_has(client, registry):
    urls = ["/", reverse("filings:list"), registry["kuiper"].get_absolute_url(), "/shells/", "/compute/"]
    seen = set()
    for url in urls:
        for target, spec in figures_in(client.get(url).content.decode()).items():
            kinds = {trace.get("type", "scatter") for trace in spec["data"]}
            assert kinds <= BUNDLE_TRACES, (url, target, kinds - BUNDLE_TRACES)
            seen |= kinds
    assert seen, "no figure was checked"
