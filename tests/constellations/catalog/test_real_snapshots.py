"""Whole reference snapshots, when this machine has them (they are not committed: 5 MB)."""

import collections
import gzip
import json

import pytest

from constellations.catalog import classify_records, parse_catalog

from .helpers import REFERENCE

TLE = REFERENCE / "celestrak-active-tle-2026-08-23.txt"
SATCAT = [REFERENCE / f"satcat-spacetrack-2025-03-15-{kind}.json.gz" for kind in ("current", "decayed")]
pytestmark = pytest.mark.skipif(not TLE.exists(), reason="reference snapshots not available")


def test_full_tle_file():
    raw = TLE.read_bytes()
    result = parse_catalog(raw)
    names = raw.decode().split("\r\n")[0:-1:3]
    assert result.counts == {"records": len(names), "rejections": 0, "duplicates_skipped": 0}
    # SHA-256 from SOURCES.md.
    assert result.sha256 == "07408947988c260b4173f16492d17989c80f9e50feaffd0ef83ab6593d34d865"
    counts = collections.Counter(classify_records(result.records))
    for prefix, slug in (("STARLINK", "starlink"), ("ONEWEB", "oneweb"), ("KUIPER", "kuiper"), ("QIANFAN", "qianfan")):
        assert counts[slug] == sum(1 for n in names if n.startswith(prefix))
    assert counts["guowang"] == sum(1 for n in names if n.startswith(("HULIANWANG", "GUOWANG")))


def test_full_satcat_files():
    records, rows = [], []
    for path in SATCAT:
        result = parse_catalog(path)
        records += result.records
        assert result.rejections == []
        with gzip.open(path) as handle:
            rows += json.load(handle)
    assert len(records) == len(rows)
    counts = collections.Counter(classify_records(records))
    for prefix, slug in (("STARLINK", "starlink"), ("ONEWEB", "oneweb"), ("KUIPER", "kuiper"), ("QIANFAN", "qianfan")):
        assert counts[slug] == sum(1 for r in rows if r["SATNAME"].startswith(prefix) and r["OBJECT_TYPE"] == "PAYLOAD")
    guowang = {"2024-240", "2025-030", "2023-212", "2023-095"}
    assert counts["guowang"] == sum(
        1 for r in rows if r["INTLDES"][:8] in guowang and r["OBJECT_TYPE"] not in ("ROCKET BODY", "DEBRIS"))
