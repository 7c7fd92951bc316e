"""``Authorization: Token sw_...`` (or ``Bearer sw_...``) for DRF."""

from rest_framework import authentication, exceptions

from accounts.models import Token, digest_of

KEYWORDS = {b"token", b"bearer"}


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("Send the header as 'Authorization: Token <secret>'.")
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed("Invalid token.") from None
        token = Token.objects.active().select_related("user").filter(digest=digest_of(secret)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        token.touch()
        return token.user, token

    def authenticate_header(self, request):
        return "Token"
