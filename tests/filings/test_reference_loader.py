"""The reference loader: all or nothing, idempotent, errors named by file, line and field."""

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from constellations.models import Constellation, DeploymentReport
from filings.models import Filing, FilingShell, Source, Waiver
from filings.reference import DATA_DIR, ReferenceDataError, load_reference

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "reference"
pytestmark = pytest.mark.django_db


@pytest.fixture
def data_dir(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def edit(data_dir, name, old, new):
    path = data_dir / f"{name}.yaml"
    text = path.read_text()
    assert old in text, f"fixture {name}.yaml lacks {old!r}"
    path.write_text(text.replace(old, new, 1))


def line_of(data_dir, name, needle):
    lines = (data_dir / f"{name}.yaml").read_text().splitlines()
    return next(number for number, line in enumerate(lines, start=1) if needle in line)


def test_first_load_creates_every_record(data_dir):
    report = load_reference(data_dir)
    assert Filing.objects.count() == 2
    assert FilingShell.objects.count() == 3
    kuiper = Filing.objects.get(key="kuiper-gen1")
    assert kuiper.grant_date == dt.date(2020, 7, 30)
    assert [s.satellite_count for s in kuiper.shells.all()] == [784, 1296]
    assert kuiper.sources.get().key == "fcc-20-102"
    assert Waiver.objects.get().granted_on == dt.date(2026, 6, 5)
    assert Filing.objects.get(key="kuiper-gen1-mod").parent == kuiper
    assert DeploymentReport.objects.get().constellation == Constellation.objects.get(key="kuiper")
    assert report.total("created") > 0 and report.total("updated") == 0


def test_second_load_changes_nothing(data_dir):
    load_reference(data_dir)
    stamps = dict(Filing.objects.values_list("key", "updated_at"))
    shell_ids = list(FilingShell.objects.values_list("pk", flat=True))
    report = load_reference(data_dir)
    assert report.total("created") == report.total("updated") == report.total("deleted") == 0
    assert report.total("unchanged") > 0
    assert dict(Filing.objects.values_list("key", "updated_at")) == stamps
    assert list(FilingShell.objects.values_list("pk", flat=True)) == shell_ids


def test_edited_record_updates_in_place(data_dir):
    load_reference(data_dir)
    shell_pk = FilingShell.objects.get(filing__key="kuiper-gen1", ordinal=1).pk
    edit(data_dir, "filings", "satellites_authorised: 3236", "satellites_authorised: 3232")
    edit(data_dir, "filings", "satellites_per_plane: 28\n      satellite_count: 784",
         "satellites_per_plane: 29\n      satellite_count: 812")
    report = load_reference(data_dir)
    assert report.counts[("Filing", "updated")] == 1
    assert report.counts[("FilingShell", "updated")] == 1
    assert Filing.objects.get(key="kuiper-gen1").satellites_authorised == 3232
    shell = FilingShell.objects.get(pk=shell_pk)
    assert (shell.satellites_per_plane, shell.satellite_count) == (29, 812)


def test_removed_shell_is_deleted_and_source_change_recorded(data_dir):
    load_reference(data_dir)
    text = (data_dir / "filings.yaml").read_text()
    start = text.index("    - altitude_km: 610")
    end = text.index("  waivers:")
    (data_dir / "filings.yaml").write_text(text[:start] + text[end:])
    edit(data_dir, "filings", "sources: [fcc-20-102]", "sources: [fcc-20-102, aanda-bassa-2022]")
    report = load_reference(data_dir)
    assert report.counts[("FilingShell", "deleted")] == 1
    assert set(Filing.objects.get(key="kuiper-gen1").sources.values_list("key", flat=True)) == {
        "fcc-20-102", "aanda-bassa-2022"}


RECORD = "- key: kuiper-gen1\n"


@pytest.mark.parametrize(
    "old, new, expected_line_at, field, words",
    [
        ("satellite_count: 784", "satellite_count: 785", "altitude_km: 590",
         "satellite_count", "785 satellites does not equal 28 planes × 28 per plane = 784"),
        ("altitude_km: 610", "altitude_km: -610", "altitude_km: -610", "altitude_km", "negative"),
        ("inclination_deg: 42", "inclination_deg: 181", "altitude_km: 610", "inclination_deg", "outside 0–180"),
        ("grant_date: 2020-07-30", "grant_date: 2018-07-30", RECORD, "grant_date", "before the date of receipt"),
        ("  administration: USA\n  operator: kuiper\n  constellation",
         "  administration: XYZ\n  operator: kuiper\n  constellation", RECORD,
         "administration", "unknown administration 'XYZ'"),
        ("grant_date: 2020-07-30", "grant_date: 2020-13-30", RECORD, "grant_date", "is not a date"),
        ("  status: granted\n  frequency_bands", "  status: granted\n  colour: blue\n  frequency_bands",
         RECORD, "colour", "unknown field"),
    ],
)
def test_broken_record_is_refused_with_file_line_and_field(data_dir, old, new, expected_line_at, field, words):
    load_reference(data_dir)
    before = list(Filing.objects.order_by("key").values_list("key", "satellites_authorised", "grant_date"))
    edit(data_dir, "filings", old, new)
    # A valid edit elsewhere in the same load must not be kept either.
    edit(data_dir, "filings", "satellites_filed: 3232", "satellites_filed: 3000")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(data_dir)
    line = line_of(data_dir, "filings", expected_line_at.strip())
    matching = [p for p in caught.value.problems if f": {field}: " in p and words in p]
    assert matching, caught.value.problems
    assert matching[0].startswith(f"filings.yaml, line {line} (kuiper-gen1")
    after = list(Filing.objects.order_by("key").values_list("key", "satellites_authorised", "grant_date"))
    assert after == before
    assert Filing.objects.get(key="kuiper-gen1-mod").satellites_filed == 3232


def test_shell_error_names_the_shell_line_exactly(data_dir):
    edit(data_dir, "filings", "satellite_count: 1296", "satellite_count: 1297")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(data_dir)
    shell_line = line_of(data_dir, "filings", "altitude_km: 610")
    assert any(p.startswith(f"filings.yaml, line {shell_line} (kuiper-gen1 shells[2]): satellite_count:")
               for p in caught.value.problems), caught.value.problems
    assert Filing.objects.count() == 0 and Source.objects.count() == 0


def test_invalid_yaml_names_the_line(data_dir):
    (data_dir / "operators.yaml").write_text("- key: a\n  name: [unclosed\n")
    with pytest.raises(ReferenceDataError) as caught:
        load_reference(data_dir)
    assert caught.value.problems[0].startswith("operators.yaml, line ")
    assert "not valid YAML" in caught.value.problems[0]


def test_command_reports_problems_and_loads_nothing(data_dir):
    edit(data_dir, "filings", "satellite_count: 784", "satellite_count: 1")
    with pytest.raises(CommandError, match=r"(?s)Nothing was loaded: 1 problem\(s\).*filings.yaml, line \d+"):
        call_command("load_reference", "--data-dir", str(data_dir))
    assert Filing.objects.count() == 0


def test_sun_synchronous_shell_keeps_its_local_time(data_dir):
    load_reference(data_dir)
    shell = FilingShell.objects.get(filing__key="kuiper-gen1-mod")
    assert shell.sun_synchronous and shell.ltan == dt.time(6, 0)


def test_bundled_reference_data_loads_twice_without_change():
    report = load_reference(DATA_DIR)
    assert Filing.objects.count() >= 25
    assert report.total("created") > 0
    again = load_reference(DATA_DIR)
    assert again.total("created") == again.total("updated") == again.total("deleted") == 0
    # Every filing and every shell names at least one source.
    assert not Filing.objects.filter(sources=None).exists()


# -- explicit assignments (rule (a) of constellations.attribution) --------------------------------------------

ASSIGNMENTS = """  assignments:
    - {kind: launch, pattern: "2023-026", source: fcc-20-102, notes: "a launch group the order names"}
    - {kind: norad, pattern: 58000, source: aanda-bassa-2022}
"""


def with_assignments(data_dir, block=ASSIGNMENTS):
    edit(data_dir, "filings", "  sources: [fcc-20-102]\n  shells:\n", f"  sources: [fcc-20-102]\n{block}  shells:\n")


def test_assignments_load_with_their_source_and_reload_unchanged(data_dir):
    from constellations.models import FilingAssignment

    with_assignments(data_dir)
    load_reference(data_dir)
    rows = FilingAssignment.objects.order_by("kind")
    assert [(a.filing.key, a.kind, a.pattern, a.source.key) for a in rows] == [
        ("kuiper-gen1", "launch", "2023-026", "fcc-20-102"), ("kuiper-gen1", "norad", "58000", "aanda-bassa-2022")]
    report = load_reference(data_dir)
    assert report.total("created") == report.total("updated") == report.total("deleted") == 0


def test_an_assignment_removed_from_the_file_is_deleted_and_admin_ones_elsewhere_are_kept(data_dir):
    from constellations.models import FilingAssignment

    with_assignments(data_dir)
    load_reference(data_dir)
    mod = Filing.objects.get(key="kuiper-gen1-mod")  # its record lists no assignments: the admin owns them
    FilingAssignment.objects.create(filing=mod, kind="norad", pattern="58001")
    edit(data_dir, "filings", '    - {kind: norad, pattern: 58000, source: aanda-bassa-2022}\n', "")
    report = load_reference(data_dir)
    assert report.total("deleted") == 1
    assert sorted(FilingAssignment.objects.values_list("pattern", flat=True)) == ["2023-026", "58001"]


@pytest.mark.parametrize("item, field, words", [
    ('{kind: launch, pattern: "2023-026"}', "source", "is required"),  # no assignment without its source
    ('{kind: launch, pattern: "2023-026", source: nowhere}', "source", "unknown source 'nowhere'"),
    ('{kind: launch, pattern: "23-26", source: fcc-20-102}', "pattern", "YYYY-NNN"),
    ('{kind: norad, pattern: "STARLINK", source: fcc-20-102}', "pattern", "whole number"),
])
def test_a_bad_assignment_is_refused_with_its_line_and_field(data_dir, item, field, words):
    from constellations.models import FilingAssignment

    with_assignments(data_dir, f"  assignments:\n    - {item}\n")
    with pytest.raises(ReferenceDataError) as error:
        load_reference(data_dir)
    line = line_of(data_dir, "filings", item)
    assert any(f"filings.yaml, line {line}" in p and f"{field}:" in p and words in p for p in error.value.problems), \
        error.value.problems
    assert not FilingAssignment.objects.exists() and not Filing.objects.exists()
