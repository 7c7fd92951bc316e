"""Failed sign-ins are counted per (user name, client address); after N the pair is refused for a while."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory

from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ["/account/login/", "/admin/login/"]


@pytest.fixture(autouse=True)
def few_attempts(settings):
    settings.SLOTWATCH_LOGIN_MAX_FAILURES = 3
    settings.SLOTWATCH_LOGIN_LOCKOUT_SECONDS = 600


def attempt(url, username, password, address="203.0.113.7", **extra):
    return Client(REMOTE_ADDR=address).post(url, {"username": username, "password": password}, **extra)


def signed_in(response):
    return response.status_code == 302


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_n_failures_lock_the_pair_even_for_the_right_password(cast, url):
    user = "root" if url.startswith("/admin") else "reader"  # the admin needs a staff user
    for _ in range(3):
        response = attempt(url, user, "wrong password")
        assert response.status_code == 200 and "Too many failed sign-ins" not in response.content.decode()
    refused = attempt(url, user, PASSWORD)
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 600
    assert "Too many failed sign-ins for this user name from your address. Try again in 10 minutes." in (
        refused.content.decode())
    assert "_auth_user_id" not in refused.wsgi_request.session


@pytest.mark.parametrize("url", LOGIN_PAGES)
def test_the_lock_is_per_user_name_and_address(cast, url):
    user, other = ("root", "staff") if url.startswith("/admin") else ("reader", "editor")
    for _ in range(3):
        attempt(url, user, "wrong password")
    assert attempt(url, user, PASSWORD).status_code == 429
    assert signed_in(attempt(url, user, PASSWORD, address="198.51.100.20"))  # same user, elsewhere
    assert signed_in(attempt(url, other, PASSWORD))  # another user, same address
    assert attempt(url, user.upper(), PASSWORD).status_code == 429  # the name as typed, in any case


def test_the_lock_expires(cast):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc), tick=False) as clock:
        for _ in range(3):
            attempt("/account/login/", "reader", "wrong password")
        assert attempt("/account/login/", "reader", PASSWORD).status_code == 429
        clock.shift(dt.timedelta(seconds=540))
        refused = attempt("/account/login/", "reader", PASSWORD)
        assert refused.status_code == 429 and refused["Retry-After"] == "60"
        assert "Try again in 1 minute." in refused.content.decode()
        clock.shift(dt.timedelta(seconds=61))
        assert signed_in(attempt("/account/login/", "reader", PASSWORD))


def test_a_success_clears_earlier_failures(cast):
    for _ in range(2):
        attempt("/account/login/", "reader", "wrong password")
    assert signed_in(attempt("/account/login/", "reader", PASSWORD))
    for _ in range(2):
        attempt("/account/login/", "reader", "wrong password")
    assert signed_in(attempt("/account/login/", "reader", PASSWORD))  # 2 + 2 failures, never 3 in a row


def test_attempts_while_locked_do_not_extend_the_lock(cast):
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.timezone.utc), tick=False) as clock:
        for _ in range(3):
            attempt("/account/login/", "reader", "wrong password")
        clock.shift(dt.timedelta(seconds=500))
        for _ in range(5):
            attempt("/account/login/", "reader", "wrong password")
        clock.shift(dt.timedelta(seconds=101))
        assert signed_in(attempt("/account/login/", "reader", PASSWORD))


def test_unknown_user_names_are_throttled_too(cast):
    for _ in range(3):
        attempt("/account/login/", "nobody", "guess")
    assert attempt("/account/login/", "nobody", "guess").status_code == 429


def test_every_authenticate_call_is_guarded(cast):
    """The guard is in the authentication backend: code that signs users in without the forms is covered."""
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert authenticate(request, username="reader", password="wrong") is None
    assert authenticate(request, username="reader", password=PASSWORD) is None
    other = RequestFactory().post("/", REMOTE_ADDR="203.0.113.8")
    assert authenticate(other, username="reader", password=PASSWORD) == cast["reader"]


def test_behind_proxies_the_forwarded_address_counts(cast, settings):
    settings.SLOTWATCH_PROXY_COUNT = 1
    for n in range(3):  # the client's own X-Forwarded-For entries are ignored: only the proxy's last one counts
        attempt("/account/login/", "reader", "wrong", address="10.0.0.1", HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7")
    assert attempt("/account/login/", "reader", PASSWORD, address="10.0.0.1",
                   HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    assert signed_in(attempt("/account/login/", "reader", PASSWORD, address="10.0.0.1",
                             HTTP_X_FORWARDED_FOR="198.51.100.20"))


def test_the_failure_count_is_in_the_shared_cache(cast, settings):
    """Counts live in Django's default cache (CACHE_URL; Redis in production, so every worker sees them)."""
    from django.core.cache import cache

    attempt("/account/login/", "reader", "wrong password")
    assert any(key.startswith(":1:login-failures:") for key in cache._cache)
