"""The registry and the catalog at their real size: evaluation of every filing, then page and API latencies.

    .venv/bin/python -m bench.bench_scale [--objects N] [--requests N] [--backend sqlite|postgres]

A throwaway database (a SQLite file in a temporary folder, or a PostgreSQL database on 127.0.0.1:5432, user
postgres, trust, dropped afterwards) holding:

* the registry: the curated filings (`load_reference`) plus every non-GSO network of the shared ITU Space Network
  List exports (`import_itu`, ../shared/reference/itu-snl);
* the catalog: the bundled SATCAT and element sets, then N objects of OMM (default 100,000: CelesTrak passed
  100,000 objects in July 2026), built from the bundled TLE set and padded with catalog numbers above 99,999
  (bench.bench_sync.omm_rows).

Then it times `evaluate` (every filing's milestones stored; target under 60 s) and N requests to the overview,
the filings list and the API's filings list after two warm-up requests (target: p95 under 300 ms). Exits 1 when
a target is missed.
"""

import argparse
import json
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_itu import DEFAULT_LISTS
from bench.bench_sync import omm_rows

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = [ROOT / "constellations" / "data" / "tracked-satcat-spacetrack-2025-03-16.json.gz",
           ROOT / "constellations" / "data" / "tracked-active-tle-2026-08-22.txt.gz"]
EVALUATE_TARGET_S = 60.0
P95_TARGET_MS = 300.0
PG = "postgres://postgres@127.0.0.1:5432/"


def _setup(backend: str, folder: Path) -> str | None:
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"  # production setting: no SQL logging
    os.environ["SECURE_SSL_REDIRECT"] = "0"  # the in-process client speaks plain HTTP
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    # The bench measures the server, not the anonymous rate limits in front of it.
    os.environ["SLOTWATCH_PAGE_ANON_RATE"] = "100000/minute"
    os.environ["SLOTWATCH_API_ANON_RATE"] = "100000/minute"
    if backend == "postgres":
        import psycopg

        database = f"slotwatch_bench_scale_{os.getpid()}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = PG + database
        return database
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    return None


def _timed(label: str, action):
    start = time.perf_counter()
    result = action()
    seconds = time.perf_counter() - start
    print(f"  {label:58} {seconds:8.1f} s", flush=True)
    return seconds, result


def _latencies(client, url: str, requests: int) -> tuple[float, float]:
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        b"".join(getattr(response, "streaming_content", [])) if response.streaming else response.content
    times.sort()
    return times[len(times) // 2], times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def _run(args, folder: Path) -> int:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from compliance.models import Milestone
    from constellations.models import SpaceObject
    from filings.models import Filing

    quiet = open(os.devnull, "w")
    call_command("migrate", verbosity=0)
    _timed("load_reference (curated filings)", lambda: call_command("load_reference", stdout=quiet))
    lists = sorted(str(p) for p in Path(args.lists).glob("snl_*.csv"))
    _timed(f"import_itu ({len(lists)} SNL exports)", lambda: call_command("import_itu", *lists, stdout=quiet,
                                                                           stderr=quiet))
    _timed("import_catalog (bundled SATCAT + element sets)",
           lambda: call_command("import_catalog", *map(str, BUNDLED), verbosity=0, stdout=quiet, stderr=quiet))
    if args.objects:
        padded = folder / "gp-active.json"
        padded.write_text(json.dumps(omm_rows(args.objects)))
        _timed(f"import_catalog ({args.objects:,} objects of OMM)",
               lambda: call_command("import_catalog", str(padded), verbosity=0, stdout=quiet, stderr=quiet))
    filings, objects = Filing.objects.count(), SpaceObject.objects.count()
    print(f"\n  registry: {filings:,} filings; catalog: {objects:,} objects ({os.environ['DATABASE_URL']})\n")

    evaluated, _ = _timed("evaluate (every filing's milestones stored)",
                          lambda: call_command("evaluate", stdout=quiet))
    print(f"  {Milestone.objects.count():,} milestone rows\n")

    client = Client()
    pages = [("overview", "/"), ("filings list", "/filings/"), ("API filings list", "/api/v1/filings/"),
             ("API milestones list", "/api/v1/milestones/")]
    print(f"  {'page':30} {'median ms':>10} {'p95 ms':>8}   ({args.requests} requests each, in-process)")
    missed = [] if evaluated <= EVALUATE_TARGET_S else [f"evaluate {evaluated:.1f} s > {EVALUATE_TARGET_S:.0f} s"]
    for name, url in pages:
        median, p95 = _latencies(client, url, args.requests)
        print(f"  {name:30} {median:10.1f} {p95:8.1f}")
        if p95 > P95_TARGET_MS:
            missed.append(f"{name} p95 {p95:.0f} ms > {P95_TARGET_MS:.0f} ms")
    if missed:
        print("\nTargets missed: " + "; ".join(missed))
        return 1
    print(f"\nevaluate under {EVALUATE_TARGET_S:.0f} s; every page's and list's p95 under {P95_TARGET_MS:.0f} ms.")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=100_000, help="OMM objects added to the catalog (0: none)")
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--lists", default=str(DEFAULT_LISTS), help="folder of SNL exports (snl_*.csv)")
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix=f"slotwatch-bench-scale-{args.backend}-"))
    database = _setup(args.backend, folder)
    try:
        return _run(args, folder)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


if __name__ == "__main__":
    sys.exit(main())
