"""import_catalog on slices of the real snapshots: counts, idempotence, SATCAT + TLE merge, formats."""

import gzip
import io
import json

import pytest
from django.core.management import call_command

from constellations.models import CatalogImport, ElementSetSnapshot, SpaceObject

from .catalog_helpers import FIXTURES, SATCAT_JSON, TLE_SLICE, expected_by_constellation, tle_names

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_catalog", *map(str, args), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def by_constellation() -> dict[str, int]:
    counts = {}
    for key in SpaceObject.objects.filter(constellation__isnull=False).values_list("constellation__key", flat=True):
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_tle_slice_counts_per_constellation_match_a_line_scan(constellations):
    output = run(TLE_SLICE)
    names = tle_names(TLE_SLICE)
    assert SpaceObject.objects.count() == len(names)
    assert by_constellation() == {k: v for k, v in expected_by_constellation(names).items() if v}
    record = CatalogImport.objects.get()
    assert (record.created, record.updated, record.unchanged, record.rejected) == (len(names), 0, 0, 0)
    assert record.status == "done" and record.format == "tle3" and record.data_as_of.isoformat() == "2026-08-22"
    assert record.finished_at >= record.started_at and record.started_at.tzinfo is not None
    assert f"{len(names)} created, 0 updated" in output
    assert "rows read" in output  # progress on stderr
    kuiper = SpaceObject.objects.filter(constellation__key="kuiper").first()
    assert kuiper.epoch.tzinfo is not None and kuiper.membership_basis == "name"
    assert kuiper.launch_date_estimated and kuiper.launch_date is not None  # from the designator only


def test_reimport_changes_nothing(constellations):
    run(TLE_SLICE, SATCAT_JSON)
    before = {o.pk: (o.updated_at, o.name, o.orbit_state) for o in SpaceObject.objects.all()}
    snapshots = ElementSetSnapshot.objects.count()
    output = run(TLE_SLICE, SATCAT_JSON)
    assert output.count("0 created, 0 updated") == 2
    assert {o.pk: (o.updated_at, o.name, o.orbit_state) for o in SpaceObject.objects.all()} == before
    assert ElementSetSnapshot.objects.count() == snapshots
    # Either order of the two sources ends in the same state.
    run(SATCAT_JSON)
    run(TLE_SLICE)
    assert {o.pk: (o.updated_at, o.name, o.orbit_state) for o in SpaceObject.objects.all()} == before


def test_satcat_then_tle_merges_by_norad_id(constellations):
    run(SATCAT_JSON)
    rows = json.loads(SATCAT_JSON.read_text())
    assert SpaceObject.objects.count() == len(rows)
    placeholder = next(r for r in rows if r["INTLDES"].startswith("2025-030") and r["SATNAME"].startswith("OBJECT"))
    obj = SpaceObject.objects.get(pk=int(placeholder["NORAD_CAT_ID"]))
    assert obj.constellation.key == "guowang" and obj.membership_basis == "cospar"  # named OBJECT x, 2025-030
    assert obj.epoch is None and obj.launch_date.isoformat() == placeholder["LAUNCH"][:10]
    run(TLE_SLICE)
    obj.refresh_from_db()
    if obj.epoch is not None:  # in the TLE slice too: the newer source names it, SATCAT dates stay
        assert obj.name.startswith("HULIANWANG DIGUI") and obj.launch_date.isoformat() == placeholder["LAUNCH"][:10]
        assert not obj.launch_date_estimated
    rocket = next(r for r in rows if r["OBJECT_TYPE"] == "ROCKET BODY" and (r["INTLDES"] or "")[:8] == "2025-030")
    assert SpaceObject.objects.get(pk=int(rocket["NORAD_CAT_ID"])).constellation is None
    decayed = next(r for r in rows if r["DECAY"] and (r["SATNAME"] or "").startswith("STARLINK"))
    assert SpaceObject.objects.get(pk=int(decayed["NORAD_CAT_ID"])).orbit_state == "decayed"


@pytest.mark.parametrize("name", ["satcat_celestrak_slice.csv", "omm_celestrak_slice.json", "omm_spacetrack_slice.json",
                                  "omm_celestrak_slice.csv"])
def test_every_detected_format_imports(constellations, name, tmp_path):
    run(FIXTURES / name)
    record = CatalogImport.objects.get()
    assert record.rejected == 0 and record.created == SpaceObject.objects.count() > 0
    # gzip of the same bytes: same content checksum, nothing changes.
    packed = tmp_path / (name + ".gz")
    packed.write_bytes(gzip.compress((FIXTURES / name).read_bytes()))
    assert "0 created, 0 updated" in run(packed)
    assert CatalogImport.objects.values("content_sha256").distinct().count() == 1


def test_format_override(constellations):
    run("--format", "tle3", TLE_SLICE)
    assert CatalogImport.objects.get().format == "tle3"
