"""schemathesis against the whole API as each role (anonymous, reader, editor, staff), every method: no 5xx.

tests/api/test_schema.py checks schema conformance as staff; this run sends generated GET, POST, PUT, PATCH and
DELETE requests as every role of the permission matrix, on the named registry, so 401/403 paths, validation of
writes by editors and staff, and deletes of records that exist (ids 1-3 are real here) are all exercised. The only
check is "no server error": the refusals of anonymous users and readers need not be described in the schema.
"""

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings
from schemathesis import checks as core_checks
from schemathesis.config import SchemathesisConfig

from slotwatch.wsgi import application

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reader", "editor", "staff")
CONFIG = SchemathesisConfig.from_dict({
    "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
    "generation": {"mode": "all"},
})
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)
schema = schema.exclude(path_regex=r"^/api/v1/engine/")  # another team's compute-heavy endpoint
METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE"}


def test_the_run_sends_every_method():
    methods = {result.ok().method.upper() for result in schema.get_all_operations()}
    assert METHODS <= methods, METHODS - methods


@pytest.fixture
def keep_test_connection():
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(params=ROLES)
def role_headers(request, users, registry, keep_test_connection):
    from accounts.models import Token

    user = users[request.param]
    if user is None:
        return {}
    _, secret = Token.issue(user, f"schemathesis {request.param}")
    return {"Authorization": f"Token {secret}"}


@schema.parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_server_error_for_any_role(case, role_headers):
    cache.clear()  # no throttling in the middle of a run
    response = case.call(headers=role_headers)
    case.validate_response(response, checks=[core_checks.not_a_server_error])
