import json
from datetime import date, timezone

import pytest

from constellations.catalog import CatalogFormat, parse_catalog

from .helpers import OMM_CSV, OMM_JSON, OMM_JSON_STRINGS, SATCAT_CSV, SATCAT_JSON, TLE_SLICE


def _satcat_rows() -> list[dict]:
    return json.loads(SATCAT_JSON.read_text())


def test_spacetrack_satcat_slice_maps_every_row():
    rows = _satcat_rows()
    result = parse_catalog(SATCAT_JSON.read_bytes())
    no_orbit = [r for r in rows if r["PERIOD"] == "0.00"]
    assert result.rejections == []
    assert [r.norad_id for r in result.records] == [int(row["NORAD_CAT_ID"]) for row in rows]
    by_id = {r.norad_id: r for r in result.records}
    for row in rows:
        record = by_id[int(row["NORAD_CAT_ID"])]
        assert record.name == row["SATNAME"]
        assert record.cospar_id == row["INTLDES"]
        assert record.object_type == row["OBJECT_TYPE"]
        assert record.owner == row["COUNTRY"]
        assert record.launch_date == date.fromisoformat(row["LAUNCH"])
        assert record.decay_date == (date.fromisoformat(row["DECAY"]) if row["DECAY"] else None)
    assert no_orbit and all(by_id[int(r["NORAD_CAT_ID"])].mean_altitude_km is None for r in no_orbit)


def test_spacetrack_satcat_orbit_fields():
    vanguard = parse_catalog(SATCAT_JSON.read_bytes()).records[0]
    assert (vanguard.norad_id, vanguard.name) == (5, "VANGUARD 1")
    assert vanguard.perigee_km == 650 and vanguard.apogee_km == 3822
    assert vanguard.mean_altitude_km == pytest.approx((650 + 3822) / 2)
    assert vanguard.mean_motion == pytest.approx(1440 / 132.61)
    assert vanguard.inclination_deg == pytest.approx(34.26)


def test_celestrak_csv_carries_the_same_objects():
    spacetrack = parse_catalog(SATCAT_JSON.read_bytes()).records
    celestrak = parse_catalog(SATCAT_CSV.read_bytes())
    assert celestrak.format == CatalogFormat.SATCAT_CSV
    assert celestrak.rejections == []
    for a, b in zip(spacetrack, celestrak.records, strict=True):
        assert (a.norad_id, a.name, a.cospar_id, a.object_type, a.launch_date, a.decay_date, a.mean_altitude_km) == (
            b.norad_id, b.name, b.cospar_id, b.object_type, b.launch_date, b.decay_date, b.mean_altitude_km)
        assert b.ops_status in ("+", "D")
        assert b.line >= 2  # after the header


@pytest.mark.parametrize("path", [OMM_JSON, OMM_JSON_STRINGS, OMM_CSV])
def test_omm_numbers_and_strings_give_the_same_elements_as_the_tle(path):
    tle = {r.norad_id: r for r in parse_catalog(TLE_SLICE.read_bytes()).records}
    result = parse_catalog(path.read_bytes())
    assert result.rejections == []
    assert len(result.records) == 200
    for record in result.records:
        source = tle[record.norad_id]
        assert record.name == source.name and record.cospar_id == source.cospar_id
        assert record.epoch.tzinfo == timezone.utc
        assert abs((record.epoch - source.epoch).total_seconds()) < 1e-3
        for field in ("mean_motion", "eccentricity", "inclination_deg", "raan_deg", "arg_perigee_deg",
                      "mean_anomaly_deg", "bstar", "mean_altitude_km"):
            assert getattr(record, field) == pytest.approx(getattr(source, field), rel=1e-9, abs=1e-12), field


def test_spacetrack_string_omm_extra_fields():
    record = parse_catalog(OMM_JSON_STRINGS.read_bytes()).records[0]
    assert record.object_type == "PAYLOAD" and record.decay_date is None


def _omm(norad, **changes) -> dict:
    row = dict(json.loads(OMM_JSON.read_text())[0])
    row["NORAD_CAT_ID"] = norad
    row.update(changes)
    return row


def test_omm_catalog_numbers_above_339999():
    """9-digit ids (SupGP Starlink, skyfield #995) must survive: sgp4's satnum cannot hold them."""
    rows = [_omm(799501299), _omm("270000001", NORAD_CAT_ID="270000001")]
    records = parse_catalog(json.dumps(rows).encode()).records
    assert [r.norad_id for r in records] == [799501299, 270000001]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"MEAN_MOTION": "fast"}, "MEAN_MOTION is not numeric"),
        ({"MEAN_MOTION": None}, "missing field MEAN_MOTION"),
        ({"ECCENTRICITY": 1.5}, "ECCENTRICITY out of range"),
        ({"INCLINATION": [1]}, "INCLINATION is not numeric"),
        ({"EPOCH": "yesterday"}, "EPOCH is not an ISO timestamp"),
        ({"NORAD_CAT_ID": "12a"}, "NORAD_CAT_ID is missing or not an integer"),
        ({"BSTAR": "nan"}, "BSTAR is not a finite number"),
    ],
)
def test_bad_omm_rows_are_rejected(change, reason):
    rows = [_omm(1001), _omm(1002, **change), _omm(1003)]
    result = parse_catalog(json.dumps(rows).encode())
    assert [r.norad_id for r in result.records] == [1001, 1003]
    assert len(result.rejections) == 1 and reason in result.rejections[0].reason
    assert result.rejections[0].line == 2


def test_truncated_json_keeps_the_good_head():
    raw = SATCAT_JSON.read_bytes()
    result = parse_catalog(raw[: len(raw) // 2])
    rows = _satcat_rows()
    assert 0 < len(result.records) < len(rows)
    assert [r.norad_id for r in result.records] == [int(row["NORAD_CAT_ID"]) for row in rows[: len(result.records)]]
    assert len(result.rejections) == 1 and "invalid JSON" in result.rejections[0].reason


def test_truncated_and_non_numeric_csv_rows():
    lines = SATCAT_CSV.read_text().splitlines()
    lines[3] = lines[3][:30]  # cut short
    cells = lines[5].split(",")
    cells[9] = "ninety"  # PERIOD
    lines[5] = ",".join(cells)
    result = parse_catalog("\n".join(lines).encode())
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejections] == [
        (4, f"row has {len(lines[3].split(','))} fields, header has 17 (truncated?)"), (6, "PERIOD is not numeric")]
    assert len(result.records) == len(lines) - 3


def test_lone_omm_object_and_csv_duplicates():
    assert len(parse_catalog(json.dumps(_omm(5)).encode()).records) == 1
    text = OMM_CSV.read_text()
    first_row = text.splitlines()[1]
    changed = first_row.replace("CALSPHERE 1", "CALSPHERE ONE")
    result = parse_catalog((text + first_row + "\n" + changed + "\n").encode())
    assert result.duplicates_skipped == 1
    assert len(result.rejections) == 1 and "duplicate NORAD id 900" in result.rejections[0].reason
