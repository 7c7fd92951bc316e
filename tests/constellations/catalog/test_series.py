import time
from datetime import date, datetime, timezone

import numpy as np
import pandas as pd
import pytest

from constellations.catalog import (
    TargetShell,
    classify,
    classify_records,
    combine_catalog,
    deployment_series,
    estimate_launch_dates,
    on_station_series,
    parse_catalog,
    records_to_frame,
    series_dates,
)

from .helpers import SATCAT_JSON, TLE_SLICE


def _brute_force(launch, decay, day):
    launched = sum(1 for l in launch if l is not None and l <= day)
    decayed = sum(1 for l, d in zip(launch, decay) if l is not None and d is not None and d <= day)
    return launched, launched - decayed, decayed


def test_matches_a_brute_force_count_on_the_satcat_slice():
    records = parse_catalog(SATCAT_JSON.read_bytes()).records
    slugs = classify_records(records)
    keep = [i for i, s in enumerate(slugs) if s]
    launch = [records[i].launch_date for i in keep]
    decay = [records[i].decay_date for i in keep]
    groups = [slugs[i] for i in keep]
    series = deployment_series(launch, decay, groups, start="2019-01-01", end="2025-03-31", freq="month")
    for (group, day), row in series.set_index(["group", "date"]).iterrows():
        idx = [i for i, g in enumerate(groups) if g == group]
        expected = _brute_force([launch[i] for i in idx], [decay[i] for i in idx], pd.Timestamp(day).date())
        assert (row.launched, row.in_orbit, row.decayed) == expected
    starlink = series[series.group == "starlink"]
    assert starlink.decayed.iloc[-1] > 0 and starlink.launched.is_monotonic_increasing


def test_sample_dates():
    assert series_dates("2024-01-01", "2024-01-03", "day").tolist() == [date(2024, 1, d) for d in (1, 2, 3)]
    weeks = series_dates("2024-01-01", "2024-01-20", "week")
    assert weeks.tolist() == [date(2024, 1, 7), date(2024, 1, 14), date(2024, 1, 20)]
    months = series_dates("2024-01-15", "2024-03-31", "month")
    assert months.tolist() == [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)]
    with pytest.raises(ValueError):
        series_dates("2024-01-01", "2024-02-01", "hour")


def test_as_of_cuts_dates_after_the_snapshot_and_missing_launches_are_skipped():
    series = deployment_series(["2024-01-02", None, "2024-01-05"], [None, None, "2024-01-06"],
                               start="2024-01-01", end="2024-01-31", as_of="2024-01-07")
    assert series.date.max() == np.datetime64("2024-01-07")
    last = series.iloc[-1]
    assert (last.group, last.launched, last.in_orbit, last.decayed) == ("all", 2, 1, 1)


def test_estimated_launch_dates():
    cospar = ["2025-030A", "2025-030C", "2025-010A", "2025-050A", "2025-100A", "2026-010A", "1999-001A", None]
    known = ["2025-02-11", None, "2025-01-20", "2025-03-01", None, None, "1999-01-03", None]
    dates, estimated = estimate_launch_dates(cospar, known, snapshot_date="2026-08-22")
    assert dates[1] == np.datetime64("2025-02-11")  # same launch as a known piece
    assert np.datetime64("2025-03-01") < dates[4] <= np.datetime64("2025-12-31")  # past the last known
    assert np.datetime64("2026-01-01") <= dates[5] <= np.datetime64("2026-08-22")
    assert np.isnat(dates[7])
    assert estimated.tolist() == [False, True, False, False, True, True, False, False]


def test_launch_dates_estimated_when_no_dated_object_has_a_cospar_id():
    # found by the fuzzer: the dated object has no launch id to share, so nothing is copied from it
    dates, estimated = estimate_launch_dates([None, "2024-080W"], ["2024-04-28", None], snapshot_date="2026-08-22")
    assert dates[0] == np.datetime64("2024-04-28")
    assert np.datetime64("2024-01-01") <= dates[1] <= np.datetime64("2024-12-31") and estimated.tolist() == [False, True]


def test_combined_real_slices_give_a_series_through_the_snapshot():
    satcat = records_to_frame(parse_catalog(SATCAT_JSON.read_bytes()).records)
    elements = records_to_frame(parse_catalog(TLE_SLICE.read_bytes()).records)
    combined = combine_catalog(satcat, elements)
    assert len(combined) == len(set(satcat.norad_id) | set(elements.norad_id))
    combined["slug"] = classify(combined.name, combined.cospar_id, combined.object_type, combined.norad_id)
    dates, _ = estimate_launch_dates(combined.cospar_id, combined.launch_date, snapshot_date="2026-08-22")
    wanted = combined.slug.notna().to_numpy()
    series = deployment_series(dates[wanted], combined.decay_date[wanted], combined.slug[wanted],
                               start="2019-01-01", end="2026-12-31", as_of="2026-08-22")
    kuiper = series[series.group == "kuiper"].iloc[-1]
    tle_kuiper = (elements.name.str.startswith("KUIPER-")).sum()
    assert kuiper.launched == tle_kuiper + 2  # plus KUIPER-P1/P2 from the SATCAT
    assert kuiper.decayed == 1


def test_series_speed_for_all_constellations_by_day():
    rng = np.random.default_rng(0)
    n = 70_000
    launch = np.datetime64("2019-05-24") + rng.integers(0, 2700, n).astype("timedelta64[D]")
    decay = np.where(rng.random(n) < 0.1, launch + rng.integers(30, 1500, n).astype("timedelta64[D]"),
                     np.datetime64("NaT"))
    groups = rng.choice(["starlink", "oneweb", "kuiper", "qianfan", "guowang"], n)
    start = time.perf_counter()
    series = deployment_series(launch, decay, groups, start="2019-01-01", end="2026-12-31")
    assert time.perf_counter() - start < 2.0
    assert len(series) == 5 * 2922


def test_on_station_series_counts_per_snapshot_date():
    shells = [TargetShell("s53", 540, 560, 53.0), TargetShell("s70", 565, 575, 70.0)]
    day1, day2 = datetime(2026, 8, 21, 3, tzinfo=timezone.utc), datetime(2026, 8, 22, 9, tzinfo=timezone.utc)
    snapshots = [
        (day1, 1, 300.0, 53.0), (day1, 2, 550.0, 53.0), (day1, 3, 570.0, 70.0),
        (day2, 1, 548.0, 53.0), (day2, 2, 551.0, 53.0), (day2, 3, 450.0, 70.0),
        (day2.replace(hour=1), 3, 570.0, 70.0),  # earlier set the same day: the later one counts
    ]
    got = on_station_series(snapshots, shells)
    table = got.set_index(["date", "shell_id"]).on_station
    assert table[(np.datetime64("2026-08-21"), "s53")] == 1
    assert table[(np.datetime64("2026-08-21"), "s70")] == 1
    assert table[(np.datetime64("2026-08-22"), "s53")] == 2
    assert table[(np.datetime64("2026-08-22"), "s70")] == 0
    grouped = on_station_series(pd.DataFrame(snapshots, columns=["epoch", "norad_id", "altitude_km", "inclination_deg"]),
                                shells, groups=["a", "a", "b", "a", "a", "b", "b"])
    assert set(grouped.columns) == {"date", "group", "shell_id", "on_station"}
    assert grouped.on_station.sum() == 4
