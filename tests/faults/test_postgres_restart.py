"""PostgreSQL restarted in the middle of ``manage.py import_catalog``.

The import runs as a subprocess against a throwaway cluster of our own (tests/faults/services.py); when it
reports its first stored chunk (inside the file's transaction) the cluster is restarted with ``pg_ctl restart
-m fast``, which terminates every session. The import must have completed or rolled back as a whole, its log
row must say which, and running the same command again must finish the job; a further run changes nothing.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from constellations.catalog import parse_catalog
from tests.faults.services import ROOT, PostgresCluster, subprocess_env

pytestmark = pytest.mark.faults

SHARED_SNAPSHOT = ROOT.parent / "shared/reference/catalog/celestrak-active-tle-2026-08-23.txt"  # 16,069 objects
BUNDLED_SNAPSHOT = ROOT / "constellations/data/tracked-active-tle-2026-08-22.txt.gz"  # 12,212, in the repo


@pytest.fixture(scope="module")
def catalog_file() -> Path:
    return SHARED_SNAPSHOT if SHARED_SNAPSHOT.exists() else BUNDLED_SNAPSHOT


@pytest.fixture(scope="module")
def cluster():
    cluster = PostgresCluster().init().start()
    try:
        cluster.psql("CREATE DATABASE slotwatch")
        migrate = subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT,
                                 env=subprocess_env(DATABASE_URL=cluster.url("slotwatch")), capture_output=True,
                                 text=True, timeout=120)
        assert migrate.returncode == 0, migrate.stderr
        yield cluster
    finally:
        cluster.remove()


def _import(cluster, path, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "import_catalog", "--progress-every", "100000", str(path)], cwd=ROOT,
        env=subprocess_env(DATABASE_URL=cluster.url("slotwatch")), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, **popen,
    )


def _state(cluster):
    objects = cluster.psql("SELECT count(*) FROM constellations_spaceobject", "slotwatch")[0][0]
    snapshots = cluster.psql("SELECT count(*) FROM constellations_elementsetsnapshot", "slotwatch")[0][0]
    imports = cluster.psql(
        "SELECT status, created, updated, unchanged, finished_at IS NOT NULL, message FROM constellations_catalogimport "
        "ORDER BY id", "slotwatch")
    return objects, snapshots, imports


def test_an_import_survives_a_postgresql_restart_and_a_rerun_finishes_it(cluster, catalog_file):
    expected = len(parse_catalog(catalog_file).records)

    # 1. Restart the server while the import is inside its transaction (after the first chunk is stored).
    process = _import(cluster, catalog_file)
    stderr_lines: list[str] = []
    chunk_stored = threading.Event()

    def read_stderr():
        for line in process.stderr:
            stderr_lines.append(line)
            if "objects stored" in line:
                chunk_stored.set()

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    assert chunk_stored.wait(60), "".join(stderr_lines)
    assert process.poll() is None, "the import finished before the restart: nothing was tested"
    cluster.restart()
    process.stdout.read()
    process.wait(120)
    reader.join(10)
    err = "".join(stderr_lines)

    # 2. All or nothing, and the log row says which (never a row left 'running', never 'done' without the rows).
    objects, snapshots, imports = _state(cluster)
    if process.returncode == 0:  # it raced past the restart: then it is complete
        assert (objects, [i[0] for i in imports]) == (expected, ["done"]), err
    else:
        assert objects == 0 and snapshots == 0, f"partial import kept: {objects} objects\n{err}"
        assert [i[0] for i in imports] == ["failed"], (imports, err)
        status, created, updated, unchanged, finished, message = imports[0]
        assert finished and (created, updated, unchanged) == (0, 0, 0)
        assert "terminat" in message or "connection" in message.lower(), message
        assert "Traceback" not in err, err  # the command reports the failure, it does not crash
        assert "import failed" in err, err

    # 3. Running it again finishes the job ...
    rerun = _import(cluster, catalog_file)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    objects, snapshots, imports = _state(cluster)
    assert objects == expected and snapshots > 0
    assert imports[-1][0] == "done" and imports[-1][1] + imports[-1][2] + imports[-1][3] == expected
    assert all(status in ("done", "failed") for status, *_ in imports)

    # 4. ... and once more changes nothing.
    started = time.monotonic()
    again = _import(cluster, catalog_file)
    out, err = again.communicate(timeout=120)
    assert again.returncode == 0, err
    assert f"0 created, 0 updated, {expected} unchanged" in out, out
    assert _state(cluster)[:2] == (objects, snapshots)
    assert time.monotonic() - started < 60
