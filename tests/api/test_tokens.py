"""API tokens: stored as digests, shown once, revocable from the account page and the admin."""

import hashlib

import pytest
from django.urls import reverse

from accounts.models import Token

pytestmark = pytest.mark.django_db


def authorised(client, secret, scheme="Token"):
    return client.get("/api/v1/filings/", HTTP_AUTHORIZATION=f"{scheme} {secret}")


def test_only_the_digest_is_stored(users):
    token, secret = Token.issue(users["reader"], "script")
    assert secret.startswith("sw_") and len(secret) > 40
    stored = Token.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {getattr(stored, f.attname) for f in Token._meta.fields}
    assert stored.hint == secret[:10]


def test_token_and_bearer_headers_authenticate(client, users, registry):
    token, secret = Token.issue(users["reader"], "script")
    assert authorised(client, secret).status_code == 200
    assert authorised(client, secret, "Bearer").status_code == 200
    assert Token.objects.get(pk=token.pk).last_used_at is not None


@pytest.mark.parametrize("header", ["Token", "Token a b", "Token sw_wrong", "Token \xe9t\xe9"])
def test_bad_tokens_are_401(client, registry, header):
    response = client.get("/api/v1/filings/", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401


def test_token_page_creates_and_shows_the_secret_once(client, users):
    client.force_login(users["reader"])
    response = client.post(reverse("accounts:tokens"), {"name": "nightly export"})
    assert response.status_code == 200
    secret = response.context["secret"]
    assert secret in response.content.decode()
    token = Token.objects.get(user=users["reader"])
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    again = client.get(reverse("accounts:tokens")).content.decode()
    assert secret not in again and token.hint in again


def test_revoked_token_stops_working(client, users, registry):
    token, secret = Token.issue(users["reader"], "script")
    client.force_login(users["reader"])
    assert client.post(reverse("accounts:revoke-token", args=[token.pk])).status_code == 302
    client.logout()
    assert authorised(client, secret).status_code == 401
    assert Token.objects.get(pk=token.pk).revoked_at is not None


def test_users_cannot_revoke_each_others_tokens(client, users):
    token, _ = Token.issue(users["editor"], "script")
    client.force_login(users["reader"])
    assert client.post(reverse("accounts:revoke-token", args=[token.pk])).status_code == 404
    assert Token.objects.get(pk=token.pk).revoked_at is None


def test_token_page_needs_login(client, db):
    response = client.get(reverse("accounts:tokens"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_inactive_users_tokens_stop_working(client, users, registry):
    _, secret = Token.issue(users["reader"], "script")
    users["reader"].is_active = False
    users["reader"].save()
    assert authorised(client, secret).status_code == 401


def test_admin_creates_shows_once_and_revokes(client, users):
    admin = users["staff"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/token/add/", {"user": users["reader"].pk, "name": "from admin"}, follow=True
    )
    assert response.status_code == 200
    message = next(str(m) for m in response.context["messages"] if "sw_" in str(m))
    secret = message.split(": ")[-1]
    token = Token.objects.get(name="from admin")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    client.post("/admin/accounts/token/", {"action": "revoke", "_selected_action": [token.pk]})
    assert Token.objects.get(pk=token.pk).revoked_at is not None


def test_token_clients_are_throttled(client, users, registry, settings):
    from rest_framework.settings import api_settings
    from rest_framework.throttling import SimpleRateThrottle

    rates = {**api_settings.DEFAULT_THROTTLE_RATES, "token": "2/minute", "anon": "1/minute"}
    original = SimpleRateThrottle.THROTTLE_RATES
    SimpleRateThrottle.THROTTLE_RATES = rates
    try:
        _, secret = Token.issue(users["reader"], "script")
        statuses = [authorised(client, secret).status_code for _ in range(3)]
        assert statuses == [200, 200, 429]
        assert [client.get("/api/v1/filings/").status_code for _ in range(2)] == [200, 429]
    finally:
        SimpleRateThrottle.THROTTLE_RATES = original
