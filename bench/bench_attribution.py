"""Attribution of the full shared catalog and the reconciliation of every constellation, by day, through Django.

    .venv/bin/python -m bench.bench_attribution [--reference DIR]

A throwaway SQLite database in a temporary folder: migrate + load_reference (the filings and their shells), import
the 16,069-object TLE file and the two Space-Track SATCAT JSON files (63,108 rows; ~69,000 objects in all, two
element-set snapshot dates), untimed against the target. Then, timed: the attribution of every constellation's
catalogued objects (constellations.deployment.constellation_attribution: queries and the pure rule) and the
reconciliation of each over 2019-01-01 to 2026-12-31 by day (attribution.reconcile), checked to add up on every
date. Target on the 2-core machine: attribution + reconciliation < 10 s.
"""

import argparse
import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from bench.bench_catalog import DEFAULT_REFERENCE, SATCAT_FILES, TLE_FILE, line, peak_mb

ROOT = Path(__file__).resolve().parent.parent
TARGET = 10.0


def _run(reference: Path) -> int:
    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-attribution-"))
    os.environ["SLOTWATCH_VAR_DIR"] = str(folder)
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "slotwatch.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))  # DEBUG off wants a random key
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import pandas as pd
    from django.core.management import call_command

    from constellations import attribution
    from constellations.deployment import constellation_attribution
    from constellations.importer import import_catalog_source
    from constellations.models import Constellation, ElementSetSnapshot, SpaceObject

    start = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0, stdout=open(os.devnull, "w"))
    for name in (TLE_FILE, *SATCAT_FILES):
        import_catalog_source(reference / name)
    snapshot_dates = sorted(set(ElementSetSnapshot.objects.values_list("date", flat=True)))
    line("setup: migrate, registry, imports (untimed)", time.perf_counter() - start,
         f"objects {SpaceObject.objects.count():,}, snapshots on {', '.join(map(str, snapshot_dates))}")

    start = time.perf_counter()
    found = {c.key: constellation_attribution(c.pk)
             for c in Constellation.objects.filter(space_objects__isnull=False).distinct()}
    attributed = time.perf_counter() - start
    members = sum(len(f.table) for f in found.values())
    line("attribution of every constellation", attributed,
         f"{members:,} members of {len(found)} constellations, "
         f"{sum(len(f.conflicts) for f in found.values()):,} conflicts")

    start = time.perf_counter()
    dates = pd.date_range("2019-01-01", "2026-12-31", freq="D")
    tables = {key: attribution.reconcile(f, dates) for key, f in found.items()}
    reconciled = time.perf_counter() - start
    ok = all((t.drop(columns="in_orbit").sum(axis=1) == t["in_orbit"]).all() for t in tables.values())
    line("reconciliation 2019-2026 by day", reconciled, f"{len(dates)} dates x {len(tables)} constellations, "
         f"adds up: {ok}")
    ok &= line("attribution + reconciliation", attributed + reconciled, "", TARGET)
    for key, table in tables.items():
        day = table.loc["2026-08-22"]
        names = {fl.filing_id: fl.key for fl in found[key].filings}
        shares = ", ".join(f"{names[c]} {int(day[c]):,}" for c in table.columns if c in names)
        print(f"    {key} on 2026-08-22: in orbit {int(day['in_orbit']):,} = {shares or '-'}; "
              f"unattributed {int(day[attribution.UNATTRIBUTED]):,}")
    print(f"  peak RSS {peak_mb():.0f} MB")
    return 0 if ok else 1


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    if not (args.reference / TLE_FILE).exists():
        print(f"reference snapshots not found in {args.reference}; skipped")
        return 0
    return _run(args.reference)


if __name__ == "__main__":
    sys.exit(main())
