"""import_itu of the shared ITU SNL exports, then the same again (which must write nothing).

    .venv/bin/python -m bench.bench_itu [--lists DIR] [--backend sqlite|postgres]

A throwaway database (a SQLite file in a temporary folder, or a PostgreSQL database on 127.0.0.1:5432, user
postgres, trust, dropped afterwards): migrate + load_reference (the curated filings the lists are matched
against), then every SNL export in DIR (default ../shared/reference/itu-snl), name changes first, each file in
its own transaction, then the second run. Target on the 2-core machine: each run under 30 s (issue 16).
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LISTS = next((p for p in (ROOT.parent / "shared" / "reference" / "itu-snl",
                                  Path("/work/shared/reference/itu-snl")) if p.exists()),
                     ROOT / "tests" / "fixtures" / "itu-snl")
TARGET_SECONDS = 30.0
PG = "postgres://postgres@127.0.0.1:5432/"


def _setup(backend: str):
    folder = Path(tempfile.mkdtemp(prefix=f"slotwatch-bench-itu-{backend}-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"  # production setting: no SQL logging
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    if backend == "postgres":
        import psycopg

        database = f"slotwatch_bench_itu_{os.getpid()}"
        with psycopg.connect(PG + "postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        os.environ["DATABASE_URL"] = PG + database
        return database
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    return None


def _run(lists: Path) -> int:
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.core.management import call_command

    from filings.itu_import import LIST_ORDER, import_snl_file, parse_file

    print(f"  {os.environ['DATABASE_URL']}")
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))
    parsed = sorted(((path, parse_file(path)) for path in sorted(lists.glob("snl_*.csv"))),
                    key=lambda item: LIST_ORDER[item[1].list_kind])
    if not parsed:
        print(f"  no SNL exports in {lists}; skipped")
        return 0
    ok = True
    for label in ("import_itu, all lists", "again (must write nothing)"):
        start, rows, writes, kept = time.perf_counter(), 0, 0, 0
        for path, result in parsed:
            report = import_snl_file(path, result)
            rows, writes = rows + report.rows, writes + report.writes
            kept += report.rows - report.gso_skipped if report.list_kind != "name_change" else 0
        seconds = time.perf_counter() - start
        good = seconds <= TARGET_SECONDS and (label.startswith("import") or writes == 0)
        ok &= good
        flag = f"(target < {TARGET_SECONDS:g} s)" if good else f"OVER target {TARGET_SECONDS:g} s or wrote"
        print(f"  {label:<28} {seconds:7.2f} s  {rows} rows ({kept} non-GSO)  {writes} writes  {flag}", flush=True)
    return 0 if ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--backend", choices=["sqlite", "postgres"], default="sqlite")
    args = parser.parse_args(argv)
    database = _setup(args.backend)
    try:
        return _run(args.lists)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            import psycopg

            with psycopg.connect(PG + "postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


if __name__ == "__main__":
    sys.exit(main())
