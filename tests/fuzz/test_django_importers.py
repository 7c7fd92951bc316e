"""Hostile files through the Django import paths on the test database.

``manage.py import_catalog`` imports a file or refuses it with a CommandError naming it ("nothing imported"),
and a refused file leaves nothing behind. ``load_reference`` loads mutated YAML or raises ReferenceDataError,
and then nothing of the load is kept (all or nothing).
"""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings

from constellations.models import CatalogImport, SpaceObject
from filings.models import Administration, Filing, FilingShell, Source
from filings.reference import ReferenceDataError, load_reference

from .strategies import FORMAT_OVERRIDES, catalog_bytes, reference_files

pytestmark = pytest.mark.django_db

DJANGO_FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 60)), deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@DJANGO_FUZZ
@given(data=catalog_bytes(), fmt=FORMAT_OVERRIDES)
def test_import_catalog_command_imports_or_refuses(data, fmt):
    objects_before = SpaceObject.objects.count()
    done_before = CatalogImport.objects.filter(status="done").count()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.txt"
        path.write_bytes(data)
        args = [str(path), "--verbosity", "0"] + (["--format", fmt] if fmt else [])
        try:
            call_command("import_catalog", *args)
        except CommandError as error:
            assert "nothing imported" in str(error)
            assert SpaceObject.objects.count() == objects_before
            assert CatalogImport.objects.filter(status="done").count() == done_before
            return
    record = CatalogImport.objects.latest("pk")
    assert record.status == "done", record.message
    assert SpaceObject.objects.count() >= objects_before


def _counts():
    return (Source.objects.count(), Administration.objects.count(), Filing.objects.count(),
            FilingShell.objects.count())


@DJANGO_FUZZ
@given(files=reference_files())
def test_load_reference_loads_or_reports(files):
    before = _counts()
    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / f"{name}.yaml").write_text(text, encoding="utf-8")
        try:
            load_reference(Path(folder))
        except ReferenceDataError as error:
            assert error.problems and all(isinstance(p, str) and p for p in error.problems)
            assert _counts() == before, "a refused load kept something"
