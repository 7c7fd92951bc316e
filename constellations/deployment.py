"""Deployment series per filing from the catalog (filled in by the catalog import)."""

from __future__ import annotations


def catalog_series_for_filing(filing):
    """The catalog-derived series for a filing, or None where no catalog data covers it."""
    return None
