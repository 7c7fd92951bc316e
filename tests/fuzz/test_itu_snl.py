"""Hostile input through the pure SNL reader: a ParseResult or UnreadableList, never anything else."""

import datetime as dt
import pathlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from filings import itu_snl
from filings.itu_snl import BroughtIntoUseRow, NameChangeRow, ParseResult, Rejection, SuspensionRow, UnreadableList

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "itu-snl"
# The header and the first rows of each real export: hypothesis garbles them.
REAL = [b"".join((FIXTURES / name).read_bytes().splitlines(keepends=True)[:12])
        for name in ("snl_broughtintouse_20230907.csv", "snl_suspended_20230907.csv", "snl_namechange_20230907.csv")]


def parse_or_refuse(data: bytes) -> ParseResult | None:
    try:
        result = itu_snl.parse(data, "fuzz.csv")
    except UnreadableList as refused:
        assert "fuzz.csv" in str(refused)
        return None
    check(result)
    return result


def check(result: ParseResult) -> None:
    """What the importer relies on: rows of the detected list, with sane names, codes and dates."""
    assert result.list_kind in itu_snl.LIST_LABELS
    kinds = {itu_snl.BROUGHT_INTO_USE: BroughtIntoUseRow, itu_snl.SUSPENSION: SuspensionRow,
             itu_snl.NAME_CHANGE: NameChangeRow}
    for row in result.rows:
        assert isinstance(row, kinds[result.list_kind]) and row.line >= 2
        if isinstance(row, NameChangeRow):
            assert row.new_name and row.old_name and len(row.new_name) <= itu_snl.NAME_MAX
            continue
        assert row.name and len(row.name) <= itu_snl.NAME_MAX and row.name == row.name.strip()
        assert 1 <= len(row.adm) <= 3 and row.adm.isupper()
        assert row.longitude is None or -180 <= row.longitude <= 180
        if isinstance(row, BroughtIntoUseRow):
            assert row.status in itu_snl.BIU_STATUS_LABELS and isinstance(row.biu_date, dt.date)
        else:
            assert row.status in itu_snl.SUSPENSION_STATUS_LABELS
            assert row.suspension_type in itu_snl.SUSPENSION_TYPE_LABELS
            assert 0 < row.notice_id
            assert row.resumption_due is None or row.resumption_due >= row.suspended_on
            assert row.resumed_on is None or row.resumed_on >= row.suspended_on
    for rejection in result.rejections:
        assert isinstance(rejection, Rejection) and rejection.line >= 1 and rejection.reason


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    parse_or_refuse(data)


@FUZZ
@given(st.sampled_from(REAL), st.integers(min_value=0, max_value=4000), st.binary(min_size=1, max_size=40))
def test_real_exports_with_bytes_overwritten(real, at, junk):
    at %= len(real)
    parse_or_refuse(real[:at] + junk + real[at + len(junk):])


@FUZZ
@given(st.sampled_from(REAL), st.lists(st.text(alphabet=",\"\n\r.-0123456789NICSRJPT &nbsp;GSOÉ\x00", max_size=30),
                                       max_size=8))
def test_real_headers_with_hostile_rows(real, rows):
    header = real.splitlines(keepends=True)[0]
    result = parse_or_refuse(header + "\n".join(rows).encode("utf-8", "surrogatepass"))
    if result is not None:
        assert result.list_kind == itu_snl.detect(header.decode("latin-1").split(","))
