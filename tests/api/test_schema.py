"""The OpenAPI schema, its docs page (assets served locally), and a bounded schemathesis run against it."""

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks
from schemathesis import checks as core_checks

from slotwatch.wsgi import application

pytestmark = pytest.mark.django_db


def test_schema_is_served_and_documents_export_columns(anon, db):
    response = anon.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    description = schema["paths"]["/api/v1/filings/"]["get"]["description"]
    assert "`administration`" in description and "format=csv" in description
    assert "tokenAuth" in schema["components"]["securitySchemes"]


def test_docs_page_uses_local_assets(client, db):
    page = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in page
    assert "cdn" not in page.lower() and "unpkg" not in page and "jsdelivr" not in page
    assert "/static/drf_spectacular_sidecar/" in page


# -- schemathesis ------------------------------------------------------------------------------------------
# Every operation of /api/v1/ with generated data, as staff (so writes reach validation), against the WSGI app
# in-process. Any 5xx, a response that does not match the schema, or a wrong content type fails. The engine
# endpoint (another team's, compute-heavy) is left out to keep the run bounded.

# Only the fuzzing phase (random valid and invalid data, max_examples per operation): the coverage phase alone
# would send ~700 requests to the filings list, far more than a bounded run allows.
CONFIG = SchemathesisConfig.from_dict({
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    "generation": {"mode": "all"},
})
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)
schema = schema.exclude(path_regex=r"^/api/v1/engine/")

CHECKS = [
    core_checks.not_a_server_error,
    openapi_checks.response_schema_conformance,
    openapi_checks.content_type_conformance,
]


@pytest.fixture
def keep_test_connection():
    """Django's test client keeps the test database connection open across requests; a bare WSGI call does not."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def staff_header(users, registry, keep_test_connection):
    from accounts.models import Token

    _, secret = Token.issue(users["staff"], "schemathesis")
    return {"Authorization": f"Token {secret}"}


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case, staff_header):
    cache.clear()  # no throttling in the middle of a run
    response = case.call(headers=staff_header)
    case.validate_response(response, checks=CHECKS)


# The computed endpoints again, on records that exist (random ids are nearly always a 404), so generated
# start/end/freq/as_of values reach the series and the rules.
COMPUTED = r"^/api/v1/(filings|constellations)/\{id\}/(milestones|deployment|attribution)/$"
computed_schema = schema.include(path_regex=COMPUTED)
NEW_PATHS = {
    "/api/v1/milestones/", "/api/v1/milestones/{id}/", "/api/v1/filings/{id}/milestones/",
    "/api/v1/filings/{id}/deployment/", "/api/v1/constellations/{id}/deployment/",
    "/api/v1/constellations/{id}/attribution/", "/api/v1/space-objects/",
    "/api/v1/space-objects/{norad_id}/", "/api/v1/scores/", "/api/v1/scores/{id}/", "/api/v1/catalog-imports/",
    "/api/v1/catalog-imports/{id}/", "/api/v1/sync-records/", "/api/v1/sync-records/{id}/",
}


def test_the_run_covers_the_new_endpoints():
    covered = {result.ok().path for result in schema.get_all_operations()}
    assert NEW_PATHS <= covered, NEW_PATHS - covered
    assert {result.ok().path for result in computed_schema.get_all_operations()} == {
        path for path in NEW_PATHS if path.endswith(("/milestones/", "/deployment/", "/attribution/")) and "{id}" in path
    }


@computed_schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_computed_endpoints_on_real_records(case, staff_header, registry):
    cache.clear()
    target = registry["kuiper"] if case.path.startswith("/api/v1/filings/") else registry["constellation"]
    case.path_parameters = {**(case.path_parameters or {}), "id": target.pk}
    response = case.call(headers=staff_header)
    case.validate_response(response, checks=CHECKS)
