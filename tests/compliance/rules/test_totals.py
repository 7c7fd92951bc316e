"""Totals count each live system once (compliance.rules.totals): a table of cases."""
import pytest

from compliance.rules.totals import Record, count_systems

R = Record

CASES = [
    # (what, records, systems, filed, authorised)
    ("one application", [R("a", "filed", filed=100)], 1, 100, 0),
    ("a superseded application and its amendment: the amendment only",
     [R("a0", "superseded", filed=30000), R("a1", "partially_granted", "a0", filed=29988)], 1, 29988, 0),
    ("a superseded record whose successor is not yet on the registry is still live",
     [R("a0", "superseded", filed=30000)], 1, 30000, 0),
    ("two tranches granted under one application are added; the application's filed number counts once",
     [R("app", "partially_granted", filed=29988), R("g1", "granted", "app", authorised=7500),
      R("mod", "partially_granted", "app", filed=22488), R("g2", "granted", "mod", authorised=7500)], 1, 29988, 15000),
    ("a grant that modifies an earlier grant replaces it",
     [R("g0", "granted", filed=4425, authorised=4425), R("g1", "granted", "g0", filed=4425, authorised=4408)],
     1, 4425, 4408),
    ("a modification stating no numbers leaves its parent's standing",
     [R("k", "granted", filed=3236, authorised=3232), R("debris", "granted", "k")], 1, 3236, 3232),
    ("a pending modification to more satellites: the larger number filed, the grant authorised",
     [R("b5", "granted", authorised=5), R("b248", "under_review", "b5", filed=248)], 1, 248, 5),
    ("denied and withdrawn records are out",
     [R("x", "denied", filed=10), R("y", "withdrawn", filed=20), R("z", "granted", filed=5, authorised=5)], 1, 5, 5),
    ("independent systems are added",
     [R("c1", "filed", filed=96714), R("c2", "filed", filed=96714)], 2, 193428, 0),
]


@pytest.mark.parametrize("what, records, systems, filed, authorised", CASES, ids=[c[0] for c in CASES])
def test_counts_each_live_system_once(what, records, systems, filed, authorised):
    totals = count_systems(records)
    assert (totals.live_systems, totals.filed, totals.authorised) == (systems, filed, authorised)
    assert totals.records == len(records)


def test_every_live_record_belongs_to_exactly_one_system():
    records = CASES[3][1] + CASES[8][1]
    keys = [k for s in count_systems(records).systems for k in s.records]
    assert sorted(keys) == sorted(r.key for r in records)
