from django.urls import path

from dashboard import analyst, constellation, views
from slotwatch.security import public_read  # SLOTWATCH_PUBLIC_READ off: sign in to read

app_name = "dashboard"
urlpatterns = [
    path("shells/", public_read(views.shells), name="shells"),
    path("compute/", public_read(views.compute), name="compute"),
    path("constellations/<int:pk>/", public_read(constellation.constellation_detail), name="constellation"),
    path("timeline/", public_read(analyst.timeline_page), name="timeline"),
    path("administrations/<str:code>/", public_read(analyst.administration_page), name="administration"),
    path("operators/<str:key>/", public_read(analyst.operator_page), name="operator"),
    path("compare/", public_read(analyst.compare), name="compare"),
]

# The registry's pages, mounted at /filings/ under the URL names filings:list and filings:detail.
filing_patterns = [
    path("", public_read(views.filing_list), name="list"),
    path("<int:pk>/", public_read(views.filing_detail), name="detail"),
]
