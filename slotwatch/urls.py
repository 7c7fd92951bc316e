from django.contrib import admin
from django.urls import include, path

from filings.views import FilingListView

urlpatterns = [
    path("", FilingListView.as_view(), name="home"),
    path("filings/", include("filings.urls")),
    path("admin/", admin.site.urls),
]
