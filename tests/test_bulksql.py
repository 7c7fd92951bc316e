"""The one bulk writer (slotwatch.bulksql) stores what the ORM would store, for any model."""

import datetime as dt

import pytest
from django.utils import timezone

from compliance.models import Milestone
from constellations.models import ElementSetSnapshot, SpaceObject
from filings.models import Administration, Filing
from slotwatch import bulksql

pytestmark = pytest.mark.django_db


@pytest.fixture
def filing():
    usa = Administration.objects.create(iso_code="USA", itu_symbol="USA", name="United States")
    return Filing.objects.create(key="k", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation",
                                 administration=usa, status="granted")


def test_insert_fills_defaults_and_adapts_dates_and_json(filing):
    now = timezone.now()
    bulksql.insert(Milestone, [
        {"filing_id": filing.pk, "code": "fcc_m50", "status": "upcoming", "due_date": dt.date(2026, 7, 30),
         "notes": ["one", "ü"], "evaluated_as_of": dt.date(2026, 1, 1), "evaluated_at": now},
    ])
    row = Milestone.objects.get()
    assert (row.code, row.due_date, row.notes, row.missing_facts, row.evaluated_at) == (
        "fcc_m50", dt.date(2026, 7, 30), ["one", "ü"], [], now)


def test_update_by_primary_key(filing):
    bulksql.insert(Milestone, [{"filing_id": filing.pk, "code": "fcc_m50", "status": "upcoming",
                                "evaluated_as_of": dt.date(2026, 1, 1), "evaluated_at": timezone.now()}])
    pk = Milestone.objects.get().pk
    bulksql.update(Milestone, ["status", "notes", "due_date"], [("missed", ["late"], dt.date(2026, 7, 30), pk)])
    row = Milestone.objects.get()
    assert (row.status, row.notes, row.due_date) == ("missed", ["late"], dt.date(2026, 7, 30))


def test_upsert_inserts_then_updates_on_conflict(db):
    SpaceObject.objects.create(norad_id=44713, name="STARLINK-1007")
    columns, conflict = ["space_object", "date", "altitude_km", "inclination_deg"], ["space_object", "date"]
    day = dt.date(2026, 8, 22)
    bulksql.upsert(ElementSetSnapshot, columns, [(44713, day, 550.0, 53.0)], conflict, ["altitude_km"])
    bulksql.upsert(ElementSetSnapshot, columns, [(44713, day, 551.5, 99.0)], conflict, ["altitude_km"])
    row = ElementSetSnapshot.objects.get()
    assert (row.date, row.altitude_km, row.inclination_deg) == (day, 551.5, 53.0)


def test_update_without_json_sets_keys_nulls_dates_and_moments():
    """The plain-column UPDATE (one unnest statement per batch on PostgreSQL) keeps nulls, foreign keys,
    dates and instants as the ORM would store them, row by row, leaving other rows alone."""
    from tests.factories import ConstellationFactory, SpaceObjectFactory

    kuiper = ConstellationFactory(key="kuiper-test")
    first, second, other = (SpaceObjectFactory(norad_id=n, name=f"OBJ {n}", launch_date=dt.date(2024, 1, 1))
                            for n in (63724, 63726, 63727))
    plus_two = dt.timezone(dt.timedelta(hours=2))
    moment = dt.datetime(2026, 8, 22, 14, 30, 5, 123456, tzinfo=plus_two)
    columns = ["constellation_id", "orbit_state", "launch_date", "launch_date_estimated", "updated_at"]
    bulksql.update(SpaceObject, columns, [
        (kuiper.pk, "on_station", dt.date(2025, 4, 28), True, moment, first.pk),
        (None, "decayed", None, False, moment, second.pk),
    ])
    got = {o.pk: o for o in SpaceObject.objects.all()}
    assert (got[first.pk].constellation_id, got[first.pk].orbit_state, got[first.pk].launch_date,
            got[first.pk].launch_date_estimated) == (kuiper.pk, "on_station", dt.date(2025, 4, 28), True)
    assert got[first.pk].updated_at == moment and got[first.pk].updated_at.utcoffset() == dt.timedelta(0)
    assert (got[second.pk].constellation_id, got[second.pk].launch_date, got[second.pk].orbit_state) == (
        None, None, "decayed")
    assert got[other.pk].launch_date == dt.date(2024, 1, 1) and got[other.pk].updated_at != moment


def test_upsert_stores_an_offset_moment_as_the_same_instant():
    plus_five = dt.timezone(dt.timedelta(hours=5, minutes=30))
    epoch = dt.datetime(2026, 8, 22, 5, 0, 0, 250000, tzinfo=plus_five)
    utc_epoch = dt.datetime(2026, 8, 21, 12, 0, tzinfo=dt.timezone.utc)
    columns = ["norad_id", "name", "epoch", "source_as_of", "cospar_id", "object_type", "owner",
               "launch_date_estimated", "orbit_state", "membership_basis", "updated_at"]
    rest = ("", "", "", False, "unknown", "", utc_epoch)
    bulksql.upsert(SpaceObject, columns, [(100001, "A", epoch, None, *rest), (100002, "B", utc_epoch, utc_epoch, *rest)],
                   ["norad_id"], ["name", "epoch", "source_as_of"])
    stored = dict(SpaceObject.objects.values_list("norad_id", "epoch"))
    assert stored == {100001: epoch, 100002: utc_epoch}
    assert SpaceObject.objects.filter(epoch__lt=dt.datetime(2026, 8, 21, 23, 30, 1, tzinfo=dt.timezone.utc),
                                      epoch__gt=dt.datetime(2026, 8, 21, 23, 29, 59, tzinfo=dt.timezone.utc)
                                      ).get().norad_id == 100001
    bulksql.upsert(SpaceObject, columns, [(100001, "A2", utc_epoch, utc_epoch, *rest)], ["norad_id"], ["name", "epoch"])
    row = SpaceObject.objects.get(norad_id=100001)
    assert (row.name, row.epoch, row.source_as_of) == ("A2", utc_epoch, None)
