"""With DEBUG on, Django answers a page that is not found with its technical 404 (the URL patterns, the
settings module); the app's own pages get the site's styled 404 instead, so what a developer sees is what a
visitor sees. The API (JSON errors), the admin and static files keep Django's answer."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponseNotFound
from django.template.loader import render_to_string

__all__ = ["StyledNotFoundMiddleware"]

# Paths whose 404s are not pages of the app.
KEEP = ("/api/", "/admin/", "/static/")


class StyledNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (settings.DEBUG and response.status_code == 404 and not request.path.startswith(KEEP)
                and response.get("Content-Type", "").startswith("text/html")
                and not getattr(response, "streaming", False)
                and b'class="error-page"' not in response.content):
            html = render_to_string("404.html", {"request_path": request.path}, request=request)
            return HttpResponseNotFound(html)
        return response
