"""API tokens: the secret is shown once and only its SHA-256 digest is stored."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "sw_"
# How stale ``last_used_at`` may get before a request writes it again (one write per token per interval).
LAST_USED_RESOLUTION = 300


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class TokenQuerySet(models.QuerySet):
    def active(self):
        now = timezone.now()
        return self.filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now), revoked_at__isnull=True)


class Token(models.Model):
    """A bearer token for scripts: ``Authorization: Token sw_...``.

    The secret is 32 random bytes; a leak of this table gives nobody a usable token. ``hint`` keeps the first
    characters so a user can tell their tokens apart. Revoking keeps the row (who had access, and until when).
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. 'nightly export'.")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    expires_at = models.DateTimeField(null=True, blank=True, help_text="Empty: valid until revoked.")
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = TokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str, expires_at=None) -> tuple["Token", str]:
        """Create a token; return it with its secret, which is not stored and cannot be shown again."""
        secret = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, digest=digest_of(secret), hint=secret[:10], expires_at=expires_at
        )
        return token, secret

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            Token.objects.filter(pk=self.pk, revoked_at__isnull=True).update(revoked_at=self.revoked_at)

    def touch(self) -> None:
        now = timezone.now()
        if self.last_used_at is None or (now - self.last_used_at).total_seconds() > LAST_USED_RESOLUTION:
            self.last_used_at = now
            Token.objects.filter(pk=self.pk).update(last_used_at=now)
