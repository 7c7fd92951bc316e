"""The change context of the running request: who is changing what, read by the signal handlers that record it.

Kept apart from the middleware (changelog.context), which opens a context and, at its end, has the recorder
(changelog.signals) finish it: the recorder reads the state, the middleware drives both.
"""

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
def active(context: ChangeContext):
    """Make ``context`` the current one inside this block."""
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
