from filings.api import views

# (URL prefix, viewset, basename) for the router in slotwatch/api_urls.py.
routes = [
    ("filings", views.FilingViewSet, "filing"),
    ("shells", views.FilingShellViewSet, "filingshell"),
    ("notices", views.FilingNoticeViewSet, "filingnotice"),
    ("sources", views.SourceViewSet, "source"),
    ("administrations", views.AdministrationViewSet, "administration"),
    ("operators", views.OperatorViewSet, "operator"),
]
