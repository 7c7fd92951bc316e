"""GCAT satcat.tsv (constellations/catalog/gcat.py) on real rows of the 2026 Jan 4 file and on broken ones.

The fixture ``gcat_satcat_slice.tsv`` holds twelve rows of https://planet4589.org/space/gcat/data/cat/satcat.tsv
("# Updated 2026 Jan  4 0710:39"), byte for byte (tabs and padding kept), from the public copy in
github.com/yamansaran/OSCAR-VT_MATLAB_Code: re-entered objects with vague dates (S00001, S00002, S00004 attached
and re-entered), Vanguard I still in orbit (S00005), two deep-space departures with a negative perigee or apogee
(S00021, S00027), a decayed debris piece (S67225), recent payloads (S67232 BlueBird, S67236 Guowang "WHDW 17-01"),
a rocket stage (S67245) and a payload without an orbit yet (S67248: zeros, ODate "-").
"""

import datetime as dt

import pytest

from constellations.catalog import CatalogFormat, parse_catalog
from constellations.catalog.gcat import vague_date

from .helpers import GCAT_TSV

HEADER, COMMENT, *ROWS = GCAT_TSV.read_text().splitlines()


def by_id(result):
    return {r.norad_id: r for r in result.records}


@pytest.mark.parametrize(("text", "expected"), [
    ("1957 Oct  4", dt.date(1957, 10, 4)),
    ("1958 Jan  4?", dt.date(1958, 1, 4)),  # uncertain day: still the best known
    ("1957 Dec  1 1000?", dt.date(1957, 12, 1)),
    ("2025 Dec 24 0341:00", dt.date(2025, 12, 24)),
    ("2025 Dec", None),  # month only: no day to build a deadline on
    ("1960", None),
    ("-", None),
    ("", None),
])
def test_vague_dates(text, expected):
    assert vague_date(text, "LDate") == expected


@pytest.mark.parametrize("text", ["1957 Okt  4", "1957 Feb 30", "Oct 4 1957", "yesterday"])
def test_dates_that_are_not_dates_raise(text):
    with pytest.raises(ValueError, match="LDate"):
        vague_date(text, "LDate")


def test_real_rows():
    result = parse_catalog(GCAT_TSV)
    assert result.format is CatalogFormat.GCAT_TSV and not result.rejections
    rows = by_id(result)
    assert sorted(rows) == [1, 2, 4, 5, 21, 27, 67225, 67232, 67236, 67245, 67248]
    sputnik_stage, explorer, vanguard = rows[1], rows[4], rows[5]
    assert (sputnik_stage.object_type, sputnik_stage.decay_date, sputnik_stage.ops_status) == (
        "ROCKET BODY", dt.date(1957, 12, 1), "R")
    assert explorer.decay_date == dt.date(1970, 3, 31) and explorer.ops_status == "AR"  # attached, re-entered
    assert vanguard.decay_date is None and vanguard.ops_status == "O"
    assert (vanguard.perigee_km, vanguard.apogee_km, vanguard.mean_altitude_km) == (657, 3935, 2296)
    assert vanguard.cospar_id is None  # "1958 BET 2": the Greek-letter designation of the time
    guowang = rows[67236]
    assert (guowang.name, guowang.cospar_id, guowang.owner, guowang.launch_date) == (
        "WHDW 17-01", "2025-311A", "ZXW", dt.date(2025, 12, 25))
    assert rows[67225].object_type == "DEBRIS" and rows[67225].decay_date == dt.date(2025, 12, 23)
    # Luna-3 left for deep space (status DSO): no decay date although its phase ended
    assert rows[21].decay_date is None and rows[21].ops_status == "DSO"
    # Pioneer V, on an escape trajectory (negative apogee), and Aist-2T without an orbit yet: no altitude
    assert rows[27].mean_altitude_km is None and rows[67248].mean_altitude_km is None
    assert rows[67248].inclination_deg is None


def replace_field(row: str, index: int, value: str) -> str:
    fields = row.split("\t")
    fields[index] = value
    return "\t".join(fields)


def test_bad_rows_are_rejected_with_line_and_reason():
    vanguard = ROWS[3]
    lines = [
        HEADER, COMMENT,
        replace_field(vanguard, 1, "NNA"),  # no US catalog number
        replace_field(replace_field(vanguard, 1, "00006"), 4, "Z           "),  # spurious entry
        replace_field(replace_field(vanguard, 1, "00007"), 7, "1958 Okt 17"),
        replace_field(replace_field(replace_field(vanguard, 1, "00008"), 11, "1950 Jan  1"), 12, "R"),  # decay < launch
        "\t".join(vanguard.split("\t")[:10]),  # truncated
        vanguard,
    ]
    result = parse_catalog("\n".join(lines).encode())
    assert [r.norad_id for r in result.records] == [5]
    reasons = {r.line: r.reason for r in result.rejections}
    assert "no US catalog number" in reasons[3] and "spurious" in reasons[4]
    assert "unknown month" in reasons[5] and "before the launch date" in reasons[6]
    assert "header has 42" in reasons[7]


def test_a_header_without_the_needed_columns_is_reported():
    result = parse_catalog(b"#JCAT\tSatcat\tName\nS00005\t00005\tVanguard I\n")
    assert not result.records and "lacks column" in result.rejections[0].reason
