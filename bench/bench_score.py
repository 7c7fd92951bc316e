"""End-to-end bench of ``manage.py score`` over the bundled dataset on a fresh SQLite database.

Run from the repository root: ``.venv/bin/python -m bench.bench_score``. Migrates a throw-away database in
a temporary directory, loads ``filings/data/`` (not timed), then times ``manage.py score`` as a subprocess
(Python and Django start-up included) twice: cold, and again over existing rows (the daily refresh).
"""

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _manage(env, *args) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed, done.stdout


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="slotwatch-bench-") as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"}
        _manage(env, "migrate", "--noinput", "-v", "0")
        _manage(env, "load_reference")
        args = ("score", "--start", "2026-01-01", "--end", "2027-01-01", "--as-of", "2026-11-25")
        for label in ("first run", "refresh"):
            elapsed, out = _manage(env, *args)
            summary = out.strip().splitlines()[-1]
            print(f"manage.py score ({label}, SQLite): {elapsed:.2f} s wall incl. start-up -- {summary}")


if __name__ == "__main__":
    main()
