"""Server render time of every dashboard page with the full bundled dataset.

`.venv/bin/python -m bench.bench_pages [--requests N]`: a throwaway SQLite database in a temporary folder,
`load_reference` + today's Milestone rows, then N requests per page through Django's test client in this
process (after two warm-up requests). Prints the median and p95 per page and the query count; exits 1 if a
median is over the 300 ms budget.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MS = 300.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-pages-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"  # the in-process client speaks plain HTTP
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from compliance.evaluation import refresh_milestones
    from compliance.rules.codes import OPEN_STATUSES
    from filings.models import Filing
    from filings.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    refresh_milestones()
    biggest = Filing.objects.filter(shells__isnull=False).order_by("-satellites_filed").first()
    counted = (Filing.objects.filter(milestones__status__in=OPEN_STATUSES, milestones__required__isnull=False)
               .order_by("-satellites_filed").first()) or biggest
    pages = [
        ("overview", "/"),
        ("overview as of 2025-06-01", "/?as_of=2025-06-01"),
        ("filings", "/filings/"),
        ("filings filtered+sorted", "/filings/?administration=USA&ordering=next_deadline"),
        (f"detail ({biggest.key})", biggest.get_absolute_url()),
        (f"detail what-if ({counted.key})", counted.get_absolute_url() + "?rate=120&start=2027-01-01"),
        ("shells map", "/shells/"),
        ("compute race", "/compute/"),
        ("timeline", "/timeline/"),
        ("timeline as of 2027-06-01, ITU", "/timeline/?as_of=2027-06-01&regime=itu"),
        ("administration (USA)", "/administrations/USA/"),
        ("operator (spacex)", "/operators/spacex/"),
        ("compare (4 filings)", "/compare/?filings=starlink-gen2,spacex-odc,ctc-1,cinnamon-937"),
    ]
    client = Client()
    print(f"{Filing.objects.count()} filings; {args.requests} requests per page, in-process, SQLite\n")
    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'max ms':>8} {'queries':>8}")
    over = []
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats
        cProfile.runctx("client.get(pages[0][1])", globals(), {"client": client, "pages": pages}, "/tmp/bench.prof")
        pstats.Stats("/tmp/bench.prof").sort_stats("cumulative").print_stats(25)
    for name, url in pages:
        for _ in range(2):
            assert client.get(url).status_code == 200, url
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)):
            client.get(url)
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        median = statistics.median(times)
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        print(f"{name:44} {median:10.1f} {p95:8.1f} {times[-1]:8.1f} {len(queries):8d}")
        if median > BUDGET_MS:
            over.append(name)
    if over:
        print(f"\nOver the {BUDGET_MS:.0f} ms budget: {', '.join(over)}")
        return 1
    print(f"\nEvery page's median is within the {BUDGET_MS:.0f} ms budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
