"""The filing export for people (names, next deadline, in orbit with its data date) on the bundled data.

`.venv/bin/python -m bench.bench_exports [--requests N]`: a throwaway SQLite database, `load_reference`, the
bundled catalog (`import_catalog` of the SATCAT and TLE files under constellations/data/) and today's Milestone
rows; then one cold export (no cached deployment series: every constellation attributed) and N warm ones of
`/api/v1/filings/?format=csv` and `?format=xlsx`, through Django's test client in this process. Prints the cold
time and the warm median per format; exits 1 if a warm median is over the 500 ms budget.
"""

import argparse
import os
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MS = 500.0
ROOT = Path(__file__).resolve().parent.parent
CATALOG = ["constellations/data/tracked-satcat-spacetrack-2025-03-16.json.gz",
           "constellations/data/tracked-active-tle-2026-08-22.txt.gz"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-exports-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"
    os.environ["SECURE_SSL_REDIRECT"] = "0"  # the in-process client speaks plain HTTP
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    from compliance.evaluation import refresh_milestones
    from filings.models import Filing
    from filings.reference import load_reference

    call_command("migrate", verbosity=0)
    load_reference()
    with open(os.devnull, "w") as quiet:
        call_command("import_catalog", *[str(ROOT / path) for path in CATALOG], stdout=quiet, stderr=quiet)
    refresh_milestones()
    client = Client()

    def export(fmt: str) -> tuple[float, int]:
        start = time.perf_counter()
        response = client.get("/api/v1/filings/", {"format": fmt})
        size = len(b"".join(response.streaming_content))
        assert response.status_code == 200, response.status_code
        return (time.perf_counter() - start) * 1000, size

    print(f"{Filing.objects.count()} filings; bundled catalog imported\n")
    print(f"{'export':34} {'cold ms':>9} {'warm median ms':>15} {'bytes':>8}")
    over = []
    for fmt in ("csv", "xlsx"):
        cache.clear()  # cold: the deployment series of every filing are built (then cached per data version)
        cold, size = export(fmt)
        warm = statistics.median(export(fmt)[0] for _ in range(args.requests))
        print(f"{'/api/v1/filings/?format=' + fmt:34} {cold:9.0f} {warm:15.0f} {size:8d}")
        if warm > BUDGET_MS:
            over.append(fmt)
    if over:
        print(f"\nover the {BUDGET_MS:.0f} ms budget (warm): {', '.join(over)}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
