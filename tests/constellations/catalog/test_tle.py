import gzip
import math
from datetime import datetime, timezone

import pytest
from sgp4.api import Satrec

from constellations.catalog import CatalogRecord, Rejection, parse_catalog, parse_tle_catalog_number

from .helpers import ISS_LINE1, ISS_LINE2, TLE_SLICE, tle_bytes, with_checksum


def _scan_tle_file(raw: bytes) -> list[tuple[str, int]]:
    """Independent reading of a clean 3-line file: (name, NORAD number) per object."""
    lines = raw.decode().split("\r\n")
    return [(lines[i].strip(), int(lines[i + 1][2:7])) for i in range(0, len(lines) - 2, 3)]


def test_real_slice_parses_completely_with_crlf():
    raw = TLE_SLICE.read_bytes()
    assert b"\r\n" in raw
    result = parse_catalog(raw)
    expected = _scan_tle_file(raw)
    assert result.rejections == []
    assert [(r.name, r.norad_id) for r in result.records] == expected
    assert result.counts == {"records": len(expected), "rejections": 0, "duplicates_skipped": 0}


def test_lf_and_gzip_give_identical_records():
    raw = TLE_SLICE.read_bytes()
    crlf = parse_catalog(raw).records
    assert parse_catalog(raw.replace(b"\r\n", b"\n")).records == crlf
    assert parse_catalog(gzip.compress(raw)).records == crlf


def test_fields_of_a_known_element_set():
    record = parse_catalog(tle_bytes(("ISS (ZARYA)", ISS_LINE1, ISS_LINE2))).records[0]
    assert record.norad_id == 25544
    assert record.cospar_id == "1998-067A"
    assert record.name == "ISS (ZARYA)"
    assert record.line == 1
    # Day 264.51782528 of 2008 = 20 September 2008, 12:25:40.104 UTC.
    assert abs(record.epoch - datetime(2008, 9, 20, 12, 25, 40, 104192, tzinfo=timezone.utc)).total_seconds() < 1e-3
    assert record.mean_motion == pytest.approx(15.72125391)
    assert record.eccentricity == pytest.approx(0.0006703)
    assert record.inclination_deg == pytest.approx(51.6416)
    assert record.raan_deg == pytest.approx(247.4627)
    assert record.arg_perigee_deg == pytest.approx(130.5360)
    assert record.mean_anomaly_deg == pytest.approx(325.0288)
    assert record.bstar == pytest.approx(-0.11606e-4)


def test_mean_altitude_agrees_with_sgp4_semi_major_axis():
    """Our Kepler altitude vs SGP4's own (Brouwer) semi-major axis: a few km apart at most."""
    for record, (line1, line2) in zip(parse_catalog(TLE_SLICE.read_bytes()).records[:200], _line_pairs()):
        sat = Satrec.twoline2rv(line1, line2)
        sgp4_altitude = (sat.a - 1.0) * sat.radiusearthkm
        assert record.mean_altitude_km == pytest.approx(sgp4_altitude, abs=15.0)
        assert record.perigee_km <= record.mean_altitude_km <= record.apogee_km


def _line_pairs():
    lines = TLE_SLICE.read_bytes().decode().split("\r\n")
    return [(lines[i + 1], lines[i + 2]) for i in range(0, len(lines) - 2, 3)]


def test_cospar_from_tle_columns():
    assert parse_catalog(TLE_SLICE.read_bytes()).records[0].cospar_id == "1964-063C"
    kuiper = [r for r in parse_catalog(TLE_SLICE.read_bytes()).records if r.name.startswith("KUIPER")]
    assert all(r.cospar_id.startswith(("2025-", "2026-")) for r in kuiper)


def test_zero_prefixed_names_and_two_line_files():
    three = parse_catalog(tle_bytes(("0 ISS (ZARYA)", ISS_LINE1, ISS_LINE2))).records[0]
    two = parse_catalog(tle_bytes((None, ISS_LINE1, ISS_LINE2))).records[0]
    assert three.name == "ISS (ZARYA)"
    assert two.name is None
    assert three.norad_id == two.norad_id == 25544


def test_alpha5_catalog_numbers():
    assert parse_tle_catalog_number("A0001") == 100001
    assert parse_tle_catalog_number("E8493") == 148493  # python-sgp4 README example
    assert parse_tle_catalog_number("J0000") == 180000  # I is skipped
    assert parse_tle_catalog_number("Z9999") == 339999
    line1 = with_checksum(ISS_LINE1.replace("25544", "T1234"))
    line2 = with_checksum(ISS_LINE2.replace("25544", "T1234"))
    record = parse_catalog(tle_bytes(("ALPHA FIVE", line1, line2))).records[0]
    assert record.norad_id == 271234
    for bad in ("I0001", "O0001", "AB001", "     "):
        with pytest.raises(ValueError):
            parse_tle_catalog_number(bad)


def _parse_with_bad_object(bad: tuple[str, str, str]):
    good = ("ISS (ZARYA)", ISS_LINE1, ISS_LINE2)
    other = ("OTHER", with_checksum(ISS_LINE1.replace("25544", "25545")), with_checksum(ISS_LINE2.replace("25544", "25545")))
    return parse_catalog(tle_bytes(good, bad, other))


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (("CUT", ISS_LINE1[:50], ISS_LINE2), "line 1 truncated"),
        (("CUT2", ISS_LINE1, ISS_LINE2[:60]), "line 2 truncated"),
        (("SUM", ISS_LINE1[:68] + "0", ISS_LINE2), "line 1 checksum"),
        (("NAN", with_checksum(ISS_LINE1), with_checksum(ISS_LINE2[:8] + " 51.6X16" + ISS_LINE2[16:])), "inclination is not numeric"),
        (("EPOCH", with_checksum(ISS_LINE1[:24] + "X" + ISS_LINE1[25:]), ISS_LINE2), "epoch is not numeric"),
        (("MIX", ISS_LINE1, with_checksum(ISS_LINE2.replace("25544", "25546"))), "catalog numbers differ"),
    ],
)
def test_bad_rows_become_rejections_and_good_rows_survive(bad, reason):
    result = _parse_with_bad_object(bad)
    assert [r.name for r in result.records] == ["ISS (ZARYA)", "OTHER"]
    assert len(result.rejections) == 1
    rejection = result.rejections[0]
    assert reason in rejection.reason
    assert rejection.line == 4  # the object's name line
    assert rejection.norad_id in (25544, None)


def test_stray_lines_are_rejected():
    raw = tle_bytes(("ISS (ZARYA)", ISS_LINE1, ISS_LINE2)) + (ISS_LINE2 + "\nORPHAN NAME\n").encode()
    result = parse_catalog(raw)
    assert len(result.records) == 1
    assert [r.reason for r in result.rejections] == ["line 2 without a preceding line 1", "name line without element lines"]


def test_duplicates_conflicting_rejected_identical_skipped():
    moved = with_checksum(ISS_LINE2[:52] + "15.72125392" + ISS_LINE2[63:])
    raw = tle_bytes(("ISS", ISS_LINE1, ISS_LINE2), ("ISS", ISS_LINE1, ISS_LINE2), ("ISS", ISS_LINE1, moved))
    result = parse_catalog(raw)
    assert len(result.records) == 1 and result.records[0].line == 1
    assert result.duplicates_skipped == 1
    assert result.rejections == [Rejection(7, 25544, "duplicate NORAD id 25544 with different data (first at line 1)")]


def test_progress_callback():
    calls = []
    result = parse_catalog(TLE_SLICE.read_bytes(), progress=calls.append, progress_every=500)
    total = len(result.records)
    assert calls == list(range(500, total + 1, 500)) + ([total] if total % 500 else [])


def test_records_are_plain_frozen_dataclasses():
    record = parse_catalog(tle_bytes(("ISS", ISS_LINE1, ISS_LINE2))).records[0]
    assert isinstance(record, CatalogRecord)
    with pytest.raises(AttributeError):
        record.norad_id = 1
    assert math.isfinite(record.mean_altitude_km)
