"""The database failing during an import: nothing kept, the failure logged once the database is back,
the original error reported by the command (the real PostgreSQL restart is in tests/faults)."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError

from constellations import importer
from constellations.models import CatalogImport, SpaceObject

from .test_import_bad_input import ISS, K1, fixed, text


@pytest.fixture
def tle_file(tmp_path):
    path = tmp_path / "two.tle"
    path.write_bytes(text(fixed(K1), fixed(ISS)))
    return path


@pytest.fixture
def server_restarts(monkeypatch):
    """The session dies in the middle of the upsert; the next two attempts to log find the server still down."""
    def upsert(*args, **kwargs):
        SpaceObject.objects.create(norad_id=99999, name="PARTIAL")
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(importer, "upsert_records", upsert)
    monkeypatch.setattr(importer, "FAILURE_LOG_RETRY_SECONDS", 5.0)
    original, calls = CatalogImport.save, []

    def save(self, *args, **kwargs):
        calls.append(self.status)
        if len(calls) <= 2:
            raise OperationalError("the database system is starting up")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CatalogImport, "save", save)
    return calls


@pytest.mark.django_db(transaction=True)
def test_the_failure_is_logged_once_the_database_is_back_and_the_command_reports_it(tle_file, server_restarts):
    err = io.StringIO()
    with pytest.raises(CommandError, match="import failed"):
        call_command("import_catalog", str(tle_file), stdout=io.StringIO(), stderr=err)
    assert "terminating connection" in err.getvalue() and "run it again" in err.getvalue()
    assert not SpaceObject.objects.exists()  # rolled back as a whole
    assert server_restarts == ["failed"] * 3
    row = CatalogImport.objects.get()
    assert row.status == "failed" and row.finished_at is not None and "terminating connection" in row.message


@pytest.mark.django_db(transaction=True)
def test_a_database_that_stays_down_gets_the_original_error_not_the_logging_one(tle_file, server_restarts,
                                                                               monkeypatch, caplog):
    monkeypatch.setattr(importer, "FAILURE_LOG_RETRY_SECONDS", 0.0)
    with pytest.raises(OperationalError, match="terminating connection"):
        importer.import_catalog_source(tle_file)
    assert server_restarts == ["failed"]
    assert "could not be logged" in caplog.text
    assert not CatalogImport.objects.exists() and not SpaceObject.objects.exists()


@pytest.mark.django_db
def test_inside_a_callers_transaction_the_log_is_tried_once(tle_file, server_restarts):
    with pytest.raises(OperationalError, match="terminating connection"):
        importer.import_catalog_source(tle_file)
    assert server_restarts == ["failed"]
