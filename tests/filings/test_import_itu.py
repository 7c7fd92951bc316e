"""manage.py import_itu on the real ITU SNL exports and on hostile files."""

import datetime as dt
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command

from changelog.models import ChangeRecord
from filings.models import Administration, Filing, ItuListEntry, Source
from tests.factories import AdministrationFactory, FilingFactory

from .test_itu_snl import BIU, BIU_HEADER, RENAMED, SUSPENDED, SUSPENSION_HEADER

pytestmark = pytest.mark.django_db

SECOMSAT = b"SECOMSAT-LEO-1,E,,N-GSO,10.12.2024,N,16.06.2028,11.2,\n"


def run(*paths, **options):
    out = io.StringIO()
    call_command("import_itu", *map(str, paths), stdout=out, stderr=io.StringIO(), **options)
    return out.getvalue()


def counts():
    return {model.__name__: model.objects.count()
            for model in (Filing, ItuListEntry, Administration, Source, ChangeRecord, Filing.sources.through)}


def write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def real_lines(path, *names):
    """The header and the rows of the real export that name one of ``names`` (the file's own bytes)."""
    lines = path.read_bytes().splitlines(keepends=True)
    return lines[0] + b"".join(line for line in lines[1:] if line.split(b",")[1 if path == SUSPENDED else 0]
                               .strip() in names)


def test_the_real_lists_import_and_a_second_import_writes_nothing():
    out = run(RENAMED, BIU, SUSPENDED)
    assert "2388 GSO skipped" in out and "492 GSO skipped" in out
    secomsat = Filing.objects.get(itu_network_name="SECOMSAT-LEO-1", administration__iso_code="ESP")
    (entry,) = secomsat.itu_list_entries.all()
    assert (entry.list_name, entry.status, entry.biu_date, entry.expiry_date) == (
        "brought_into_use", "N", dt.date(2024, 12, 10), dt.date(2028, 6, 16))
    assert secomsat.brought_into_use_on is None  # N: the date is only foreseen
    assert secomsat.regulator == "itu" and secomsat.confidence == "reported"
    assert list(secomsat.sources.values_list("key", flat=True)) == ["itu-snl-brought-into-use-20230907"]
    tisat = Filing.objects.get(itu_network_name="TISAT-1", administration__iso_code="CHE")
    suspension = tisat.itu_list_entries.get(list_name="suspension")
    assert (suspension.notice_id, suspension.status, suspension.suspension_type) == (110500265, "S", "T")
    assert (suspension.suspended_on, suspension.resumption_due, suspension.resumed_on) == (
        dt.date(2023, 4, 3), dt.date(2026, 4, 3), None)
    assert (tisat.suspended_on, tisat.brought_into_use_on) == (dt.date(2023, 4, 3), dt.date(2010, 6, 15))
    assert ItuListEntry.objects.filter(list_name="brought_into_use").count() == 789  # 791 rows, 2 repeated
    assert ItuListEntry.objects.filter(list_name="suspension").count() == 13
    assert not Filing.objects.filter(itu_network_name="SECOMSAT-4-30W").exists()  # GSO: skipped
    # Every row written is in the change log, the list rows under their filing's history.
    logged = ChangeRecord.objects.filter(via="import", object_type=ContentType.objects.get_for_model(ItuListEntry))
    assert logged.filter(action="create").count() == 789 + 13
    assert logged.filter(related_id=tisat.pk).count() == 2

    before = counts()
    again = run(RENAMED, BIU, SUSPENDED)
    assert counts() == before
    assert again.count("0 created, 0 renamed, 0 updated; entries 0 created, 0 updated, 0 removed") == 3


def test_an_existing_filing_is_matched_and_its_deadline_checked_against_the_itu_expiry(tmp_path):
    spain = AdministrationFactory(iso_code="ESP", itu_symbol="E", name="Spain")
    # RR No. 11.44: seven years from 1 June 2021 is 1 June 2028; the ITU lists 16 June 2028.
    filing = FilingFactory(key="secomsat", itu_network_name="SECOMSAT-LEO-1", administration=spain,
                           date_of_receipt=dt.date(2021, 6, 1))
    out = run(write(tmp_path, "snl_broughtintouse_20230907.csv", BIU_HEADER + SECOMSAT))
    assert "filings 0 created" in out
    assert "mismatch: SECOMSAT-LEO-1 (E): ITU expiry 2028-06-16, Slotwatch 2028-06-01 (+15 days)" in out
    entry = filing.itu_list_entries.get()
    assert entry.computed_deadline == dt.date(2028, 6, 1) and entry.deadline_mismatch

    filing.date_of_receipt = dt.date(2021, 6, 16)  # a corrected date of receipt: the two agree
    filing.save()
    out = run(write(tmp_path, "snl_broughtintouse_20230907.csv", BIU_HEADER + SECOMSAT))
    assert "mismatch" not in out
    entry.refresh_from_db()
    assert entry.computed_deadline == dt.date(2028, 6, 16) and not entry.deadline_mismatch


def test_a_renamed_network_is_followed(tmp_path):
    spain = AdministrationFactory(iso_code="ESP", itu_symbol="E", name="Spain")
    filing = FilingFactory(key="secomsat-57w", name="SECOMSAT-57W", itu_network_name="SECOMSAT-57W",
                           administration=spain)
    renamed = write(tmp_path, "snl_namechange_20230907.csv", real_lines(RENAMED, b"SECOMSAT-59W"))
    listed = write(tmp_path, "snl_broughtintouse_20230907.csv",
                   BIU_HEADER + b"SECOMSAT-59W,E,,N-GSO,01.02.2023,C,,11.2,\n")
    out = run(listed, renamed)  # the name-change list is applied first, whatever the order given
    assert "1 renamed" in out
    filing.refresh_from_db()
    assert (filing.itu_network_name, filing.name) == ("SECOMSAT-59W", "SECOMSAT-59W")
    assert filing.itu_list_entries.get().biu_date == dt.date(2023, 2, 1)
    assert filing.brought_into_use_on == dt.date(2023, 2, 1)
    assert Filing.objects.count() == 1


def test_a_newer_list_replaces_the_rows_of_an_older_one(tmp_path):
    run(write(tmp_path, "snl_broughtintouse_20230907.csv", BIU_HEADER + SECOMSAT))
    confirmed = SECOMSAT.replace(b"10.12.2024,N,16.06.2028", b"10.12.2024,C,")
    out = run(write(tmp_path, "snl_broughtintouse_20250101.csv", BIU_HEADER + confirmed))
    assert "entries 1 created, 0 updated, 1 removed" in out
    filing = Filing.objects.get(itu_network_name="SECOMSAT-LEO-1")
    assert list(filing.itu_list_entries.values_list("status", "list_date")) == [("C", dt.date(2025, 1, 1))]
    assert filing.brought_into_use_on == dt.date(2024, 12, 10)


def test_unreadable_rows_are_reported_with_line_and_reason_and_the_rest_imports(tmp_path):
    data = (BIU_HEADER + SECOMSAT + b"BROKEN,E,,N-GSO,10.12.2024,X,,11.2,\n"
            + b"NOWHERE,ZZZ,,N-GSO,10.12.2024,C,,11.2,\n")
    out = run(write(tmp_path, "snl_broughtintouse_20230907.csv", data))
    assert "2 rejected" in out
    assert "line 3: unknown status code 'X' (the SNL defines N, I, C)" in out
    assert "line 4: NOWHERE: administration 'ZZZ' is not in the ITU symbol table" in out
    assert list(Filing.objects.values_list("itu_network_name", flat=True)) == ["SECOMSAT-LEO-1"]


@pytest.mark.parametrize("data, message", [
    (b"", "is empty"),
    (b"\x00\x01\x02\x03binary\xff\xfe" * 20, "is binary"),
    (b"Name,Country\nfoo,bar\n", "is not an SNL list this importer knows"),
])
def test_a_refused_file_is_named_exits_non_zero_and_keeps_nothing(tmp_path, data, message):
    good = write(tmp_path, "snl_suspended_20230907.csv", real_lines(SUSPENDED, b"TISAT-1"))
    bad = write(tmp_path, "snl_broughtintouse_20230907.csv", data)
    with pytest.raises(CommandError, match=message) as failed:
        run(bad, good)
    assert str(bad) in str(failed.value)
    # The good file of the same run imports; nothing of the bad one is kept.
    assert list(Filing.objects.values_list("itu_network_name", flat=True)) == ["TISAT-1"]
    assert not ItuListEntry.objects.filter(list_name="brought_into_use").exists()


def test_a_file_failing_midway_keeps_nothing(tmp_path, monkeypatch):
    from filings import itu_import

    def fail(*args, **kwargs):
        raise itu_import.UnreadableList("boom")
    monkeypatch.setattr(itu_import, "_import_suspensions", fail)
    path = write(tmp_path, "snl_suspended_20230907.csv", real_lines(SUSPENDED, b"TISAT-1"))
    with pytest.raises(CommandError, match="boom"):
        run(path)
    assert counts()["Filing"] == 0 and counts()["Source"] == 0 and counts()["Administration"] == 0


def test_a_list_without_a_date_needs_one(tmp_path):
    path = write(tmp_path, "suspensions.csv", SUSPENSION_HEADER)
    with pytest.raises(CommandError, match="export date"):
        run(path)
    assert "0 created" in run(path, list_date=dt.date(2023, 9, 7))
