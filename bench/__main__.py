"""`make bench`: run every benchmark, each in its own process so its peak-memory figure is its own."""

import subprocess
import sys
from pathlib import Path

# Fast, self-contained ones first; those that start servers last.
ORDER = ["bench_catalog_parse", "bench_catalog", "bench_sync", "bench_itu", "bench_scale", "bench_attribution", "bench_engine",
         "bench_score", "bench_pages", "bench_browser", "bench_alerts",
         "bench_api", "bench_load"]
ORDER += ["bench_slowclients"]  # starts `make serve` with its Celery worker and beat: last


def main() -> int:
    here = Path(__file__).resolve().parent
    present = {p.stem for p in here.glob("bench_*.py")}
    names = [n for n in ORDER if n in present] + sorted(present - set(ORDER))
    failed = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        if subprocess.call([sys.executable, "-m", f"bench.{name}"], cwd=here.parent) != 0:
            failed.append(name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
