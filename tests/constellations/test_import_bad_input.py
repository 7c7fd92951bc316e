"""Bad input: rejected rows are reported with line and reason, good rows import, stored data is not damaged."""

import io

import pytest
from django.core.management import CommandError, call_command

from constellations.models import CatalogImport, SpaceObject

from .catalog_helpers import with_checksum

pytestmark = pytest.mark.django_db

# Two real element sets from the 2026-08-22 file (Kuiper) and one ISS set.
K1 = ("KUIPER-00008",
      "1 63724U 25081A   26234.13591435  .00000726  00000+0  32452-3 0  9991",
      "2 63724  51.9013 309.1776 0001290  93.3464 266.7695 14.80678283 72404")
ISS = ("ISS (ZARYA)",
       "1 25544U 98067A   08264.51782528 -.00002182  00000-0 -11606-4 0  2927",
       "2 25544  51.6416 247.4627 0006703 130.5360 325.0288 15.72125391563537")


def fixed(lines):
    name, l1, l2 = lines
    return name, with_checksum(l1), with_checksum(l2)


def text(*objects) -> bytes:
    return ("\n".join(line for obj in objects for line in obj) + "\n").encode()


def run(path) -> str:
    out = io.StringIO()
    call_command("import_catalog", str(path), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def good():
    return fixed(K1), fixed(ISS)


def test_bad_rows_are_reported_and_good_rows_import(constellations, good, tmp_path):
    kuiper, iss = good
    truncated = ("STARLINK-1", kuiper[1].replace("63724", "70001")[:60], kuiper[2].replace("63724", "70001"))
    bad_sum = ("STARLINK-2", kuiper[1].replace("63724", "70002")[:68] + "0",
               with_checksum(kuiper[2].replace("63724", "70002")))
    if bad_sum[1] == with_checksum(bad_sum[1]):
        bad_sum = (bad_sum[0], bad_sum[1][:68] + "1", bad_sum[2])
    conflict = (kuiper[0], with_checksum(kuiper[1][:22] + "3" + kuiper[1][23:]), kuiper[2])  # same NORAD, other epoch
    path = tmp_path / "mixed.txt"
    path.write_bytes(text(kuiper, truncated, bad_sum, iss, conflict))
    output = run(path)
    record = CatalogImport.objects.get()
    assert (record.created, record.rejected) == (2, 3)
    assert sorted(SpaceObject.objects.values_list("pk", flat=True)) == [25544, 63724]
    reasons = {r["line"]: (r["norad"], r["reason"]) for r in record.rejections}
    assert reasons[4][1].startswith("line 1 truncated") and reasons[4][0] == 70001
    assert "checksum" in reasons[7][1] and reasons[7][0] == 70002
    assert reasons[13][0] == 63724 and "duplicate NORAD id 63724 with different data (first at line 1)" in reasons[13][1]
    assert "line 4: NORAD 70001: line 1 truncated" in output and "3 rejected" in output


def test_a_file_with_rejects_does_not_damage_stored_objects(constellations, good, tmp_path):
    kuiper, iss = good
    first = tmp_path / "first.txt"
    first.write_bytes(text(kuiper, iss))
    run(first)
    stored = {o.pk: (o.mean_altitude_km, o.epoch, o.name) for o in SpaceObject.objects.all()}
    broken = (kuiper[0], kuiper[1], kuiper[2][:50])  # the same object, truncated
    second = tmp_path / "second.txt"
    second.write_bytes(text(broken, iss))
    run(second)
    assert {o.pk: (o.mean_altitude_km, o.epoch, o.name) for o in SpaceObject.objects.all()} == stored
    latest = CatalogImport.objects.order_by("-pk").first()
    assert (latest.rejected, latest.unchanged, latest.created) == (1, 1, 0)


def test_an_older_element_set_does_not_roll_the_orbit_back(constellations, good, tmp_path):
    kuiper, _ = good
    newer = tmp_path / "newer.txt"
    newer.write_bytes(text(kuiper))
    run(newer)
    epoch = SpaceObject.objects.get().epoch
    older = (kuiper[0], with_checksum(kuiper[1][:18] + "26200.13591435" + kuiper[1][32:]),
             with_checksum(kuiper[2][:52] + "15.00000000" + kuiper[2][63:]))
    path = tmp_path / "older.txt"
    path.write_bytes(text(older))
    assert "0 updated, 1 unchanged" in run(path)
    assert SpaceObject.objects.get().epoch == epoch


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"   \n\n", "the file is empty"),
    (b"\x00\x01\x02binary\xff" * 50, "binary"),
    (b"hello,world\n1,2\n", "unknown catalog format"),
    (b"\x1f\x8b\x08\x00broken", "corrupt gzip"),
])
def test_unusable_files_are_refused_and_nothing_is_written(constellations, tmp_path, content, message):
    path = tmp_path / "bad.dat"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        run(path)
    assert not SpaceObject.objects.exists() and not CatalogImport.objects.exists()


def test_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.txt")


def test_failure_midway_rolls_the_file_back(constellations, good, tmp_path, monkeypatch):
    import constellations.importer as importer

    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer, "recompute_catalog", boom)
    path = tmp_path / "ok.txt"
    path.write_bytes(text(*good))
    with pytest.raises(RuntimeError):
        run(path)
    assert not SpaceObject.objects.exists()
    record = CatalogImport.objects.get()
    assert record.status == "failed" and "disk full" in record.message


def test_stored_rejections_are_capped_but_counted(constellations, tmp_path, monkeypatch):
    from constellations.models import CatalogImport as Model

    monkeypatch.setattr(Model, "MAX_STORED_REJECTIONS", 2)
    lines = ["1 " + "x" * 20, "junk"] * 3 + list(fixed(ISS))
    path = tmp_path / "many.txt"
    path.write_text("\n".join(fixed(ISS)) + "\n" + "\n".join(lines) + "\n")
    run(path)
    record = Model.objects.get()
    assert record.rejected > 2 and len(record.rejections) == 2
