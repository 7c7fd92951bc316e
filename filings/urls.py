from django.urls import path

from filings import views

app_name = "filings"
urlpatterns = [
    path("", views.FilingListView.as_view(), name="list"),
    path("<int:pk>/", views.FilingDetailView.as_view(), name="detail"),
]
