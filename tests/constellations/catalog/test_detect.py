import gzip

import pytest

from constellations.catalog import CatalogFormat, CatalogFormatError, detect_format, parse_catalog

from .helpers import (
    GCAT_TSV,
    ISS_LINE1,
    ISS_LINE2,
    OMM_CSV,
    OMM_JSON,
    OMM_JSON_STRINGS,
    SATCAT_CSV,
    SATCAT_JSON,
    TLE_SLICE,
    tle_bytes,
)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        (TLE_SLICE, CatalogFormat.TLE_3LINE),
        (SATCAT_JSON, CatalogFormat.SPACETRACK_SATCAT_JSON),
        (SATCAT_CSV, CatalogFormat.SATCAT_CSV),
        (OMM_JSON, CatalogFormat.OMM_JSON),
        (OMM_JSON_STRINGS, CatalogFormat.OMM_JSON),
        (OMM_CSV, CatalogFormat.OMM_CSV),
        (GCAT_TSV, CatalogFormat.GCAT_TSV),
    ],
)
def test_detects_format_from_content_plain_and_gzipped(path, expected, tmp_path):
    raw = path.read_bytes()
    misleading = tmp_path / "catalog.txt"  # the name must not matter
    misleading.write_bytes(gzip.compress(raw))
    assert detect_format(raw) == expected
    assert detect_format(misleading) == expected


def test_two_line_and_zero_prefixed_three_line():
    assert detect_format(tle_bytes((None, ISS_LINE1, ISS_LINE2))) == CatalogFormat.TLE_2LINE
    assert detect_format(tle_bytes(("0 ISS (ZARYA)", ISS_LINE1, ISS_LINE2))) == CatalogFormat.TLE_3LINE


def test_celestrak_satcat_json_with_csv_keys():
    raw = b'[{"OBJECT_NAME": "X", "OBJECT_ID": "2020-001A", "NORAD_CAT_ID": 44914, "LAUNCH_DATE": "2020-01-07"}]'
    assert detect_format(raw) == CatalogFormat.SATCAT_JSON


def test_override_skips_detection():
    raw = TLE_SLICE.read_bytes()
    assert parse_catalog(raw, fmt="tle2").format == CatalogFormat.TLE_2LINE
    with pytest.raises(CatalogFormatError, match="unknown format override"):
        parse_catalog(raw, fmt="xml")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"  \r\n\n ", "empty"),
        (gzip.compress(b"", mtime=0), "empty"),  # a fixed mtime: the same test id in every xdist worker
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"\xff\xfe\xfa text", "not UTF-8"),
        (b"\x1f\x8bnot really gzip", "corrupt gzip"),
        (b"hello,world\n1,2\n", "unknown catalog format"),
        (b"just some notes\nabout satellites\n", "unknown catalog format"),
        (b'[{"foo": 1}]', "unknown JSON"),
        (b"[]", "empty"),
        (b"[{", "invalid JSON"),
    ],
)
def test_unusable_files_raise_catalog_format_error(raw, message):
    with pytest.raises(CatalogFormatError, match=message):
        parse_catalog(raw)


def test_hashes_identify_upload_and_content():
    raw = TLE_SLICE.read_bytes()
    plain, zipped = parse_catalog(raw), parse_catalog(gzip.compress(raw))
    assert plain.content_sha256 == zipped.content_sha256 == plain.sha256
    assert zipped.sha256 != plain.sha256
