"""Catalog import and deployment series through Django, on SQLite and on PostgreSQL.

    .venv/bin/python -m bench.bench_catalog [--reference DIR] [--backend sqlite|postgres|both]

Each backend runs in its own process (Django reads DATABASE_URL once), against a throwaway database: a SQLite
file in a temporary folder, or a PostgreSQL database created on 127.0.0.1:5432 (user postgres, trust) and
dropped afterwards. Steps: migrate + load_reference (the filing shells), import the 16,069-object TLE file,
import the two Space-Track SATCAT JSON files (63,108 rows), re-import the TLE file (must change nothing), the
per-constellation series 2019-2026 by day, and every filing's catalog series. Peak memory is the process's
maximum resident set size. Targets on the 2-core machine: TLE < 10 s, SATCAT < 20 s, series < 2 s, < 500 MB.
"""

import argparse
import os
import secrets
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = next(
    (p for p in (ROOT.parent / "shared" / "reference" / "catalog", Path("/work/shared/reference/catalog"))
     if p.exists()), ROOT.parent / "shared" / "reference" / "catalog")
TLE_FILE = "celestrak-active-tle-2026-08-23.txt"
SATCAT_FILES = ("satcat-spacetrack-2025-03-15-current.json.gz", "satcat-spacetrack-2025-03-15-decayed.json.gz")
TARGETS = {"tle": 10.0, "satcat": 20.0, "series": 2.0, "memory": 500.0}
PG = "postgres://postgres@127.0.0.1:5432/"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # kB on Linux


def line(label: str, seconds: float, extra: str = "", target: float | None = None) -> bool:
    ok = target is None or seconds <= target
    flag = "" if target is None else (f"  (target < {target:g} s)" if ok else f"  OVER target {target:g} s")
    print(f"  {label:<44} {seconds:7.2f} s  peak RSS {peak_mb():6.0f} MB  {extra}{flag}", flush=True)
    return ok


def run_backend(backend: str, reference: Path) -> int:
    folder = Path(tempfile.mkdtemp(prefix=f"slotwatch-bench-catalog-{backend}-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"  # production setting: no SQL logging
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    database = None
    if backend == "postgres":
        import psycopg

        database = f"slotwatch_bench_{os.getpid()}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = PG + database
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    try:
        return _run(backend, reference)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


def _run(backend: str, reference: Path) -> int:
    import django

    django.setup()
    from django.core.management import call_command

    from constellations.deployment import catalog_series_for_filing, constellation_series
    from constellations.importer import import_catalog_source
    from constellations.models import SpaceObject
    from filings.models import Filing

    print(f"\n[{backend}] {os.environ['DATABASE_URL']}")
    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))
    line("migrate + load_reference", time.perf_counter() - start)
    ok = True

    def imported(path, label, target):
        start = time.perf_counter()
        record = import_catalog_source(path)
        seconds = time.perf_counter() - start
        extra = (f"created {record.created:>6} updated {record.updated:>6} unchanged {record.unchanged:>6} "
                 f"rejected {record.rejected}")
        good = line(label, seconds, extra, target)
        print(f"    {record.message}")
        return good, record, seconds

    good, _, _ = imported(reference / TLE_FILE, f"import TLE ({TLE_FILE[:24]}…)", TARGETS["tle"])
    ok &= good
    total = 0.0
    for name in SATCAT_FILES:
        _, _, seconds = imported(reference / name, f"import {name[:40]}", None)
        total += seconds
    ok &= line("import SATCAT, both files (63,108 rows)", total, f"objects {SpaceObject.objects.count()}",
               TARGETS["satcat"])
    good, record, _ = imported(reference / TLE_FILE, "re-import TLE (must change nothing)", TARGETS["tle"])
    ok &= good and record.created == 0 and record.updated == 0

    start = time.perf_counter()
    frame = constellation_series("2019-01-01", "2026-12-31", "day")
    ok &= line("constellation series 2019-2026 by day", time.perf_counter() - start,
               f"{frame.shape[0]} dates x {frame.shape[1]} constellations", TARGETS["series"])
    at = frame.loc["2026-08-22"].dropna().astype(int).to_dict()
    print(f"    in orbit on 2026-08-22: {at}")
    start = time.perf_counter()
    filings = list(Filing.objects.all())
    covered = sum(catalog_series_for_filing(f) is not None for f in filings)
    line(f"catalog series of all {len(filings)} filings", time.perf_counter() - start, f"{covered} covered")
    memory = peak_mb()
    ok &= memory <= TARGETS["memory"]
    print(f"  peak RSS {memory:.0f} MB (target < {TARGETS['memory']:g} MB)")
    return 0 if ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args(argv)
    if not (args.reference / TLE_FILE).exists():
        print(f"reference snapshots not found in {args.reference}; skipped")
        return 0
    if args.backend != "both":
        return run_backend(args.backend, args.reference)
    codes = [subprocess.call([sys.executable, "-m", "bench.bench_catalog", "--backend", b,
                              "--reference", str(args.reference)], cwd=ROOT) for b in ("sqlite", "postgres")]
    return max(codes)


if __name__ == "__main__":
    sys.exit(main())
