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


# -- the engine endpoint ---------------------------------------------------------------------------------------

SHELL = "/api/v1/engine/shell/?altitude_km=550&inclination_deg=53&"


@pytest.mark.parametrize("query, parameter", [
    ("step_minutes=1e308", "step_minutes"),
    ("step_minutes=1441", "step_minutes"),
    ("start=9999-12-31", "start"),
    ("end=9999-12-31", "end"),
    ("end=0001-01-01", "end"),
    ("start=0001-01-01T00:00:00%2B14:00", "start"),
    (f"per_plane={10**309}", "per_plane"),
    (f"per_plane={10**24}", "per_plane"),
    (f"planes={10**24}", "planes"),
    ("planes=1000&per_plane=1001", "per_plane"),  # 1,001,000 satellites: over the cap
    ("per_plane=0", "per_plane"),
])
def test_the_engine_refuses_absurd_parameters_with_a_400(db, query, parameter):
    response = get(SHELL + query)
    assert response.status_code == 400, response.content[:300]
    assert response.json()["parameter"] == parameter


# -- public pages ----------------------------------------------------------------------------------------------


@pytest.fixture
def filing_with_history(db):
    from django.contrib.auth.models import User

    from changelog.context import change_context
    from tests.factories import FilingShellFactory

    editor = User.objects.create_user("alice.editor-7f3")
    with change_context(user=editor, via="api"):
        filing = FilingFactory(name="LEAPSAT")
        FilingShellFactory(filing=filing)
        filing.notes = "changed"
        filing.save()
    return filing


def test_public_pages_show_no_editor_user_names(filing_with_history):
    for path in ("/", f"/filings/{filing_with_history.pk}/"):
        page = get(path).content.decode()
        assert "LEAPSAT" in page and "via api" in page
        assert "alice.editor-7f3" not in page


@pytest.mark.parametrize("path", ["/", "/filings/", "detail", "/shells/", "/compute/"])
def test_every_page_given_an_as_of_date_works_on_29_february(filing_with_history, path):
    import datetime as dt

    import time_machine

    path = f"/filings/{filing_with_history.pk}/" if path == "detail" else path
    with time_machine.travel(dt.datetime(2028, 2, 29, 12, tzinfo=dt.timezone.utc), tick=False):
        for as_of in ("2030-06-01", "2058-02-28", "2058-03-01"):
            response = get(f"{path}?as_of={as_of}")
            assert response.status_code == 200, (as_of, response.status_code)
        assert "between 1990 and 2058" in get(f"{path}?as_of=2058-03-01").content.decode() or path != "/"


# -- request bodies ----------------------------------------------------------------------------------------------


@pytest.fixture
def editor_token(cast):
    return Token.issue(cast["editor"], "script")[1]


def post_json(body: str, secret: str):
    client = APIClient(REMOTE_ADDR="203.0.113.7", raise_request_exception=False)
    return client.post("/api/v1/filings/", body, content_type="application/json",
                       HTTP_AUTHORIZATION=f"Token {secret}")


@pytest.mark.parametrize("levels", [33, 5_000, 200_000])
def test_deeply_nested_json_answers_a_json_400(editor_token, levels):
    response = post_json("[" * levels + "]" * levels, editor_token)
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "nested deeper than 32 levels" in response.json()["detail"]


def test_a_body_over_the_limit_answers_a_json_413(editor_token, settings):
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 2_621_440  # Django's default, 2.5 MB
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = limit
    response = post_json('{"name": "' + "x" * limit + '"}', editor_token)
    assert response.status_code == 413 and response["Content-Type"] == "application/json"
    assert response.json()["detail"] == f"The request body is larger than {limit:,} bytes."


# -- filings: shells and parents -------------------------------------------------------------------------------


def filing_payload(key, **changes):
    payload = {"key": key, "name": key.upper(), "regulator": "fcc", "kind": "fcc_application",
               "administration": "USA", "date_of_receipt": "2024-01-15", "satellites_filed": 1}
    return {**payload, **changes}


@pytest.fixture
def editor_api(cast):
    from tests.factories import AdministrationFactory

    AdministrationFactory(iso_code="USA")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    client.force_authenticate(cast["editor"])
    return client


def test_a_filing_with_more_shells_than_the_cap_is_refused_before_any_is_checked(editor_api,
                                                                                django_assert_max_num_queries):
    from filings.models import MAX_SHELLS, Filing

    shell = {"altitude_km": 550, "inclination_deg": 53, "planes": 1, "satellites_per_plane": 1}
    with django_assert_max_num_queries(12):  # fast: no per-shell validation or query
        response = editor_api.post("/api/v1/filings/", filing_payload("many", shells=[shell] * 5000), format="json")
    assert response.status_code == 400
    assert response.json()["shells"]["non_field_errors"] == [f"Ensure this field has no more than {MAX_SHELLS} elements."]
    assert not Filing.objects.filter(key="many").exists()
    ok = editor_api.post("/api/v1/filings/", filing_payload("few", shells=[shell] * 3), format="json")
    assert ok.status_code == 201, ok.json()


def test_the_model_refuses_a_shell_past_the_cap(db):
    from django.core.exceptions import ValidationError

    from filings.models import MAX_SHELLS
    from tests.factories import FilingShellFactory

    with pytest.raises(ValidationError) as refused:
        FilingShellFactory(ordinal=MAX_SHELLS + 1)
    assert refused.value.message_dict["ordinal"] == [f"A filing holds at most {MAX_SHELLS:,} shells."]


def test_a_parent_cycle_is_refused_by_the_model_and_the_api(editor_api):
    from django.core.exceptions import ValidationError

    from filings.models import Filing

    a = FilingFactory(key="a")
    b = FilingFactory(key="b", parent=a)
    c = FilingFactory(key="c", parent=b)
    a.parent = c
    with pytest.raises(ValidationError) as refused:
        a.full_clean()
    assert "cycle" in refused.value.message_dict["parent"][0]
    response = editor_api.patch(f"/api/v1/filings/{a.pk}/", {"parent": "c"}, format="json")
    assert response.status_code == 400 and "cycle" in response.json()["parent"][0]
    assert Filing.objects.get(pk=a.pk).parent_id is None
    assert editor_api.patch(f"/api/v1/filings/{a.pk}/", {"parent": None}, format="json").status_code == 200
