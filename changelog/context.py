"""The request a change is made in, so the signal handlers know who made it and through which door."""

from __future__ import annotations

import contextvars
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

_current: contextvars.ContextVar[ChangeContext | None] = contextvars.ContextVar("slotwatch_change", default=None)


@dataclass
class ChangeContext:
    request: object = None
    user: object = None
    via: str = ""
    request_id: uuid.UUID = field(default_factory=uuid.uuid4)
    records: dict = field(default_factory=dict)  # (content type id, pk) -> ChangeRecord, to coalesce
    before: dict = field(default_factory=dict)  # (content type id, pk) -> field values before the save
    m2m_before: dict = field(default_factory=dict)
    m2m_snapshots: dict = field(default_factory=dict)  # (content type id, pk) -> {m2m field: keys} before the save
    deleting: set = field(default_factory=set)

    def who(self):
        # DRF authenticates inside the view and sets request.user then, so read it late.
        user = self.user if self.user is not None else getattr(self.request, "user", None)
        return user if user is not None and user.is_authenticated else None


def current() -> ChangeContext | None:
    return _current.get()


@contextmanager
def change_context(request=None, *, user=None, via=""):
    """Record the changes made inside this block (the middleware opens one per web request)."""
    context = ChangeContext(request=request, user=user, via=via)
    token = _current.set(context)
    try:
        yield context
        if context.records:
            from changelog.signals import finish

            finish(context)
    finally:
        _current.reset(token)


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
