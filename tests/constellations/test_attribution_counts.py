"""The pure core's conflicts report and the data date of a count (constellations.attribution)."""

import datetime as dt

import pandas as pd
import pytest

from constellations.attribution import MEMBER_COLUMNS, Assignment, attribute_constellation, conflict_report, \
    data_date_of, reconcile

from .test_attribution import D25, TOL, WORLD, snaps

LONG_AGO = dt.date(2022, 1, 1)


def sats(*rows):  # (norad, launch, decay, cospar)
    return pd.DataFrame(list(rows), columns=[*MEMBER_COLUMNS, "cospar_id"])


def test_each_satellite_in_conflict_is_listed_and_counted_once():
    members = sats((10, LONG_AGO, None, "2022-005A"),  # its orbit: gen1 and grant-1 (gen1 by the order)
                   # assigned twice (grant-2 by launch, gen1 by NORAD) and its orbit is gen1's and grant-1's
                   (31, LONG_AGO, None, "2023-001B"),
                   (40, LONG_AGO, dt.date(2025, 5, 1), "2022-005B"),  # in conflict but decayed
                   (50, LONG_AGO, None, "2022-005C"))  # in gen1's shell only: no conflict
    snapshots = snaps((D25, 10, 545, 53.0), (D25, 31, 545, 53.0), (D25, 40, 545, 53.0), (D25, 50, 565, 53.0))
    found = attribute_constellation(members, snapshots, WORLD,
                                    [Assignment(4, "launch", "2023-001"), Assignment(1, "norad", "31")], TOL)
    assert found.conflicts["norad_id"].tolist().count(31) == 2  # raw rows: its two assignments, its orbit
    report = conflict_report(found, dt.date(2025, 6, 1))
    assert [(r["norad_id"], r["filing"], r["step"], r["others"]) for r in report] == [
        (10, "gen1", "orbit", ["grant-1"]),
        (31, "gen1", "assigned", ["grant-1", "grant-2"]),
    ]
    assert [r["norad_id"] for r in conflict_report(found)] == [10, 31, 40]  # any date: the decayed one too
    counts = reconcile(found, [dt.date(2025, 6, 1)]).iloc[0]
    assert counts["in_orbit"] == 3 and counts[1] == 3 and counts[3] == counts[4] == 0  # gen1 holds each once


@pytest.mark.parametrize("as_of, today, data_as_of, carried, wording", [
    (dt.date(2026, 11, 25), dt.date(2026, 12, 5), dt.date(2026, 8, 22), True,
     "in orbit on 22 Aug 2026 (latest element sets; decays known to 16 Mar 2025), carried forward to 25 Nov 2026"),
    (dt.date(2026, 8, 22), dt.date(2026, 12, 5), dt.date(2026, 8, 22), False,
     "in orbit on 22 Aug 2026 (latest element sets; decays known to 16 Mar 2025)"),
    (dt.date(2024, 4, 30), dt.date(2026, 12, 5), dt.date(2024, 4, 30), False,
     "in orbit on 30 Apr 2024 (element sets to 22 Aug 2026; decays known to 16 Mar 2025)"),
    # in the future of today, though before the data's date (a file dated ahead): still carried forward
    (dt.date(2026, 8, 1), dt.date(2026, 7, 1), dt.date(2026, 8, 1), True,
     "in orbit on 1 Aug 2026 (element sets to 22 Aug 2026; decays known to 16 Mar 2025), "
     "carried forward to 1 Aug 2026"),
])
def test_the_data_date_of_a_count(as_of, today, data_as_of, carried, wording):
    dated = data_date_of(as_of, dt.date(2026, 8, 22), dt.date(2026, 8, 22), dt.date(2025, 3, 16), today)
    assert (dated.data_as_of, dated.carried_forward, dated.wording, dated.confidence) == (
        data_as_of, carried, wording, "inferred")


def test_no_catalog_data_is_said_and_never_carried():
    dated = data_date_of(dt.date(2030, 1, 1), None, None, None, dt.date(2026, 12, 5))
    assert (dated.data_as_of, dated.carried_forward, dated.wording) == (None, False, "no catalog data")
