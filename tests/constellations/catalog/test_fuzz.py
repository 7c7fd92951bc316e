"""Arbitrary input never crashes the reader: it is either a CatalogFormatError or a ParseResult."""

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from constellations.catalog import CatalogFormatError, CatalogRecord, ParseResult, Rejection, parse_catalog

from .helpers import ISS_LINE1, ISS_LINE2, OMM_JSON

_OMM_ROW = json.loads(OMM_JSON.read_text())[0]


def _parse_or_format_error(raw: bytes, fmt=None):
    try:
        result = parse_catalog(raw, fmt=fmt)
    except CatalogFormatError:
        return None
    assert isinstance(result, ParseResult)
    assert all(isinstance(r, CatalogRecord) for r in result.records)
    assert all(isinstance(r, Rejection) for r in result.rejections)
    return result


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(raw):
    _parse_or_format_error(raw)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from([ISS_LINE1, ISS_LINE2, "ISS (ZARYA)", "0 NAME", ""]) | st.text(max_size=80), max_size=12),
       st.sampled_from([None, "tle2", "tle3", "omm_csv", "satcat_csv"]))
def test_tle_like_text(lines, fmt):
    _parse_or_format_error("\n".join(lines).encode(), fmt)


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(sorted(_OMM_ROW)), _json_values, max_size=8), st.booleans())
def test_mutated_omm_rows(changes, as_list):
    row = {**_OMM_ROW, **changes}
    raw = json.dumps([row, _OMM_ROW] if as_list else row).encode()
    result = _parse_or_format_error(raw, "omm_json")
    assert result is not None
    assert len(result.records) + len(result.rejections) + result.duplicates_skipped >= 1
