"""A full CelesTrak GP sync of 100,000 objects from a local mirror, then the same sync again (unchanged).

    .venv/bin/python -m bench.bench_sync [--objects 100000] [--backend sqlite|postgres]

The mirror is a standard-library HTTP server on 127.0.0.1 serving OMM JSON built from the bundled TLE set
(constellations/data/tracked-active-tle-2026-08-22.txt.gz, about 12,200 objects, converted with sgp4's OMM
exporter) and padded to the requested size with copies numbered from 100,000 up (catalog numbers above 99,999
exist only in OMM; CelesTrak passed 100,000 objects in July 2026). Steps: migrate + load_reference, the first
sync (every object created), a second sync answered 304 (ETag), and a third against a mirror without validators
(same body: recognised by its hash). Target on the 2-core machine: the first sync under 30 s.
"""

import argparse
import gzip
import json
import os
import secrets
import resource
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TLE_SET = ROOT / "constellations" / "data" / "tracked-active-tle-2026-08-22.txt.gz"
TARGET_SECONDS = 30.0
PG = "postgres://postgres@127.0.0.1:5432/"
GP_PATH = "/NORAD/elements/gp.php?GROUP=active&FORMAT=json"
FILE_DATE = "Sun, 23 Aug 2026 00:00:00 GMT"  # the day after the TLE set's date: its epochs are all before


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def omm_rows(objects: int) -> list[dict]:
    from sgp4 import exporter
    from sgp4.api import Satrec

    lines = [line.rstrip() for line in gzip.decompress(TLE_SET.read_bytes()).decode().splitlines() if line.strip()]
    base = []
    for i in range(0, len(lines) - 2, 3):
        name, line1, line2 = lines[i], lines[i + 1], lines[i + 2]
        row = exporter.export_omm(Satrec.twoline2rv(line1, line2), name.strip())
        row["NORAD_CAT_ID"] = int(row["NORAD_CAT_ID"])
        base.append(row)
    rows = list(base)
    number = 100_000
    while len(rows) < objects:
        for row in base:
            if len(rows) >= objects:
                break
            copy = dict(row, NORAD_CAT_ID=number, OBJECT_NAME=f"{row['OBJECT_NAME']} P{number}")
            copy["MEAN_ANOMALY"] = (float(row["MEAN_ANOMALY"]) + 7.0 * (number % 50)) % 360.0
            rows.append(copy)
            number += 1
    return rows[:objects]


def serve(body: bytes, with_validators: list[bool]):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != GP_PATH:
                self.send_response(404)
                self.end_headers()
                return
            if with_validators[0] and self.headers.get("If-None-Match") == '"bench-1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            if with_validators[0]:
                self.send_header("ETag", '"bench-1"')
                self.send_header("Last-Modified", FILE_DATE)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-sync-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    database = None
    if args.backend == "postgres":
        import psycopg

        database = f"slotwatch_bench_sync_{os.getpid()}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = PG + database
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    sys.path.insert(0, str(ROOT))
    try:
        return _run(args)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


def _run(args) -> int:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    from constellations.models import SpaceObject
    from constellations.sync import run_sync

    print(f"[{args.backend}] {os.environ['DATABASE_URL']}")
    start = time.perf_counter()
    rows = omm_rows(args.objects)
    body = json.dumps(rows).encode()
    above = sum(r["NORAD_CAT_ID"] > 99_999 for r in rows)
    print(f"  mirror: {len(rows):,} objects ({above:,} numbered above 99,999), {len(body) / 1e6:,.1f} MB OMM JSON, "
          f"built in {time.perf_counter() - start:.1f} s", flush=True)
    validators = [True]
    httpd = serve(body, validators)
    settings.SLOTWATCH_CELESTRAK_URL = f"http://127.0.0.1:{httpd.server_address[1]}"
    settings.SLOTWATCH_CELESTRAK_GROUPS = ["active"]
    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_reference", verbosity=0, stdout=quiet)

    def timed(label, target=None, **kwargs):
        start = time.perf_counter()
        result = run_sync("celestrak-gp", force=True, **kwargs)
        seconds = time.perf_counter() - start
        record = result.records[0]
        ok = target is None or seconds <= target
        flag = "" if target is None else (f"  (target < {target:g} s)" if ok else f"  OVER target {target:g} s")
        print(f"  {label:<38} {seconds:7.2f} s  {record.outcome:<12} bytes {record.bytes:>11,}  "
              f"created {record.created:>7,} updated {record.updated:>6,} rejected {record.rejected:>4,}  "
              f"peak RSS {peak_mb():5.0f} MB{flag}", flush=True)
        return ok, record

    ok, first = timed("first sync (everything new)", TARGET_SECONDS)
    objects = SpaceObject.objects.count()
    print(f"    {objects:,} objects in the catalog; {first.message}")
    ok &= objects == args.objects and first.created == args.objects
    good, second = timed("second sync (HTTP 304)")
    ok &= good and second.outcome == "not_modified"
    validators[0] = False
    good, third = timed("third sync (no validators, same body)")
    ok &= good and third.outcome == "unchanged"
    httpd.shutdown()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
