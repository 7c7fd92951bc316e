"""Request rates for anonymous and token clients (``SLOTWATCH_API_ANON_RATE``, ``SLOTWATCH_API_TOKEN_RATE``).

Signed-in browser sessions are not throttled. Counts live in the default cache, so with several processes and the
default per-process memory cache each process counts on its own; point ``CACHES`` at Redis to share them.
"""

from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

__all__ = ("AnonThrottle", "TokenThrottle")


class AnonThrottle(AnonRateThrottle):
    scope = "anon"


class TokenThrottle(SimpleRateThrottle):
    """One budget per API token (not per user: a user's scripts each get their own token and budget)."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None or not hasattr(token, "digest"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}
