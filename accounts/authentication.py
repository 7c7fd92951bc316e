"""``Authorization: Token sw_...`` (or ``Bearer sw_...``) for DRF."""


from rest_framework import authentication, exceptions

from accounts.models import Token, digest_of
from slotwatch.security import Lockout, client_address

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


class TokenFailures(Lockout):
    """Failed token authentications per client address (the sign-in throttle's address): after
    ``SLOTWATCH_TOKEN_MAX_FAILURES`` in a window of ``SLOTWATCH_TOKEN_LOCKOUT_SECONDS``, every ``Authorization``
    header from that address is refused (429) until the window ends, valid or not, so guessing stays slow. Tokens
    hold 256 random bits, so this is about load and noise more than about guessing."""

    scope = "token"
    max_failures_setting = "SLOTWATCH_TOKEN_MAX_FAILURES"
    window_setting = "SLOTWATCH_TOKEN_LOCKOUT_SECONDS"

    def __init__(self, request):
        super().__init__(client_address(request))
