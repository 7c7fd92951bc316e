"""A test that needs Redis fails in CI when Redis is missing, and may only skip locally."""

import pytest

from tests.conftest import need_service, services_required


@pytest.mark.parametrize("variable", ["CI", "SLOTWATCH_REQUIRE_SERVICES"])
def test_a_missing_service_fails_in_ci(monkeypatch, variable):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SLOTWATCH_REQUIRE_SERVICES", raising=False)
    monkeypatch.setenv(variable, "true" if variable == "CI" else "1")
    assert services_required()
    with pytest.raises(pytest.fail.Exception, match="Redis is required here"):
        need_service("Redis", "connection refused")


def test_a_missing_service_skips_locally(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("SLOTWATCH_REQUIRE_SERVICES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Redis not available"):
        need_service("Redis", "connection refused")
