"""Catalog-layer benchmark on the real reference snapshots.

    .venv/bin/python -m bench.bench_catalog_parse [--reference DIR]

Targets (brief): TLE parse well under 10 s, each SATCAT well under 20 s, deployment series for all
constellations 2019-2026 by day under 2 s, peak traced memory under 500 MB.
"""

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

from constellations.catalog import (
    classify,
    combine_catalog,
    deployment_series,
    estimate_launch_dates,
    parse_catalog,
    records_to_frame,
)

DEFAULT_REFERENCE = Path("/work/shared/reference/catalog")
TLE_FILE = "celestrak-active-tle-2026-08-23.txt"
SATCAT_FILES = ("satcat-spacetrack-2025-03-15-current.json.gz", "satcat-spacetrack-2025-03-15-decayed.json.gz")
SNAPSHOT_DATE = "2026-08-22"  # SOURCES.md 1: "for practical purposes the snapshot is from 2026-08-22"


def timed_parse(path: Path):
    """Parse twice: once timed (tracemalloc slows Python code ~3x), once for the traced peak.

    Returns (result, seconds, peak MB).
    """
    start = time.perf_counter()
    result = parse_catalog(path)
    seconds = time.perf_counter() - start
    del result
    tracemalloc.start()
    result = parse_catalog(path)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return result, seconds, peak


def report(label: str, result, seconds: float, peak_mb: float) -> None:
    counts = result.counts
    print(f"{label:<48} {seconds:7.2f} s  peak {peak_mb:7.1f} MB  "
          f"records {counts['records']:>6}  rejections {counts['rejections']:>3}  [{result.format.value}]")


def bench_series(satcat_records, tle_records) -> None:
    frame = combine_catalog(records_to_frame(satcat_records), records_to_frame(tle_records))
    start = time.perf_counter()
    slugs = classify(frame.name, frame.cospar_id, frame.object_type, frame.norad_id)
    classify_s = time.perf_counter() - start
    start = time.perf_counter()
    dates, estimated = estimate_launch_dates(frame.cospar_id, frame.launch_date, snapshot_date=SNAPSHOT_DATE)
    wanted = np.array([s is not None for s in slugs])
    series = deployment_series(dates[wanted], frame.decay_date[wanted], slugs[wanted],
                               start="2019-01-01", end="2026-12-31", freq="day")
    series_s = time.perf_counter() - start
    print(f"{'classify ' + str(len(frame)) + ' objects':<48} {classify_s:7.2f} s")
    print(f"{'launch-date estimate + series 2019-2026 by day':<48} {series_s:7.2f} s  "
          f"rows {len(series)}  groups {series.group.nunique()}  estimated launches {int(estimated.sum())}")
    at_snapshot = series[series.date == np.datetime64(SNAPSHOT_DATE)].set_index("group")
    print("in orbit at", SNAPSHOT_DATE, at_snapshot.in_orbit.to_dict())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    tle, seconds, peak = timed_parse(args.reference / TLE_FILE)
    report(TLE_FILE, tle, seconds, peak)
    satcat = []
    for name in SATCAT_FILES:
        result, seconds, peak = timed_parse(args.reference / name)
        report(name, result, seconds, peak)
        satcat += result.records
    bench_series(satcat, tle.records)
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS {max_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
