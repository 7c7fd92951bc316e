"""The registry's pages moved to the dashboard app (filters, sorting, paging, charts); the URL names
``filings:list`` and ``filings:detail`` stay in filings/urls.py."""

from dashboard.views import filing_detail, filing_list

__all__ = ["filing_detail", "filing_list"]
