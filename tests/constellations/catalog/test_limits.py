"""Bounded reading (issue 18): files, their gzip content and the physically impossible rows."""

import datetime as dt
import gzip
import json

import pytest

from constellations.catalog import CatalogFormatError, parse_catalog
from constellations.catalog.limits import SizeLimitExceeded, gunzip_limited
from constellations.catalog.records import CatalogRecord, physical_problem

from .helpers import OMM_JSON

LIMIT = 64 * 1024
UTC = dt.UTC


def test_a_gzip_bomb_is_refused_naming_the_limit():
    bomb = gzip.compress(b"0" * (16 * 1024 * 1024))
    assert len(bomb) < LIMIT
    with pytest.raises(SizeLimitExceeded, match="65,536 bytes"):
        parse_catalog(bomb, max_bytes=LIMIT)


def test_a_large_file_and_a_long_line_are_refused_while_reading(tmp_path):
    path = tmp_path / "one-line.json"
    path.write_bytes(b"[" + b" " * (LIMIT * 4) + b"]")
    with pytest.raises(SizeLimitExceeded, match="SLOTWATCH_CATALOG_MAX_BYTES"):
        parse_catalog(path, max_bytes=LIMIT)
    with path.open("rb") as handle, pytest.raises(SizeLimitExceeded):
        parse_catalog(handle, max_bytes=LIMIT)


def test_gzip_within_the_limit_and_several_members_inflate_whole():
    data = OMM_JSON.read_bytes()
    half = len(data) // 2
    two_members = gzip.compress(data[:half]) + gzip.compress(data[half:])
    assert gunzip_limited(two_members, len(data)) == data
    with pytest.raises(SizeLimitExceeded):
        gunzip_limited(two_members, len(data) - 1)


def test_a_truncated_gzip_stream_is_corrupt():
    with pytest.raises(CatalogFormatError, match="corrupt gzip"):
        gunzip_limited(gzip.compress(b"x" * 10000)[:-12], LIMIT)


NOT_AFTER = dt.datetime(2026, 8, 23, tzinfo=UTC)


@pytest.mark.parametrize(("record", "problem"), [
    (CatalogRecord(1, 1, epoch=dt.datetime(2026, 8, 22, 23, tzinfo=UTC), mean_altitude_km=550), None),
    (CatalogRecord(1, 1, epoch=dt.datetime(2026, 8, 23, 0, 1, tzinfo=UTC)), "after the file's date"),
    (CatalogRecord(1, 1, epoch=dt.datetime(9999, 12, 31, tzinfo=UTC)), "after the file's date"),
    (CatalogRecord(1, 1, mean_motion=1e308, mean_altitude_km=-6378.137), "below the Earth's surface"),
    (CatalogRecord(1, 1, perigee_km=-50, mean_altitude_km=120), None),  # re-entering: a real orbit
    (CatalogRecord(1, 1, launch_date=dt.date(2020, 1, 2), decay_date=dt.date(2020, 1, 1)), "before the launch"),
    (CatalogRecord(1, 1, launch_date=dt.date(2020, 1, 2), decay_date=dt.date(2020, 1, 2)), None),
])
def test_physical_problems(record, problem):
    found = physical_problem(record, NOT_AFTER)
    assert (found is None) if problem is None else (problem in found)


def test_an_epoch_after_tomorrow_is_refused_by_default():
    rows = json.loads(OMM_JSON.read_bytes())[:2]
    rows[0]["EPOCH"] = (dt.datetime.now(UTC) + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%S")
    result = parse_catalog(json.dumps(rows).encode())
    assert [r.norad_id for r in result.records] == [rows[1]["NORAD_CAT_ID"]]
    assert result.rejections[0].line == 1 and "after the file's date" in result.rejections[0].reason
