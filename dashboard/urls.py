from django.urls import path

from dashboard import constellation, views
from slotwatch.security import public_read  # SLOTWATCH_PUBLIC_READ off: sign in to read

app_name = "dashboard"
urlpatterns = [
    path("shells/", public_read(views.shells), name="shells"),
    path("compute/", public_read(views.compute), name="compute"),
    path("constellations/<int:pk>/", public_read(constellation.constellation_detail), name="constellation"),
]

# The registry's pages, mounted at /filings/ under the URL names filings:list and filings:detail.
filing_patterns = [
    path("", public_read(views.filing_list), name="list"),
    path("<int:pk>/", public_read(views.filing_detail), name="detail"),
]
