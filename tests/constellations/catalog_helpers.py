"""Shared builders for the catalog import tests (Django side)."""

import contextlib
import io
from pathlib import Path

from tests.constellations.catalog.helpers import (  # noqa: F401  (re-exported)
    FIXTURES,
    SATCAT_CSV,
    SATCAT_JSON,
    TLE_SLICE,
    tle_bytes,
    with_checksum,
)

ROOT = Path(__file__).resolve().parents[2]
BUNDLED_TLE = ROOT / "constellations" / "data" / "tracked-active-tle-2026-08-22.txt.gz"
BUNDLED_SATCAT = ROOT / "constellations" / "data" / "tracked-satcat-spacetrack-2025-03-16.json.gz"
# The full reference files: beside the repository in CI (../shared), or this machine's /work/shared.
REFERENCE = next(
    (p for p in (ROOT.parent / "shared" / "reference" / "catalog", Path("/work/shared/reference/catalog"))
     if p.exists()), ROOT.parent / "shared" / "reference" / "catalog")


def tle_names(path: Path) -> list[str]:
    """Name lines of a 3-line TLE file by a plain line scan (independent of the parser)."""
    lines = [line.rstrip() for line in path.read_text().splitlines() if line.strip()]
    return [lines[i] for i in range(len(lines) - 2) if lines[i + 1].startswith("1 ") and lines[i + 2].startswith("2 ")
            and not lines[i].startswith(("1 ", "2 "))]


def expected_by_constellation(names: list[str]) -> dict[str, int]:
    prefixes = {"starlink": ("STARLINK-",), "oneweb": ("ONEWEB-",), "kuiper": ("KUIPER-",), "qianfan": ("QIANFAN-",),
                "guowang": ("HULIANWANG", "GUOWANG TEST OBJECT")}
    return {key: sum(1 for n in names if n.strip().startswith(p)) for key, p in prefixes.items()}


@contextlib.contextmanager
def bundled_world(django_db_blocker, *extra_files):
    """The curated registry and the real bundled catalog (as `make run` loads them; then ``extra_files``),
    loaded once for a whole module: inside one transaction, rolled back when the module is done. Each test's
    own transaction nests inside it as a savepoint, so what a test writes is undone after it and the loaded
    world is not (loading it costs ~8 s, too much to pay per test)."""
    from django.core.management import call_command
    from django.db import transaction

    from filings.reference import load_reference

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_reference()
            call_command("import_catalog", str(BUNDLED_SATCAT), str(BUNDLED_TLE), *map(str, extra_files),
                         stdout=io.StringIO(), stderr=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
