"""Request rates: anonymous and token clients (``SLOTWATCH_API_ANON_RATE``, ``SLOTWATCH_API_TOKEN_RATE``), exports
(``SLOTWATCH_API_EXPORT_RATE``, every client) and anonymous dashboard pages (``SLOTWATCH_PAGE_ANON_RATE``,
``slotwatch.security.PageThrottle``).

Signed-in browser sessions are not throttled on JSON reads; their exports are. An anonymous client is known by
``slotwatch.security.client_address``, the same address the sign-in throttle counts (``SLOTWATCH_PROXY_COUNT``):
DRF's own ``get_ident`` trusts any ``X-Forwarded-For`` a client sends while ``NUM_PROXIES`` is unset, so a spoofed
header would lift the limit or spend another client's quota. Counts live in the default cache, so with several
processes and the default per-process memory cache each process counts on its own; point ``CACHES`` at Redis to
share them.
"""

from rest_framework.throttling import SimpleRateThrottle

from slotwatch.api.exports import EXPORT_FORMATS
from slotwatch.security import client_address

__all__ = ("AnonThrottle", "ExportThrottle", "TokenThrottle", "is_export")

def is_export(request) -> bool:
    return str(request.GET.get("format", "")) in EXPORT_FORMATS


class _AddressIdent:
    def get_ident(self, request):
        return client_address(request)


class AnonThrottle(_AddressIdent, SimpleRateThrottle):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None  # signed in or holding a token: not anonymous
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class TokenThrottle(SimpleRateThrottle):
    """One budget per API token (not per user: a user's scripts each get their own token and budget)."""

    scope = "token"

    def get_cache_key(self, request, view):
        token = request.auth
        if token is None or not hasattr(token, "digest"):
            return None
        return self.cache_format % {"scope": self.scope, "ident": token.pk}


class ExportThrottle(_AddressIdent, SimpleRateThrottle):
    """``?format=csv|xlsx`` of a list costs seconds of CPU where a JSON page costs milliseconds: its own, lower
    budget, per token, per signed-in user, or per client address."""

    scope = "export"

    def get_cache_key(self, request, view):
        if not is_export(request) or getattr(view, "action", "list") != "list":
            return None
        token = getattr(request, "auth", None)
        if token is not None and hasattr(token, "digest"):
            ident = f"token:{token.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"address:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
