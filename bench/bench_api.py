"""REST API under load: 20 concurrent clients against gunicorn on PostgreSQL.

`.venv/bin/python -m bench.bench_api [--clients 20] [--seconds 15] [--workers N]`

Creates a throwaway PostgreSQL database (127.0.0.1:5432, user postgres), seeds 1,000 filings (3 shells each,
with sources) and 60,000 space objects, starts gunicorn on a free loopback port, and runs each scenario for
``--seconds`` with ``--clients`` closed-loop clients (each sends its next request when the last one is answered):
the filings list (default page of 50, shells nested), one filing's detail, a CSV export of the filings list, and
the space-objects and milestones lists (3,000 milestones are seeded too).
Then it times one CSV and one XLSX export of 60,000 shells and reports the server workers' peak memory.
Prints throughput and p50/p95/p99 latency; exits 1 on any error or if the filings list/detail p95 is over 150 ms.
The database is dropped at the end, whatever happens.
"""

import argparse
import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
P95_BUDGET_MS = 150.0
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def admin_sql(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as connection:
        connection.execute(sql)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed(filings: int = 1000, shells_per_filing: int = 3, space_objects: int = 60_000) -> None:
    """Runs in a child process with DATABASE_URL pointing at the throwaway database."""
    import datetime as dt

    import django

    django.setup()
    from constellations.models import Constellation, SpaceObject
    from filings.models import Administration, Filing, FilingShell, Operator, Source

    rng = random.Random(7)
    sources = Source.objects.bulk_create([
        Source(key=f"src-{i}", url=f"https://example.org/{i}", title=f"Source {i}", publisher=f"Pub {i % 7}")
        for i in range(100)
    ])
    admins = [Administration.objects.create(iso_code=code, itu_symbol=code, name=f"Admin {code}")
              for code in ("USA", "CHN", "GBR", "FRA", "DEU", "RWA", "CAN", "IND")]
    operators = Operator.objects.bulk_create([
        Operator(key=f"op-{i}", name=f"Operator {i}", short_name=f"Op{i}", administration=admins[i % len(admins)])
        for i in range(40)
    ])
    constellations = Constellation.objects.bulk_create([
        Constellation(key=f"c-{i}", name=f"Constellation {i}", operator=operators[i]) for i in range(20)
    ])
    rows = []
    for i in range(filings):
        itu = i % 2 == 0
        rows.append(Filing(
            key=f"filing-{i}", name=f"Filing {i:04d}", regulator="itu" if itu else "fcc",
            kind="itu_cr" if itu else "fcc_authorisation", administration=admins[i % len(admins)],
            operator=operators[i % len(operators)], constellation=constellations[i % len(constellations)],
            reference=f"REF-{i}", date_of_receipt=dt.date(2015, 1, 1) + dt.timedelta(days=i * 3),
            satellites_filed=rng.randint(10, 100_000), status="filed", frequency_bands="Ku, Ka",
            confidence="reported", notes="Seeded for the API benchmark.",
        ))
    created = Filing.objects.bulk_create(rows, batch_size=1000)
    through = Filing.sources.through
    through.objects.bulk_create([through(filing_id=f.pk, source_id=rng.choice(sources).pk) for f in created])
    shells = FilingShell.objects.bulk_create([
        FilingShell(filing=f, ordinal=n, altitude_km=500 + 10 * n, inclination_deg=53, planes=10,
                    satellites_per_plane=10, satellite_count=100)
        for f in created for n in range(1, shells_per_filing + 1)
    ], batch_size=2000)
    shell_through = FilingShell.sources.through
    shell_through.objects.bulk_create([
        shell_through(filingshell_id=s.pk, source_id=rng.choice(sources).pk) for s in shells[::2]
    ])
    SpaceObject.objects.bulk_create([
        SpaceObject(norad_id=40000 + i, name=f"SAT-{i}", cospar_id=f"2020-{i % 999:03d}A",
                    constellation=constellations[i % len(constellations)], mean_altitude_km=550.0,
                    inclination_deg=53.0, orbit_state="on_station", shell=shells[i % len(shells)])
        for i in range(space_objects)
    ], batch_size=5000)
    from compliance.models import Milestone

    today = dt.date.today()
    Milestone.objects.bulk_create([
        Milestone(filing=f, code=code, regime="itu" if f.regulator == "itu" else "fcc", title=f"{code} milestone",
                  provision="Seeded", source="bench", confidence="reported",
                  status=rng.choice(["met", "missed", "due_soon", "upcoming", "not_applicable"]),
                  due_date=today + dt.timedelta(days=rng.randint(-2000, 3000)), required=rng.randint(1, 50_000),
                  deployed=rng.randint(0, 5000), evaluated_as_of=today, notes=["seeded for the API benchmark"])
        for f in created for code in (("itu_biu", "res35_m1", "res35_m2") if f.regulator == "itu"
                                      else ("fcc_bond", "fcc_m50", "fcc_m100"))
    ], batch_size=2000)
    print(f"seeded {Filing.objects.count()} filings, {FilingShell.objects.count()} shells, "
          f"{SpaceObject.objects.count()} space objects, {Milestone.objects.count()} milestones", flush=True)


def add_shells(total: int) -> None:
    """Bring the shells table to ``total`` rows for the large-export timing."""
    import django

    django.setup()
    from filings.models import Filing, FilingShell

    missing = total - FilingShell.objects.count()
    filings = list(Filing.objects.order_by("pk")[:100])
    FilingShell.objects.bulk_create([
        FilingShell(filing=filings[i % 100], ordinal=100 + i // 100, altitude_km=300 + i % 900) for i in range(missing)
    ], batch_size=5000)


def child(env, *args) -> None:
    subprocess.run([PYTHON, *args], cwd=ROOT, env=env, check=True)


def run_scenario(port, paths, clients, seconds):
    latencies, errors, lock = [], [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(n):
        rng = random.Random(n)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine, bad = [], []
        while time.perf_counter() < deadline:
            path = rng.choice(paths)
            start = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "identity"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    bad.append(f"{response.status} {path}")
                if response.getheader("Connection", "").lower() == "close":
                    connection.close()
            except (OSError, http.client.HTTPException) as error:
                bad.append(f"{type(error).__name__} {path}")
                connection.close()
            mine.append((time.perf_counter() - start) * 1000)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    return latencies, errors, elapsed


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100 * (len(sorted_values) - 1))))]


def worker_peak_rss_mb(master_pid: int) -> float:
    peaks = []
    for status in Path("/proc").glob("*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
        if fields.get("PPid", "").strip() == str(master_pid):
            peaks.append(int(fields.get("VmHWM", "0 kB").split()[0]) / 1024)
    return max(peaks, default=float("nan"))


def timed_get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    start = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    size = 0
    first = None
    while chunk := response.read(65536):
        first = first or (time.perf_counter() - start)
        size += len(chunk)
    connection.close()
    return response.status, (time.perf_counter() - start), first or 0.0, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    database = f"slotwatch_bench_api_{os.getpid()}"
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{database}",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; HTTPS is the proxy's job
        "DJANGO_SETTINGS_MODULE": "slotwatch.settings",
        # The bench measures the server, not the throttle: every client comes from 127.0.0.1.
        "SLOTWATCH_API_ANON_RATE": "1000000/second",
        "SLOTWATCH_API_EXPORT_RATE": "1000000/second",
        "SLOTWATCH_PAGE_ANON_RATE": "1000000/second",
        "LOG_LEVEL": "WARNING",
    }
    admin_sql(f'CREATE DATABASE "{database}"')
    server = None
    failed = False
    try:
        print(f"database {database}; migrating and seeding ...", flush=True)
        child(env, "manage.py", "migrate", "--verbosity", "0")
        child(env, "-c", "from bench.bench_api import seed; seed()")
        worker_class = ["--worker-class", "gthread", "--threads", str(args.threads)] if args.threads > 1 else []
        server = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "slotwatch.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
             str(args.workers), *worker_class, "--timeout", "120", "--log-level", "warning"],
            cwd=ROOT, env=env,
        )
        for _ in range(100):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        import psycopg

        with psycopg.connect(dbname=database, **PG) as connection:
            ids = [row[0] for row in connection.execute("SELECT id FROM filings_filing ORDER BY id")]
        scenarios = [
            ("filings list (50 per page)", [f"/api/v1/filings/?offset={o}" for o in range(0, 950, 50)]),
            ("filing detail", [f"/api/v1/filings/{pk}/" for pk in ids]),
            ("filings CSV export (1,000 rows)", ["/api/v1/filings/?format=csv"]),
            # never cached (catalog writes do not touch the version token): every request counts 60,000 rows
            ("space objects list (50 per page)",
             [f"/api/v1/space-objects/?offset={o}" for o in range(0, 60_000, 600)]
             + [f"/api/v1/space-objects/?constellation=c-{i}&offset={50 * i}" for i in range(20)]),
            ("milestones list (50 per page)",
             [f"/api/v1/milestones/?offset={o}" for o in range(0, 2950, 50)]
             + [f"/api/v1/milestones/?status=upcoming&ordering=shortfall&offset={o}" for o in range(0, 500, 50)]),
        ]
        for _, paths in scenarios:  # warm every worker's connection and caches
            run_scenario(port, paths[:5], args.clients, 1.5)
        print(f"\ngunicorn: {args.workers} workers x {args.threads} threads, {os.cpu_count()} CPUs; "
              f"{args.clients} clients, {args.seconds:g} s per scenario, loopback, PostgreSQL\n")
        print(f"{'scenario':34} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
        for name, paths in scenarios:
            latencies, errors, elapsed = run_scenario(port, paths, args.clients, args.seconds)
            latencies.sort()
            p95 = percentile(latencies, 95)
            print(f"{name:34} {len(latencies):9d} {len(latencies) / elapsed:8.1f} {statistics.median(latencies):8.1f} "
                  f"{p95:8.1f} {percentile(latencies, 99):8.1f} {len(errors):7d}", flush=True)
            if errors:
                failed = True
                print("   first errors:", errors[:3])
            if name.startswith("filing") and "export" not in name and p95 > P95_BUDGET_MS:
                failed = True
                print(f"   p95 over the {P95_BUDGET_MS:g} ms budget")

        child(env, "-c", "from bench.bench_api import add_shells; add_shells(60000)")
        print("\nlarge export, one client, 60,000 shells:")
        for fmt in ("csv", "xlsx"):
            status, total, first, size = timed_get(port, f"/api/v1/shells/?format={fmt}")
            print(f"  {fmt:5} status {status}, {size / 1e6:6.1f} MB, first byte {first * 1000:7.0f} ms, "
                  f"total {total:6.2f} s")
            failed |= status != 200
        print(f"  peak RSS of the largest gunicorn worker: {worker_peak_rss_mb(server.pid):.0f} MB")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        print(f"\ndropped {database}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
