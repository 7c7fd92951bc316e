"""``Authorization: Token sw_...`` (or ``Bearer sw_...``) for DRF."""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import cache
from rest_framework import authentication, exceptions

from accounts.models import Token, digest_of
from slotwatch.security import client_address

KEYWORDS = {b"token", b"bearer"}


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the header as 'Authorization: Token <secret>'.")
        failures = TokenFailures(request)
        wait = failures.locked_for()
        if wait:
            raise exceptions.Throttled(wait, "Too many failed token authentications from your address.")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            failures.failed()
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = Token.objects.active().select_related("user").filter(digest=digest_of(secret)).first()
        if token is None or not token.user.is_active:
            failures.failed()
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class TokenFailures:
    """Failed token authentications per client address (the sign-in throttle's address): after
    ``SLOTWATCH_TOKEN_MAX_FAILURES`` in a window of ``SLOTWATCH_TOKEN_LOCKOUT_SECONDS``, every ``Authorization``
    header from that address is refused (429) until the window ends, valid or not, so guessing stays slow. Tokens
    hold 256 random bits, so this is about load and noise more than about guessing."""

    def __init__(self, request):
        ident = hashlib.sha256(client_address(request).encode()).hexdigest()[:32]
        self.count_key = f"token-failures:{ident}"
        self.lock_key = f"token-locked:{ident}"

    def locked_for(self) -> int:
        until = cache.get(self.lock_key)
        return max(0, math.ceil(until - time.time())) if until else 0

    def failed(self) -> None:
        window = settings.SLOTWATCH_TOKEN_LOCKOUT_SECONDS
        cache.add(self.count_key, 0, timeout=window)
        try:
            count = cache.incr(self.count_key)
        except ValueError:  # expired between add and incr
            count = 1
            cache.set(self.count_key, count, timeout=window)
        if count >= settings.SLOTWATCH_TOKEN_MAX_FAILURES:
            cache.set(self.lock_key, time.time() + window, timeout=window)
            cache.delete(self.count_key)
