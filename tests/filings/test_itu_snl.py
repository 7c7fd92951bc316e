"""The pure SNL reader (filings.itu_snl) on the real ITU exports and on rows written to break it."""

import datetime as dt
import pathlib

import pytest

from filings import itu_snl
from filings.itu_snl import UnreadableList, parse

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "itu-snl"
BIU = FIXTURES / "snl_broughtintouse_20230907.csv"
SUSPENDED = FIXTURES / "snl_suspended_20230907.csv"
RENAMED = FIXTURES / "snl_namechange_20230907.csv"
BIU_HEADER = b"Satellite Name,ADM,ORG,Long_nom,Date of bringing into use,Status,Expiry Date for Bringing Into Use,Provision,\n"
SUSPENSION_HEADER = SUSPENDED.read_bytes().splitlines(keepends=True)[0]


def rows_named(result, name):
    return [row for row in result.rows if row.name == name]


def test_real_brought_into_use_list():
    result = parse(BIU.read_bytes(), BIU.name)
    assert result.list_kind == itu_snl.BROUGHT_INTO_USE and result.rejections == []
    assert len(result.rows) == 3179
    assert sum(row.non_gso for row in result.rows) == 791  # as SOURCES.md counts them
    (secomsat,) = rows_named(result, "SECOMSAT-LEO-1")
    assert (secomsat.adm, secomsat.status, secomsat.biu_date, secomsat.expiry_date, secomsat.line) == (
        "E", "N", dt.date(2024, 12, 10), dt.date(2028, 6, 16), secomsat.line)
    assert secomsat.non_gso and secomsat.provision == "11.2"
    geo = rows_named(result, "SECOMSAT-4-30W")[0]
    assert geo.longitude == -30.0 and not geo.non_gso


def test_real_suspension_list():
    result = parse(SUSPENDED.read_bytes(), SUSPENDED.name)
    assert result.list_kind == itu_snl.SUSPENSION and result.rejections == []
    assert len(result.rows) == 505 and sum(row.non_gso for row in result.rows) == 13
    (tisat,) = rows_named(result, "TISAT-1")
    assert (tisat.notice_id, tisat.adm, tisat.status, tisat.suspension_type) == (110500265, "SUI", "S", "T")
    assert (tisat.received_on, tisat.suspended_on, tisat.resumption_due, tisat.resumed_on) == (
        dt.date(2023, 4, 11), dt.date(2023, 4, 3), dt.date(2026, 4, 3), None)
    assert rows_named(result, "COMMSTELLATION")  # the padded "COMMSTELLATION " cell, trimmed


def test_real_name_change_list():
    result = parse(RENAMED.read_bytes(), RENAMED.name)
    assert result.list_kind == itu_snl.NAME_CHANGE and result.rejections == []
    assert len(result.rows) == 667
    assert any(row.new_name == "SECOMSAT-59W" and row.old_name == "SECOMSAT-57W" for row in result.rows)


def test_list_date_from_the_download_name():
    assert itu_snl.list_date_from_name("x/snl_suspended_20230907.csv") == dt.date(2023, 9, 7)
    assert itu_snl.list_date_from_name("snl_suspended.csv") is None
    assert itu_snl.list_date_from_name("snl_20231399.csv") is None


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"  \n\n", "is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "binary"),
    (b"NORAD,NAME,EPOCH\n25544,ISS,2024-01-01\n", "not an SNL list"),
    (b"<html><body>Please log in</body></html>\n", "not an SNL list"),
])
def test_a_file_refused_as_a_whole_names_the_file(data, message):
    with pytest.raises(UnreadableList, match=message) as refused:
        parse(data, "upload.csv")
    assert "upload.csv" in str(refused.value)


@pytest.mark.parametrize("row, reason", [
    (b"X,E,,N-GSO,10.12.2024,Q,16.06.2028,11.2,", "unknown status code 'Q'"),
    (b"X,E,,N-GSO,31.02.2024,N,16.06.2028,11.2,", "date of bringing into use '31.02.2024' is not a date"),
    (b"X,E,,N-GSO,,N,,11.2,", "date of bringing into use is missing"),
    (b"X,E,,N-GSO,2024-12-10,N,,11.2,", "is not a date (dd.mm.yyyy)"),
    (b"X,E,,200,10.12.2024,C,,11.2,", "longitude 200 is outside"),
    (b"X,E,,LEO,10.12.2024,C,,11.2,", "neither a longitude nor N-GSO"),
    (b",E,,N-GSO,10.12.2024,C,,11.2,", "satellite name is empty"),
    (b"X,spain,,N-GSO,10.12.2024,C,,11.2,", "not an ITU symbol"),
    (b"X,E,,N-GSO,10.12.2024", "5 cells, the list has 8 columns"),
    (b"X,E,,N-GSO,10.12.2024,C,,11.2,extra", "9 cells"),
])
def test_a_row_it_cannot_read_is_reported_and_the_rest_read(row, reason):
    good = b"SECOMSAT-LEO-1,E,,N-GSO,10.12.2024,N,16.06.2028,11.2,\n"
    result = parse(BIU_HEADER + good + row + b"\n" + good.replace(b"SECOMSAT-LEO-1", b"OTHER"), "f.csv")
    assert [row.name for row in result.rows] == ["SECOMSAT-LEO-1", "OTHER"]
    (rejection,) = result.rejections
    assert rejection.line == 3 and reason in rejection.reason


@pytest.mark.parametrize("row, reason", [
    (b"1,X,SUI,,N-GSO,Z,T,11.04.2023,03.04.2023,03.04.2026,,11.49,", "unknown status code 'Z'"),
    (b"1,X,SUI,,N-GSO,S,Q,11.04.2023,03.04.2023,03.04.2026,,11.49,", "unknown suspension type code 'Q'"),
    (b"abc,X,SUI,,N-GSO,S,T,11.04.2023,03.04.2023,03.04.2026,,11.49,", "notice id 'abc'"),
    (b"1,X,SUI,,N-GSO,S,T,11.04.2023,03.04.2023,03.04.2022,,11.49,", "before the suspension"),
    (b"1,X,SUI,,N-GSO,R,T,11.04.2023,03.04.2023,,01.01.2023,11.49,", "before the suspension"),
    (b"1,X,SUI,,N-GSO,S,T,11.04.2023,,03.04.2026,,11.49,", "date of suspension is missing"),
])
def test_suspension_rows_checked(row, reason):
    result = parse(SUSPENSION_HEADER + row + b"\n", "s.csv")
    assert result.rows == [] and len(result.rejections) == 1 and reason in result.rejections[0].reason


def test_utf8_and_a_byte_order_mark_are_read_too():
    data = "\ufeffNew Name,Old Name\r\nRÉSEAU-2,RÉSEAU-1\r\n".encode()
    (row,) = parse(data, "n.csv").rows
    assert (row.new_name, row.old_name) == ("RÉSEAU-2", "RÉSEAU-1")
    latin = "New Name,Old Name\r\nRÉSEAU-2,RÉSEAU-1\r\n".encode("latin-1")
    assert parse(latin, "n.csv").rows[0].new_name == "RÉSEAU-2"
