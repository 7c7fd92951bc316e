"""The REST API: one router for every app's endpoints under /api/v1/, the OpenAPI schema and its docs.

Each app lists its endpoints in ``<app>/api/urls.py`` as ``routes``; add an app's module to ``ROUTE_MODULES``
to publish them.
"""

from importlib import import_module

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

ROUTE_MODULES = [
    "filings.api.urls",
    "constellations.api.urls",
    "compliance.api.urls",
    "changelog.api.urls",
]


class Router(DefaultRouter):
    include_format_suffixes = False  # ?format=csv, not /filings.csv: one way to ask


router = Router()
for module in ROUTE_MODULES:
    for prefix, viewset, basename in import_module(module).routes:
        router.register(prefix, viewset, basename=basename)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's init script from /api/docs/?script and our template has no inline
    # style: the docs run under the strict Content-Security-Policy (slotwatch/security.py).
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api-schema", template_name="api/swagger_ui.html"),
         name="api-docs"),
]
