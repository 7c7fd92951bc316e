"""Just the engine endpoint, so its tests do not depend on the rest of the API being importable."""

from django.urls import include, path

urlpatterns = [path("api/v1/engine/", include("constellations.api.engine"))]
