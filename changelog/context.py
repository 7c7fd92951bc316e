"""The request a change is made in, so the signal handlers know who made it and through which door."""

from __future__ import annotations

from contextlib import contextmanager

from changelog.signals import finish
from changelog.state import ChangeContext, active


@contextmanager
def change_context(request=None, *, user=None, via=""):
    """Record the changes made inside this block (the middleware opens one per web request)."""
    with active(ChangeContext(request=request, user=user, via=via)) as context:
        yield context
        if context.records:
            finish(context)


def via_for(path: str) -> str:
    if path.startswith("/api/"):
        return "api"
    if path.startswith("/admin/"):
        return "admin"
    return "web"


class ChangeContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with change_context(request, via=via_for(request.path_info)):
            return self.get_response(request)
