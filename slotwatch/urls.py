from django.contrib import admin
from django.urls import include, path

from dashboard import views as dashboard_views
from dashboard.urls import filing_patterns
from slotwatch.security import public_read

urlpatterns = [
    path("", public_read(dashboard_views.overview), name="home"),
    path("", include("dashboard.urls")),
    path("api/v1/engine/", include("constellations.api.engine")),  # before any api/v1/ include
    path("filings/", include((filing_patterns, "filings"))),
    path("alerts/", include("alerts.urls")),
    path("admin/", admin.site.urls),
    path("api/", include("slotwatch.api_urls")),
    path("account/", include("accounts.urls")),
]
