from django.urls import path

from filings import views
from slotwatch.security import public_read  # SLOTWATCH_PUBLIC_READ off: sign in to read

app_name = "filings"
urlpatterns = [
    path("", public_read(views.filing_list), name="list"),
    path("<int:pk>/", public_read(views.filing_detail), name="detail"),
]
