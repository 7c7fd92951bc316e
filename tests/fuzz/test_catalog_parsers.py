"""Hostile input through the pure catalog parsers: a ParseResult or CatalogFormatError, never anything else."""

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constellations.catalog import CatalogFormatError, CatalogRecord, ParseResult, Rejection, parse_catalog

from .strategies import CATALOG_TEXT, FORMAT_OVERRIDES, catalog_bytes, encode

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PG_INT_MAX = 2**31 - 1  # NORAD ids go to a PositiveIntegerField (PostgreSQL integer)


def parse_or_refuse(data: bytes, fmt=None) -> ParseResult | None:
    try:
        result = parse_catalog(data, fmt=fmt)
    except CatalogFormatError:
        return None
    check(result)
    return result


def check(result: ParseResult) -> None:
    """What the importer relies on: sane ids and lines, finite numbers, rejections with a reason."""
    assert isinstance(result, ParseResult)
    seen = set()
    for record in result.records:
        assert isinstance(record, CatalogRecord)
        assert isinstance(record.norad_id, int) and 0 < record.norad_id <= PG_INT_MAX, record
        assert record.norad_id not in seen, f"duplicate NORAD id {record.norad_id} in the records"
        seen.add(record.norad_id)
        assert record.line >= 1
        for name in ("mean_motion", "eccentricity", "inclination_deg", "raan_deg", "arg_perigee_deg",
                     "mean_anomaly_deg", "bstar", "mean_altitude_km", "perigee_km", "apogee_km"):
            value = getattr(record, name)
            assert value is None or (isinstance(value, float) and math.isfinite(value)), (name, value, record)
        for name in ("name", "cospar_id", "object_type", "owner"):
            value = getattr(record, name)
            assert value is None or (isinstance(value, str) and "\x00" not in value), (name, value)
    for rejection in result.rejections:
        assert isinstance(rejection, Rejection) and rejection.reason and rejection.line >= 0


@FUZZ
@given(data=catalog_bytes())
def test_any_catalog_bytes_parse_or_are_refused(data):
    parse_or_refuse(data)


@FUZZ
@given(data=catalog_bytes(), fmt=FORMAT_OVERRIDES)
def test_a_forced_format_never_crashes(data, fmt):
    parse_or_refuse(data, fmt)


@settings(max_examples=40, deadline=None)
@given(data=st.data(), name=st.sampled_from(sorted(CATALOG_TEXT)))
def test_each_format_mutated(data, name):
    """Each format on its own, so every one gets examples however the mixed strategies above fall."""
    parse_or_refuse(data.draw(CATALOG_TEXT[name].flatmap(encode)))


def test_the_unmutated_fixtures_still_parse():
    """The strategies start from real files; they must be the files the parsers accept."""
    from .strategies import CATALOG

    for path in sorted(CATALOG.glob("*.*")):
        if path.suffix in (".py",):
            continue
        result = parse_catalog(path.read_bytes())
        check(result)
        assert result.records, path.name


def test_a_norad_id_too_long_for_the_column_is_a_rejected_row():
    """Regression: NORAD_CAT_ID 7777777777 parsed, and would have failed the whole file on PostgreSQL."""
    import json

    rows = [{"OBJECT_NAME": "X", "OBJECT_ID": "2020-001A", "NORAD_CAT_ID": n, "EPOCH": "2026-08-22T12:00:00",
             "MEAN_MOTION": "15.0", "ECCENTRICITY": "0.001", "INCLINATION": "53", "RA_OF_ASC_NODE": "1",
             "ARG_OF_PERICENTER": "1", "MEAN_ANOMALY": "1", "BSTAR": "0"} for n in ("7777777777", "999999999")]
    result = parse_catalog(json.dumps(rows).encode())
    assert [r.norad_id for r in result.records] == [999999999]
    assert [(r.line, r.norad_id) for r in result.rejections] == [(1, None)]
    assert "nine digits" in result.rejections[0].reason
