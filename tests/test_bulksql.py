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
