from compliance.api import views

# (URL prefix, viewset, basename) for the router in slotwatch/api_urls.py.
routes = [
    ("milestones", views.MilestoneViewSet, "milestone"),
    ("scores", views.FilingScoreViewSet, "filingscore"),
]
