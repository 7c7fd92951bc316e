"""Mixed load while the back end works: 50 clients for 60 s against gunicorn on PostgreSQL, with a catalog import
and the alert pipeline running in loops at the same time.

`.venv/bin/python -m bench.bench_load [--clients 50] [--seconds 60] [--workers N]`

Creates a throwaway PostgreSQL database (127.0.0.1:5432, user postgres; dropped at the end, whatever happens),
loads the bundled reference data, imports the full SATCAT (current + decayed) and the full TLE snapshot (from
../shared/reference/catalog/ when present, else the bundled constellations/data snapshot), adds 1,500 synthetic
filings with shells and 300 users with alert subscriptions, and evaluates the milestones. Then, on loopback only:

* gunicorn serves the app;
* a loop re-imports the full TLE snapshot with ``manage.py import_catalog`` (parse, upsert, snapshots, recompute);
* a loop runs ``manage.py send_alerts --as-of D`` for successive dates D (e-mail to a file backend);
* ``--clients`` closed-loop clients (half anonymous, half with a reader's API token) send a weighted mix of
  dashboard pages, API lists and details, and CSV exports for ``--seconds``.

The server and the background jobs share one Redis cache (``--cache-url``), as in production.

Prints p50/p95/p99 overall and per endpoint, and the background runs. Any non-2xx/3xx answer, connection error or
failed background run is an error; exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from bench.bench_api import PG, PYTHON, ROOT, admin_sql, free_port, percentile, worker_peak_rss_mb

SHARED = ROOT.parent / "shared" / "reference" / "catalog"
BUNDLED = ROOT / "constellations" / "data"
ALERT_START = "2026-09-01"
CACHE_URL = "redis://127.0.0.1:6379/5"  # a database of its own: the tests' brokers use 0


def flush_cache(url: str) -> None:
    if url.startswith(("redis://", "rediss://")):
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=5).flushdb()


def catalog_files() -> tuple[list[Path], Path]:
    """(SATCAT files to seed with, the TLE file the import loop re-imports)."""
    satcat = sorted(SHARED.glob("satcat-*.json.gz")) or sorted(BUNDLED.glob("*satcat*.json.gz"))
    tle = sorted(SHARED.glob("*tle*.txt")) or sorted(BUNDLED.glob("*tle*.txt.gz"))
    return satcat, tle[-1]


def seed_extra(filings: int = 1500, users: int = 300, token_users: int = 25) -> None:
    """Runs in a child process on the throwaway database; prints the reader tokens as JSON on the last line."""
    import datetime as dt

    import django

    django.setup()
    from django.contrib.auth.models import User

    from accounts.models import Token
    from alerts.models import Subscription
    from constellations.models import Constellation
    from filings.models import Administration, Filing, FilingShell, Operator, Source

    rng = random.Random(11)
    sources = Source.objects.bulk_create([
        Source(key=f"load-src-{i}", url=f"https://example.org/load/{i}", title=f"Load source {i}", publisher="Bench")
        for i in range(50)])
    admins = Administration.objects.bulk_create([  # QAA-QZZ: ISO 3166 user-assigned codes, never a real country
        Administration(iso_code=f"Q{chr(65 + i // 26)}{chr(65 + i % 26)}", name=f"Bench administration {i}")
        for i in range(26)])
    operators = Operator.objects.bulk_create([
        Operator(key=f"load-op-{i}", name=f"Bench operator {i}", short_name=f"BOp{i}", administration=admins[i % 26])
        for i in range(60)])
    constellations = list(Constellation.objects.all()) + Constellation.objects.bulk_create([
        Constellation(key=f"load-c-{i}", name=f"Bench constellation {i}", operator=operators[i]) for i in range(20)])
    rows = []
    for i in range(filings):
        itu = i % 3 != 0
        receipt = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3600))
        rows.append(Filing(
            key=f"load-filing-{i}", name=f"Bench filing {i:04d}", regulator="itu" if itu else "fcc",
            kind="itu_cr" if itu else "fcc_authorisation", administration=admins[i % 26],
            operator=operators[i % 60], constellation=rng.choice(constellations), reference=f"LOAD-{i}",
            date_of_receipt=receipt, grant_date=None if itu else receipt + dt.timedelta(days=400),
            satellites_filed=rng.randint(10, 30_000), status="filed" if itu else "granted",
            res35_applies=True if itu else None, frequency_bands="Ku, Ka", confidence="estimated",
            notes="Synthetic filing for the load bench."))
    created = Filing.objects.bulk_create(rows, batch_size=1000)
    through = Filing.sources.through
    through.objects.bulk_create([through(filing_id=f.pk, source_id=rng.choice(sources).pk) for f in created])
    FilingShell.objects.bulk_create([
        FilingShell(filing=f, ordinal=n, altitude_km=450 + 30 * n + rng.randint(0, 200), inclination_deg=53,
                    planes=12, satellites_per_plane=10, satellite_count=120)
        for f in created for n in range(1, 4)], batch_size=2000)
    readers = []
    for i in range(users):
        user = User.objects.create_user(f"load-user-{i}", email=f"load-user-{i}@example.org")
        subscription = Subscription.objects.create(
            user=user, name="Bench", all_filings=i % 3 == 0, delivery_mode=("immediate", "daily", "weekly")[i % 3])
        if i % 3:
            subscription.administrations.set([admins[i % 26]])
        if i < token_users:
            readers.append(Token.issue(user, "load bench")[1])
    print(json.dumps(readers), flush=True)


def run(env, *args, quiet=True) -> subprocess.CompletedProcess:
    return subprocess.run([PYTHON, *args], cwd=ROOT, env=env, text=True, capture_output=quiet)


class Loop(threading.Thread):
    """Run one command after another until stopped; record each run's time and outcome."""

    def __init__(self, name, env, make_args):
        super().__init__(daemon=True)
        self.name, self.env, self.make_args = name, env, make_args
        self.stop = threading.Event()
        self.runs: list[tuple[float, int, str]] = []
        self.process: subprocess.Popen | None = None

    def run(self):
        n = 0
        while not self.stop.is_set():
            args = self.make_args(n)
            started = time.perf_counter()
            self.process = subprocess.Popen([PYTHON, *args], cwd=ROOT, env=self.env, text=True,
                                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            output, _ = self.process.communicate()
            if self.stop.is_set() and self.process.returncode < 0:
                break  # ended by us at the end of the run: not a failure
            self.runs.append((time.perf_counter() - started, self.process.returncode, output[-600:]))
            n += 1

    def finish(self, grace: float):
        """Let the run in progress finish (up to ``grace`` seconds), then end it."""
        self.stop.set()
        self.join(grace)
        if self.is_alive() and self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.join(30)


def request_mix(ids, norad_ids, constellation_keys):
    """(endpoint name, weight, path generator) for the mixed load."""
    return [
        ("page: overview /", 6, lambda r: "/"),
        ("page: filings list", 6, lambda r: "/filings/"),
        ("page: filing detail", 8, lambda r: f"/filings/{r.choice(ids)}/"),
        ("page: shells", 3, lambda r: "/shells/"),
        ("page: compute", 3, lambda r: "/compute/"),
        ("api: filings list", 10, lambda r: f"/api/v1/filings/?offset={50 * r.randint(0, 40)}"),
        ("api: filing detail", 12, lambda r: f"/api/v1/filings/{r.choice(ids)}/"),
        ("api: filing milestones", 5, lambda r: f"/api/v1/filings/{r.choice(ids)}/milestones/"),
        ("api: milestones list", 5, lambda r: f"/api/v1/milestones/?status=upcoming&offset={50 * r.randint(0, 20)}"),
        ("api: space objects list", 8,
         lambda r: f"/api/v1/space-objects/?constellation={r.choice(constellation_keys)}&offset={50 * r.randint(0, 5)}"),
        ("api: space object detail", 8, lambda r: f"/api/v1/space-objects/{r.choice(norad_ids)}/"),
        ("api: constellations", 3, lambda r: "/api/v1/constellations/"),
        ("csv: filings export", 2, lambda r: f"/api/v1/filings/?format=csv&administration={r.choice(['USA', 'CHN', 'QAA', 'QAB'])}"),
        ("csv: shells export", 1, lambda r: "/api/v1/shells/?format=csv"),
    ]


def load(port, mix, clients, seconds, tokens):
    results = defaultdict(list)  # endpoint -> [ms]
    errors = []
    lock = threading.Lock()
    names = [m[0] for m in mix]
    weights = [m[1] for m in mix]
    paths = {m[0]: m[2] for m in mix}
    deadline = time.perf_counter() + seconds

    def client(n):
        rng = random.Random(1000 + n)
        headers = {"Accept-Encoding": "identity"}
        if n % 2 and tokens:
            headers["Authorization"] = f"Token {tokens[n % len(tokens)]}"
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        mine, bad = defaultdict(list), []
        while time.perf_counter() < deadline:
            name = rng.choices(names, weights)[0]
            path = paths[name](rng)
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if not 200 <= response.status < 400:
                    bad.append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                bad.append(f"{type(error).__name__} {path}")
                connection.close()
            mine[name].append((time.perf_counter() - start) * 1000)
        with lock:
            for key, values in mine.items():
                results[key].extend(values)
            errors.extend(bad)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors, time.perf_counter() - started


class Waits(threading.Thread):
    """Samples what the database's busy sessions wait on, to say where the time goes."""

    def __init__(self, database):
        super().__init__(daemon=True)
        self.database, self.stop, self.seen = database, threading.Event(), defaultdict(int)
        self.samples = 0

    def run(self):
        import psycopg

        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
            while not self.stop.wait(1.0):
                self.samples += 1
                for wait, query in connection.execute(
                        "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU'), left(regexp_replace(query, "
                        "'\\s+', ' ', 'g'), 90) FROM pg_stat_activity WHERE datname = %s AND state = 'active'",
                        (self.database,)):
                    self.seen[(wait, query)] += 1

    def report(self, top=6):
        print(f"database sessions busy (samples every 1 s, {self.samples} samples): session-seconds, wait, query")
        for (wait, query), n in sorted(self.seen.items(), key=lambda item: -item[1])[:top]:
            print(f"  {n:5d}  {wait:28} {query}")


def row(name, values, elapsed, errors=""):
    values = sorted(values)
    return (f"{name:28} {len(values):8d} {len(values) / elapsed:7.1f} {statistics.median(values):8.1f} "
            f"{percentile(values, 95):8.1f} {percentile(values, 99):8.1f} {errors:>7}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--no-background", action="store_true", help="The same load without the import and alerts.")
    parser.add_argument("--cache-url", default=CACHE_URL,
                        help="CACHE_URL for the server and the background jobs: one cache shared by every gunicorn "
                             "worker, as the README asks of a production deployment (default: %(default)s; "
                             "the database is flushed before and after). locmem:// gives each worker its own.")
    args = parser.parse_args()

    database = f"slotwatch_bench_load_{os.getpid()}"
    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-load-"))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
        "DJANGO_SETTINGS_MODULE": "slotwatch.settings",
        "SLOTWATCH_VAR_DIR": str(folder),
        "EMAIL_URL": f"file://{folder / 'mail'}",
        "SITE_URL": f"http://127.0.0.1:{port}",
        # The bench measures the server, not the throttles: every client comes from 127.0.0.1.
        "SLOTWATCH_API_ANON_RATE": "1000000/second",
        "SLOTWATCH_API_EXPORT_RATE": "1000000/second",
        "SLOTWATCH_PAGE_ANON_RATE": "1000000/second",
        "SLOTWATCH_API_TOKEN_RATE": "1000000/second",
        "LOG_LEVEL": "WARNING",
        "CACHE_URL": args.cache_url,
    }
    flush_cache(args.cache_url)
    satcat, tle = catalog_files()
    admin_sql(f'CREATE DATABASE "{database}"')
    server, loops, failed = None, [], False
    try:
        print(f"database {database}; migrating and seeding ...", flush=True)
        seeding = time.perf_counter()
        for step in (["manage.py", "migrate", "--verbosity", "0"], ["manage.py", "load_reference"],
                     ["manage.py", "import_catalog", "--verbosity", "0", *map(str, satcat), str(tle)]):
            done = run(env, *step)
            if done.returncode:
                raise RuntimeError(f"{' '.join(step)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        seeded = run(env, "-c", "from bench.bench_load import seed_extra; seed_extra()")
        if seeded.returncode:
            raise RuntimeError(f"seeding failed:\n{seeded.stderr[-3000:]}")
        tokens = json.loads(seeded.stdout.strip().splitlines()[-1])
        run(env, "manage.py", "evaluate", "--verbosity", "0")
        import psycopg

        with psycopg.connect(dbname=database, **PG) as connection:
            ids = [r[0] for r in connection.execute("SELECT id FROM filings_filing")]
            norad_ids = [r[0] for r in connection.execute("SELECT norad_id FROM constellations_spaceobject")]
            keys = [r[0] for r in connection.execute("SELECT key FROM constellations_constellation")]
            counts = {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in (
                "filings_filing", "filings_filingshell", "constellations_spaceobject",
                "constellations_elementsetsnapshot", "compliance_milestone", "alerts_subscription")}
        print(f"seeded in {time.perf_counter() - seeding:.0f} s: "
              + ", ".join(f"{n:,} {t.split('_', 1)[1]}" for t, n in counts.items()), flush=True)

        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "slotwatch.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
             str(args.workers), "--timeout", "120", "--log-level", "warning"], cwd=ROOT, env=env,
            stderr=open(folder / "gunicorn.log", "w"))
        for _ in range(150):
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                probe.request("GET", "/api/v1/constellations/")
                if probe.getresponse().status == 200:
                    break
            except (OSError, http.client.HTTPException):
                time.sleep(0.2)
            finally:
                probe.close()
        mix = request_mix(ids, norad_ids, keys)
        _, warm_errors, _ = load(port, mix, min(args.clients, 10), 3, tokens)  # warm every worker
        if warm_errors:
            failed = True
            print(f"ERRORS while warming up: {warm_errors[:5]}", flush=True)
        print("unloaded latency, one client, 3 requests per endpoint (median ms):", flush=True)
        rng = random.Random(5)
        for name, _, make in mix:
            times = []
            for _ in range(3):
                probe = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                started = time.perf_counter()
                probe.request("GET", make(rng))
                status = probe.getresponse()
                status.read()
                probe.close()
                times.append((time.perf_counter() - started) * 1000)
            print(f"  {name:28} {statistics.median(times):8.1f}  (HTTP {status.status})", flush=True)

        import datetime as dt

        start_day = dt.date.fromisoformat(ALERT_START)
        loops = [
            Loop("import_catalog (full TLE)", env,
                 lambda n: ["manage.py", "import_catalog", "--verbosity", "0", str(tle)]),
            Loop("send_alerts --as-of", env,
                 lambda n: ["manage.py", "send_alerts", "--as-of", str(start_day + dt.timedelta(days=7 * n))]),
        ]
        waits = Waits(database)
        waits.start()
        if args.no_background:
            loops = []
        for loop in loops:
            loop.start()
        results, errors, elapsed = load(port, mix, args.clients, args.seconds, tokens)
        waits.stop.set()
        peak = worker_peak_rss_mb(server.pid)
        for loop in loops:
            loop.finish(grace=120)

        every = [v for values in results.values() for v in values]
        by_endpoint = defaultdict(int)
        for error in errors:
            by_endpoint[error.split(" ", 1)[1]] += 1
        print(f"\ngunicorn: {args.workers} sync workers, {os.cpu_count()} CPUs; {args.clients} clients for "
              f"{args.seconds:g} s on loopback, PostgreSQL, cache {args.cache_url}; TLE file {tle.name}\n")
        print(f"{'endpoint':28} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        print(row("ALL", every, elapsed, str(len(errors))))
        for name, *_ in mix:
            if results.get(name):
                print(row(name, results[name], elapsed))
        print(f"\nserver workers' peak RSS: {peak:.0f} MB")
        waits.report()
        for loop in loops:
            times = [t for t, _, _ in loop.runs]
            bad = [r for r in loop.runs if r[1] != 0]
            print(f"background {loop.name}: {len(loop.runs)} runs during the load"
                  + (f", {statistics.median(times):.1f} s median, {max(times):.1f} s max" if times else "")
                  + f", {len(bad)} failed")
            for _, code, output in bad[:2]:
                print(f"   exit {code}: {output.strip()[-400:]}")
            failed |= bool(bad) or not loop.runs
        log = (folder / "gunicorn.log").read_text(errors="replace").splitlines()
        print(f"gunicorn log: {len(log)} lines" + (f"; last: {log[-1][:200]}" if log else ""))
        mail = list((folder / "mail").glob("*")) if (folder / "mail").exists() else []
        print(f"alert e-mail files written: {len(mail)}")
        if errors:
            failed = True
            print(f"\nERRORS: {len(errors)}; first: {errors[:5]}")
        else:
            print("\nerrors: 0")
    finally:
        for loop in loops:
            loop.finish(grace=0)
        if server is not None:
            server.terminate()
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        flush_cache(args.cache_url)
        shutil.rmtree(folder, ignore_errors=True)
        print(f"dropped {database}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
