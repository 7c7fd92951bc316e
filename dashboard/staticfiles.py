"""Serve plotly.js from the installed plotly package as ``vendor/plotly.min.js``.

The file ships inside the Python package (plotly/package_data/plotly.min.js), so the browser gets
exactly the plotly.js version the figures were built for, from our own static files, with no CDN
and no copy to keep in step. runserver, the test live server and whitenoise (DEBUG) find it through
this finder; ``collectstatic`` copies it to STATIC_ROOT for production like any other static file.
"""

from pathlib import Path

from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PLOTLY_STATIC_NAME = "vendor/plotly.min.js"


def plotly_js_path() -> Path:
    import plotly

    return Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs):
        from django.core.checks import Error

        if not plotly_js_path().is_file():
            return [Error(f"plotly.min.js not found at {plotly_js_path()}", id="dashboard.E001")]
        return []

    def find(self, path, find_all=False, **kwargs):
        # Django 5.2 renamed ``all`` to ``find_all``; accept either.
        find_all = kwargs.get("all", find_all)
        if path != PLOTLY_STATIC_NAME:
            return [] if find_all else None
        found = str(plotly_js_path())
        return [found] if find_all else found

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=str(plotly_js_path().parent))
        storage.prefix = "vendor"
        yield "plotly.min.js", storage
