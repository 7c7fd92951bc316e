"""The importer's fast paths give what the ORM and the standard library give.

The recompute reads the catalog in one plain query (``_read_objects``), the JSON reader decodes a whole
document with orjson and falls back to element-by-element decoding: each is checked here against the slow path
it replaces, on data where the two could differ (nulls, offsets, booleans, a corrupt tail, NaN).
"""

import datetime as dt
import json

import pytest

from constellations.catalog import CatalogFormat, parse_catalog
from constellations.importer import _read_objects
from constellations.models import SpaceObject
from tests.factories import ConstellationFactory, SpaceObjectFactory

COLUMNS = ["norad_id", "name", "cospar_id", "launch_date", "launch_date_estimated", "decay_date", "perigee_km",
           "source_as_of", "constellation_id", "orbit_state", "shell_id"]


@pytest.mark.django_db
def test_read_objects_matches_values_list():
    kuiper = ConstellationFactory(key="kuiper-read")
    SpaceObjectFactory(norad_id=63724, name="KUIPER-00008", cospar_id="2025-084A", constellation=kuiper,
                       launch_date=dt.date(2025, 4, 28), launch_date_estimated=True, perigee_km=630.5,
                       source_as_of=dt.datetime(2026, 8, 22, 23, 59, 59, 999999, tzinfo=dt.timezone.utc),
                       orbit_state="on_station")
    SpaceObjectFactory(norad_id=1, name="OLD", decay_date=dt.date(1960, 1, 5), orbit_state="decayed",
                       source_as_of=dt.datetime(2026, 8, 22, 3, 0, tzinfo=dt.timezone(dt.timedelta(hours=3))))
    SpaceObjectFactory(norad_id=100_000_123)  # nothing but defaults: nulls everywhere they may be

    frame = _read_objects(COLUMNS).sort_values("norad_id", ignore_index=True)
    expected = list(SpaceObject.objects.order_by("norad_id").values_list(*COLUMNS))

    def plain(value):
        return None if value != value else value  # NaN (a null integer in a float column) is None

    got = [tuple(plain(v.to_pydatetime() if hasattr(v, "to_pydatetime") else v) for v in row)
           for row in frame.itertuples(index=False)]
    assert got == [tuple(plain(v) for v in row) for row in expected]
    assert got[0][7] == dt.datetime(2026, 8, 22, 0, 0, tzinfo=dt.timezone.utc)  # 03:00 at +03:00


OMM = {"OBJECT_NAME": "KUIPER-00008", "OBJECT_ID": "2025-084A", "EPOCH": "2026-08-21T10:00:00.000000",
       "MEAN_MOTION": 14.8, "ECCENTRICITY": 0.0001, "INCLINATION": 51.9, "RA_OF_ASC_NODE": 10.0,
       "ARG_OF_PERICENTER": 90.0, "MEAN_ANOMALY": 270.0, "BSTAR": 0.0001}
LATE = dt.datetime(2026, 8, 24, tzinfo=dt.timezone.utc)


def _omm(n, **extra):
    return dict(OMM, NORAD_CAT_ID=n, **extra)


def test_json_document_and_its_corrupt_variant_agree_on_the_good_rows():
    good = json.dumps([_omm(63724), _omm(63726), _omm(63727)]).encode()
    whole = parse_catalog(good, fmt=CatalogFormat.OMM_JSON, not_after=LATE)
    cut = parse_catalog(good[:-40], fmt=CatalogFormat.OMM_JSON, not_after=LATE)  # the third element cut short
    assert [r.norad_id for r in whole.records] == [63724, 63726, 63727] and not whole.rejections
    assert cut.records == whole.records[:2]
    assert [(r.line, r.reason.startswith("invalid JSON from element 3")) for r in cut.rejections] == [(3, True)]


def test_nan_and_huge_integers_fall_back_and_are_rejected_with_their_position():
    text = json.dumps([_omm(63724), _omm(63726, MEAN_MOTION=float("nan")), _omm(63727, BSTAR=10**30)])
    result = parse_catalog(text.encode(), fmt=CatalogFormat.OMM_JSON, not_after=LATE)
    assert [r.norad_id for r in result.records] == [63724, 63727]
    assert result.records[1].bstar == 1e30
    assert [(r.line, r.norad_id) for r in result.rejections] == [(2, 63726)]
    assert "MEAN_MOTION" in result.rejections[0].reason


def test_lone_object_is_one_row():
    result = parse_catalog(json.dumps(_omm(63724)).encode(), fmt=CatalogFormat.OMM_JSON, not_after=LATE)
    assert [(r.norad_id, r.line) for r in result.records] == [(63724, 1)]
