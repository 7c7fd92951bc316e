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
    NO_ELEMENT_SET,
    OFF_SHELLS,
    SHELLS,
    STILL_RAISING,
    UNATTRIBUTED,
    Assignment,
    Attribution,
    FilingFacts,
    Tolerances,
    attribute_constellation,
    catalog_series,
    choose_series,
    reconcile,
    reported_counts,
    reported_series,
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


# --- the attribution rule, case by case ---------------------------------------------------------------------

D25, D26 = dt.date(2025, 3, 16), dt.date(2026, 8, 22)
TOL = Tolerances(altitude_km=25.0, inclination_deg=0.5, settle_days=90)


def filing(filing_id, key, *shells, granted=True, grant=None, receipt=None, live=True, parent=None,
           authorises=True):
    return FilingFacts(filing_id, key, tuple(shells), live=live, granted=granted, grant_date=grant,
                       receipt_date=receipt, parent_id=parent, authorises=authorises)


def target(altitude, inclination, top=None, inclination_max=None):
    return TargetShell(f"{altitude}/{inclination}", altitude, top or altitude, inclination, False, inclination_max)


def sats(*rows):  # (norad, launch, cospar)
    return pd.DataFrame([(n, launch, None, cospar) for n, launch, cospar in rows],
                        columns=[*MEMBER_COLUMNS, "cospar_id"])


def snaps(*rows):  # (date, norad, altitude, inclination)
    return pd.DataFrame(list(rows), columns=["epoch", "norad_id", "altitude_km", "inclination_deg"])


GEN1 = filing(1, "gen1", target(550, 53), target(540, 53.2), grant=dt.date(2021, 4, 27))
GEN2_APP = FilingFacts(2, "gen2-app", (TargetShell("app", 525, 535, 33, False, 53),), granted=False,
                       receipt_date=dt.date(2021, 8, 18))
GRANT1 = filing(3, "grant-1", target(530, 43), target(525, 53), grant=dt.date(2022, 12, 1), parent=2)
GRANT2 = FilingFacts(4, "grant-2", (TargetShell("g2", 340, 485, 28, False, 96.9),), granted=True,
                     grant_date=dt.date(2026, 1, 9), parent_id=2)
OLD = filing(5, "superseded", target(550, 53), grant=dt.date(2018, 3, 29), live=False)
PENDING = filing(6, "pending", target(480, 43), granted=False, authorises=False)
WORLD = [GEN1, GEN2_APP, GRANT1, GRANT2, OLD, PENDING]
LONG_AGO = dt.date(2022, 1, 1)


@pytest.mark.parametrize("case, members, snapshots, assignments, expected, reason", [
    ("two filings overlap: the earliest authorisation", sats((10, LONG_AGO, None)),
     snaps((D25, 10, 545, 53.0)), [], "gen1", ""),
    ("a grant later than the orbit cannot hold it", sats((11, dt.date(2024, 6, 1), None)),
     snaps((D25, 11, 480, 53.0), (D26, 11, 460, 53.0)), [], "grant-2", ""),
    ("later altitude change does not move a satellite", sats((12, LONG_AGO, None)),
     snaps((D25, 12, 540, 53.0), (D26, 12, 460, 53.0)), [], "gen1", ""),
    ("inside the system applied for only: its earliest grant", sats((13, LONG_AGO, None)),
     snaps((D25, 13, 559, 43.0), (D26, 13, 480, 43.0)), [], "grant-1", ""),
    ("superseded and pending filings hold nothing", sats((14, LONG_AGO, None)),
     snaps((D25, 14, 480, 43.0)), [], None, OFF_SHELLS),
    ("no element set after launch", sats((15, LONG_AGO, None)), snaps(), [], None, NO_ELEMENT_SET),
    ("explicit assignment wins over the orbit", sats((16, LONG_AGO, "2022-001A")),
     snaps((D25, 16, 545, 53.0)), [Assignment(4, "launch", "2022-001")], "grant-2", ""),
    ("explicit NORAD assignment without any element set", sats((17, LONG_AGO, None)), snaps(),
     [Assignment(3, "norad", "17")], "grant-1", ""),
    ("assignment to a superseded filing is ignored", sats((18, LONG_AGO, None)),
     snaps((D25, 18, 545, 53.0)), [Assignment(5, "norad", "18")], "gen1", ""),
    ("a young satellite below another shell is raising", sats((19, dt.date(2026, 8, 1), None)),
     snaps((D26, 19, 360, 53.0)), [], None, STILL_RAISING),
    ("a transit seen again in the same filing's shell is stable", sats((20, dt.date(2025, 3, 1), None)),
     snaps((D25, 20, 530, 53.0), (D26, 20, 530, 53.0)), [], "gen1", ""),
    ("a transit followed by the real station", sats((21, dt.date(2025, 2, 20), None)),
     snaps((D25, 21, 360, 53.0), (D26, 21, 460, 53.0)), [], "grant-2", ""),
    ("an element set before launch is not its orbit", sats((22, dt.date(2026, 1, 1), None)),
     snaps((D25, 22, 545, 53.0)), [], None, NO_ELEMENT_SET),
])
def test_the_rule(case, members, snapshots, assignments, expected, reason):
    found = attribute_constellation(members, snapshots, WORLD, assignments, TOL)
    row = found.table.iloc[0]
    keys = {f.filing_id: f.key for f in WORLD}
    assert (None if pd.isna(row["filing_id"]) else keys[int(row["filing_id"])]) == expected, case
    assert row["reason"] == reason, case


def test_a_satellite_two_filings_hold_is_listed_once_among_the_conflicts():
    found = attribute_constellation(sats((10, LONG_AGO, None)), snaps((D25, 10, 545, 53.0)), WORLD, [], TOL)
    assert found.conflicts[["norad_id", "chosen", "others"]].values.tolist() == [[10, "gen1", ("grant-1",)]]


def test_clashing_assignments_go_by_the_order_and_are_conflicts():
    found = attribute_constellation(sats((30, LONG_AGO, "2023-001B")), snaps(), WORLD,
                                    [Assignment(4, "launch", "2023-001"), Assignment(1, "norad", "30")], TOL)
    assert int(found.table.at[0, "filing_id"]) == 1  # gen1 is earlier in the order than grant-2
    assert found.conflicts["others"].tolist() == [("grant-2",)]


def test_parents_superseded_and_pending_filings_are_not_listed():
    found = attribute_constellation(sats((10, LONG_AGO, None)), snaps((D25, 10, 545, 53.0)), WORLD, [], TOL)
    assert [f.key for f in found.filings] == ["gen1", "grant-1", "grant-2"]


def test_sole_live_filing_takes_the_constellation_when_nothing_is_in_its_shells():
    only = filing(7, "only", target(1160, 89), granted=False)
    found = attribute_constellation(sats((1, LONG_AGO, None), (2, LONG_AGO, None)),
                                    snaps((D25, 1, 500, 40.0)), [only], [], TOL)
    assert found.for_filing(7).basis == CONSTELLATION and len(found.for_filing(7).objects) == 2


def test_reconciliation_adds_up_on_every_date():
    members = sats((10, LONG_AGO, None), (11, dt.date(2024, 6, 1), None), (15, LONG_AGO, None),
                   (12, dt.date(2027, 1, 1), None))
    members.loc[2, "decay_date"] = dt.date(2024, 1, 1)
    snapshots = snaps((D25, 10, 545, 53.0), (D25, 11, 480, 53.0), (D26, 11, 460, 53.0))
    found = attribute_constellation(members, snapshots, WORLD, [], TOL)
    table = reconcile(found, ["2023-06-01", "2024-01-01", "2024-07-01", "2027-01-01"])
    assert table["in_orbit"].tolist() == [2, 1, 2, 3]
    assert table[1].tolist() == [1, 1, 1, 1] and table[4].tolist() == [0, 0, 1, 1]
    assert table[UNATTRIBUTED].tolist() == [1, 0, 0, 1]  # 15 until its decay, then 12 (no element set yet)
    assert (table.drop(columns="in_orbit").sum(axis=1) == table["in_orbit"]).all()


def test_on_station_counts_from_the_first_stable_orbit():
    members = sats((10, LONG_AGO, None), (11, dt.date(2025, 2, 20), None))
    snapshots = snaps((D25, 10, 545, 53.0), (D26, 10, 200, 53.0), (D25, 11, 360, 53.0), (D26, 11, 460, 53.0))
    found = attribute_constellation(members, snapshots, WORLD, [], TOL)
    gen1, grant2 = found.for_filing(1), found.for_filing(4)
    assert gen1.basis == SHELLS and gen1.on_station.to_dict() == {D25: 1, D26: 0}  # decaying by 2026
    assert grant2.on_station.to_dict() == {D25: 0, D26: 1}  # raising through 360 km in 2025
