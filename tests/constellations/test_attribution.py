"""The pure core of the deployment series: which objects count for a filing and which series stands for it."""

import ast
import datetime as dt
import pathlib
from types import SimpleNamespace

import pandas as pd
import pytest

import constellations.attribution
from compliance.rules import DeploymentSeries
from constellations.attribution import (
    CONSTELLATION,
    MEMBER_COLUMNS,
    SHELLS,
    Attribution,
    ShellCounts,
    attribute,
    catalog_series,
    choose_series,
    reported_counts,
    reported_series,
    shell_pool,
)
from constellations.catalog import TargetShell


def shell(shell_id, altitude=550.0):
    return TargetShell(shell_id=shell_id, altitude_min_km=altitude, altitude_max_km=altitude, inclination_deg=53.0)


def members(*rows):
    return pd.DataFrame.from_records(list(rows), columns=MEMBER_COLUMNS)


MEMBERS = members((1, dt.date(2024, 1, 1), None), (2, dt.date(2024, 2, 1), None), (3, dt.date(2024, 3, 1), None))


def report(as_of, in_orbit=None, launched=None):
    return SimpleNamespace(as_of=as_of, in_orbit=in_orbit, launched=launched)


def never():
    raise AssertionError("asked although not needed")


def test_the_core_imports_no_django():
    tree = ast.parse(pathlib.Path(constellations.attribution.__file__).read_text())
    roots = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    roots |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert not roots & {"django", "rest_framework", "celery"}


@pytest.mark.parametrize("own, ranked, expected", [
    (["a"], ["b", "a"], ["b", "a"]),  # the constellation's live shells, ranked, include the filing's own
    (["a", "c"], ["b", "a"], ["a", "c"]),  # they do not (the filing is not live): its own shells only
    ([], ["b"], ["b"]),
])
def test_shell_pool(own, ranked, expected):
    pool = shell_pool([shell(s) for s in own], [shell(s) for s in ranked])
    assert [s.shell_id for s in pool] == expected


ON_STATION = pd.Series({dt.date(2024, 6, 1): 2})


@pytest.mark.parametrize("objects, in_shells, sole, expected_basis, expected_ids", [
    (members(), ShellCounts(ON_STATION, frozenset({1})), never, None, None),  # nothing catalogued
    (MEMBERS, ShellCounts(ON_STATION, frozenset({1, 3})), never, SHELLS, {1, 3}),  # shells first
    (MEMBERS, ShellCounts(ON_STATION, frozenset()), lambda: True, CONSTELLATION, {1, 2, 3}),
    (MEMBERS, None, lambda: True, CONSTELLATION, {1, 2, 3}),  # a filing without shells
    (MEMBERS, None, lambda: False, None, None),  # another live filing shares the constellation
])
def test_attribute(objects, in_shells, sole, expected_basis, expected_ids):
    found = attribute(objects, in_shells, sole)
    if expected_basis is None:
        assert found is None
        return
    assert found.basis == expected_basis
    assert set(found.objects["norad_id"]) == expected_ids
    assert (found.on_station is None) == (expected_basis == CONSTELLATION)


CATALOG = DeploymentSeries.from_counts([(dt.date(2024, 1, 1), 5)], source="catalog")
OWN = [report(dt.date(2024, 1, 1), launched=10), report(dt.date(2024, 6, 1), in_orbit=20, launched=24)]
SHARED = [report(dt.date(2024, 3, 1), in_orbit=99)]


@pytest.mark.parametrize("catalog, own, sole, source, count_in_july", [
    (CATALOG, OWN, never, "catalog", 5),
    (DeploymentSeries(), OWN, never, "reported", 20),  # an empty catalog series is no series
    (None, OWN, never, "reported", 20),  # 'in orbit' wins over 'launched'
    (None, [], lambda: True, "reported", 99),  # the constellation's count, the filing being its only live one
    (None, [], lambda: False, None, None),
])
def test_choose_series(catalog, own, sole, source, count_in_july):
    series = choose_series(catalog, own, lambda: SHARED, sole)
    assert (None if series.is_empty() else series.source) == source
    assert series.count_at(dt.date(2024, 7, 1)) == count_in_july


def test_reported_series_launched_stands_in():
    series = reported_series([report(dt.date(2024, 1, 1), launched=10)])
    assert (series.source, series.count_at(dt.date(2024, 1, 2))) == ("reported", 10)


DECAYING = members((1, dt.date(2024, 1, 1), None), (2, dt.date(2024, 2, 1), dt.date(2024, 6, 1)),
                   (3, dt.date(2024, 3, 1), None))


@pytest.mark.parametrize("hold_days, on_station_in_june", [
    (10, None),  # the snapshot is too old by the next change: unknown, the rules fall back to in orbit
    (200, 2),  # still held, capped by the two left in orbit
])
def test_catalog_series_holds_a_snapshot_for_a_while(hold_days, on_station_in_june):
    found = Attribution(DECAYING, pd.Series({dt.date(2024, 3, 1): 3}), SHELLS)
    series = catalog_series(found, hold=dt.timedelta(days=hold_days))
    assert series.source == "catalog"
    assert series.count_at(dt.date(2024, 2, 15), "on_station") is None  # before the first snapshot
    assert series.count_at(dt.date(2024, 3, 1), "on_station") == 3
    assert series.count_at(dt.date(2024, 6, 2), "in_orbit") == 2
    assert series.count_at(dt.date(2024, 6, 2), "on_station") == on_station_in_june


def test_catalog_series_without_dates_is_none():
    found = Attribution(members((1, None, None)), None, CONSTELLATION)
    assert catalog_series(found, hold=dt.timedelta(days=10)) is None


def test_reported_counts_own_first_then_the_filings_summed():
    dates = pd.DatetimeIndex(["2024-01-15", "2024-02-15", "2024-03-15"])
    rows = [
        ("a", None, None, dt.date(2024, 2, 1), 7, None),
        (None, "a", 1, dt.date(2024, 1, 1), 100, None),  # ignored: "a" has its own count
        (None, "b", 1, dt.date(2024, 1, 1), 3, None),
        (None, "b", 2, dt.date(2024, 2, 1), None, 4),
    ]
    out = reported_counts(rows, dates, ["a", "b", "c"])
    assert set(out) == {"a", "b"}
    assert list(out["a"][1:]) == [7.0, 7.0] and pd.isna(out["a"][0])
    assert list(out["b"]) == [3.0, 7.0, 7.0]
