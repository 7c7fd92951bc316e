"""Hostile requests (issue 18, round 2): spoofed addresses, costly exports, floods of pages and bad tokens."""

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import SimpleRateThrottle

from accounts.models import Token
from tests.factories import FilingFactory, SpaceObjectFactory

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the operator's reverse proxy, as REMOTE_ADDR


@pytest.fixture
def rates():
    """Set DRF throttle rates for one test (DRF reads them once, at import)."""
    original = SimpleRateThrottle.THROTTLE_RATES

    def set_rates(**changed):
        SimpleRateThrottle.THROTTLE_RATES = {**original, **changed}

    yield set_rates
    SimpleRateThrottle.THROTTLE_RATES = original


def get(path, address="203.0.113.7", forwarded=None, **extra):
    client = APIClient(REMOTE_ADDR=address)
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.get(path, **extra)


# -- X-Forwarded-For -------------------------------------------------------------------------------------------


def test_spoofed_forwarded_for_does_not_lift_the_anonymous_limit(rates, settings):
    settings.SLOTWATCH_PROXY_COUNT = 0  # no proxy: what a client writes in X-Forwarded-For is ignored
    rates(anon="3/minute")
    statuses = [get("/api/v1/filings/", forwarded=f"198.51.100.{n}").status_code for n in range(6)]
    assert statuses == [200, 200, 200, 429, 429, 429]


def test_behind_a_proxy_each_client_has_its_own_quota_and_cannot_spend_anothers(rates, settings):
    settings.SLOTWATCH_PROXY_COUNT = 1  # the proxy appends the address it saw: the rightmost part
    rates(anon="2/minute")
    victim = "198.51.100.20"
    # The attacker writes the victim's address first; the proxy appends the attacker's real one.
    spoofed = [get("/api/v1/filings/", PROXY, f"{victim}, 192.0.2.66").status_code for _ in range(4)]
    assert spoofed == [200, 200, 429, 429]
    assert get("/api/v1/filings/", PROXY, victim).status_code == 200  # the victim's quota is untouched
    assert get("/api/v1/filings/", PROXY, "192.0.2.67").status_code == 200  # another client: its own quota


def test_the_api_and_the_sign_in_throttle_see_the_same_client(settings):
    from django.test import RequestFactory

    from slotwatch.api.throttling import AnonThrottle
    from slotwatch.security import client_address

    settings.SLOTWATCH_PROXY_COUNT = 2
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.9, 10.0.0.1")
    assert AnonThrottle().get_ident(request) == client_address(request) == "192.0.2.9"


# -- exports -----------------------------------------------------------------------------------------------------


def test_exports_have_their_own_low_rate_for_every_kind_of_client(rates, cast):
    rates(export="2/hour")
    assert [get("/api/v1/filings/?format=csv").status_code for _ in range(3)] == [200, 200, 429]
    assert get("/api/v1/filings/").status_code == 200  # JSON pages keep the anonymous budget
    _, secret = Token.issue(cast["reader"], "script")
    token = [get("/api/v1/filings/?format=xlsx", HTTP_AUTHORIZATION=f"Token {secret}").status_code
             for _ in range(3)]
    assert token == [200, 200, 429]
    session = APIClient(REMOTE_ADDR="192.0.2.50")
    session.force_login(cast["editor"])
    assert [session.get("/api/v1/filings/?format=csv").status_code for _ in range(3)] == [200, 200, 429]
    refused = get("/api/v1/filings/?format=csv")
    assert refused.json()["detail"].startswith("Request was throttled") and "Retry-After" in refused


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_are_cached_per_data_version(fmt, cast, django_assert_max_num_queries):
    FilingFactory(name="FIRST")
    first = get(f"/api/v1/filings/?format={fmt}")
    first_body = _body(first)
    assert "X-Slotwatch-Export-Cache" not in first
    with django_assert_max_num_queries(2):  # the version tokens, no rows
        again = get(f"/api/v1/filings/?format={fmt}")
    assert again["X-Slotwatch-Export-Cache"] == "hit" and again.content == first_body
    assert again["Content-Disposition"] == first["Content-Disposition"]
    FilingFactory(name="SECOND")  # a change retires the cached file
    changed = get(f"/api/v1/filings/?format={fmt}")
    assert "X-Slotwatch-Export-Cache" not in changed and _body(changed) != first_body


def test_catalog_exports_are_versioned_by_the_catalog_rows(cast):
    obj = SpaceObjectFactory(name="ONE")
    assert b"ONE" in _body(get("/api/v1/space-objects/?format=csv"))
    assert get("/api/v1/space-objects/?format=csv")["X-Slotwatch-Export-Cache"] == "hit"
    obj.name = "RENAMED"
    obj.save()  # the catalog import touches updated_at, not the registry version
    fresh = get("/api/v1/space-objects/?format=csv")
    assert "X-Slotwatch-Export-Cache" not in fresh and b"RENAMED" in _body(fresh)


# -- dashboard pages -------------------------------------------------------------------------------------------


def test_anonymous_dashboard_pages_are_throttled_per_address(settings, cast):
    settings.SLOTWATCH_PAGE_ANON_RATE = "3/minute"
    statuses = [get("/filings/", forwarded=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = get("/filings/")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert get("/filings/", address="192.0.2.1").status_code == 200
    reader = APIClient(REMOTE_ADDR="203.0.113.7")
    reader.force_login(cast["reader"])
    assert reader.get("/filings/").status_code == 200  # signed-in users are not throttled here


# -- token authentication ----------------------------------------------------------------------------------------


def test_failed_token_authentication_is_throttled_per_address(settings, cast):
    settings.SLOTWATCH_TOKEN_MAX_FAILURES = 3
    _, secret = Token.issue(cast["reader"], "script")
    wrong = [get("/api/v1/filings/", HTTP_AUTHORIZATION=f"Token sw_guess{n}").status_code for n in range(3)]
    assert wrong == [401, 401, 401]
    locked = get("/api/v1/filings/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert locked.status_code == 429 and int(locked["Retry-After"]) > 0
    assert "failed token authentications" in locked.json()["detail"]
    # Another address is not affected, and spoofing X-Forwarded-For does not make one.
    assert get("/api/v1/filings/", "192.0.2.8", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200
    assert get("/api/v1/filings/", forwarded="192.0.2.8", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 429
