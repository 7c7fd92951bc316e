"""A later Space-Track SATCAT imported over the bundled one changes the counts to exactly what that file says,
on every date it covers: its decays and its new launches, counted here with plain json, not the app's code."""

import datetime as dt
import gzip
import io
import json

import pytest
from django.core.management import call_command

from constellations.deployment import attribution_on, constellation_attribution
from constellations.models import Constellation, SpaceObject

from .catalog_helpers import BUNDLED_SATCAT, BUNDLED_TLE, bundled_world

pytestmark = pytest.mark.django_db

LATER = dt.date(2026, 10, 15)  # the later file's date: its newest decay
NEW_LAUNCH = dt.date(2026, 10, 1)
DATES = ["2024-06-30", "2025-03-16", "2025-09-30", "2026-08-22", "2026-09-20", "2026-10-01", "2026-10-15"]


def tle_objects() -> list[tuple[int, str, str]]:
    """(NORAD id, name, international designator YYYY-NNNP) of every object of the bundled element sets."""
    lines = [line.rstrip() for line in gzip.open(BUNDLED_TLE, "rt") if line.strip()]
    found = []
    for i in range(len(lines) - 2):
        if lines[i + 1].startswith("1 ") and lines[i + 2].startswith("2 ") and not lines[i].startswith(("1 ", "2 ")):
            first = lines[i + 1]
            year = int(first[9:11])
            found.append((int(first[2:7]), lines[i].strip(), f"{1900 + year if year >= 57 else 2000 + year}-"
                          f"{first[11:14]}{first[14:17].strip()}"))
    return found


def later_satcat() -> list[dict]:
    """The bundled SATCAT (16 Mar 2025) brought to 15 Oct 2026: every Starlink only in the element sets added
    with a launch date from its designator, 40 Starlinks of 2025 and 6 of the newer ones decayed between
    Apr 2025 and Oct 2026, and three new launches of 1 Oct 2026 (no element set yet)."""
    rows = json.load(gzip.open(BUNDLED_SATCAT))
    template = next(r for r in rows if r["SATNAME"].startswith("STARLINK-"))
    known = {int(r["NORAD_CAT_ID"]) for r in rows}

    def row(norad, name, designator, launch, orbit=None):
        new = {**template, "NORAD_CAT_ID": str(norad), "OBJECT_NUMBER": str(norad), "SATNAME": name,
               "OBJECT_NAME": name, "INTLDES": designator, "OBJECT_ID": designator, "LAUNCH": launch, "DECAY": None,
               "LAUNCH_YEAR": designator[:4], "LAUNCH_NUM": str(int(designator[5:8])), "LAUNCH_PIECE": designator[8:]}
        # no orbit: the file brings launches and decays, not a new element set
        return {**new, "PERIOD": None, "INCLINATION": None, "APOGEE": None, "PERIGEE": None}

    added = []
    for norad, name, designator in tle_objects():
        if norad in known or not name.startswith("STARLINK-"):
            continue
        year, number = int(designator[:4]), int(designator[5:8])
        launch = min(dt.date(year, 1, 1) + dt.timedelta(days=number), dt.date(2026, 8, 1))
        added.append(row(norad, name, designator, launch.isoformat()))
    assert len(added) > 1000  # the 2025-2026 launches the bundled SATCAT predates
    in_orbit = [r for r in rows if r["SATNAME"].startswith("STARLINK-") and r["DECAY"] is None]
    for i, r in enumerate(in_orbit[:40]):
        r["DECAY"] = (dt.date(2025, 4, 1) + dt.timedelta(days=13 * i)).isoformat()
    for i, r in enumerate(added[:6]):
        r["DECAY"] = (dt.date(2026, 9, 10) + dt.timedelta(days=7 * i)).isoformat()  # the last on 15 Oct 2026
    assert max(r["DECAY"] for r in added[:6]) == LATER.isoformat()
    new = [row(99901 + i, f"STARLINK-{99901 + i}", f"2026-250{'ABC'[i]}", NEW_LAUNCH.isoformat()) for i in range(3)]
    return rows + added + new


@pytest.fixture(scope="module")
def later(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bundled world, its attribution (satellite -> filing id), then the later SATCAT imported over it."""
    path = tmp_path_factory.mktemp("later") / "satcat-2026-10-15.json"
    rows = later_satcat()
    path.write_text(json.dumps(rows))
    with bundled_world(django_db_blocker):
        with django_db_blocker.unblock():
            starlink = Constellation.objects.get(key="starlink")
            before = constellation_attribution(starlink.pk).table
            call_command("import_catalog", str(path), stdout=io.StringIO(), stderr=io.StringIO())
        bundled = {int(r["NORAD_CAT_ID"]): (r["LAUNCH"], r["DECAY"]) for r in json.load(gzip.open(BUNDLED_SATCAT))}
        changed = {int(r["NORAD_CAT_ID"]) for r in rows
                   if bundled.get(int(r["NORAD_CAT_ID"])) != (r["LAUNCH"], r["DECAY"])}
        yield {"rows": rows, "before": before, "changed": changed}


def plain_count(rows, day: str, norads=None) -> int:
    return sum(1 for r in rows if r["SATNAME"].startswith("STARLINK-") and r["LAUNCH"] <= day
               and (r["DECAY"] is None or r["DECAY"] > day) and (norads is None or int(r["NORAD_CAT_ID"]) in norads))


def test_the_catalog_holds_exactly_the_files_starlinks(later):
    starlink = Constellation.objects.get(key="starlink")
    in_file = {int(r["NORAD_CAT_ID"]) for r in later["rows"] if r["SATNAME"].startswith("STARLINK-")}
    assert set(SpaceObject.objects.filter(constellation=starlink).values_list("norad_id", flat=True)) == in_file


@pytest.mark.parametrize("day", DATES)
def test_in_orbit_and_every_filings_count_are_the_files(later, day):
    starlink = Constellation.objects.get(key="starlink")
    answer = attribution_on(starlink, dt.date.fromisoformat(day))
    rows = later["rows"]
    assert answer["in_orbit"] == plain_count(rows, day)
    table = constellation_attribution(starlink.pk).table
    keys = {f["filing_id"]: f["filing"] for f in answer["filings"]}
    for filing_id, key in keys.items():
        held = set(table.loc[table["filing_id"].eq(filing_id).fillna(False).to_numpy(bool), "norad_id"].astype(int))
        share = next(f["satellites"] for f in answer["filings"] if f["filing"] == key)
        assert share == plain_count(rows, day, held), key
    held_by_none = set(table.loc[table["filing_id"].isna().to_numpy(bool), "norad_id"].astype(int))
    assert answer["unattributed"] == plain_count(rows, day, held_by_none)
    assert answer["data_as_of"] == dt.date.fromisoformat(day) and answer["decays_known_to"] == LATER
    assert answer["carried_forward"] is False


def test_the_later_file_moves_no_satellite_to_another_filing(later):
    """Decays and launches change the counts; which filing a satellite counts for stays (rule (b): its first
    stable orbit). The three new launches have no element set yet: unattributed, with that reason."""
    starlink = Constellation.objects.get(key="starlink")
    after = constellation_attribution(starlink.pk).table.set_index("norad_id")
    before = later["before"].set_index("norad_id")
    held = before["filing_id"].dropna().astype(int)
    now = after.loc[held.index, "filing_id"]
    still = now.notna().to_numpy(bool)
    assert (now[still].astype(int) == held[still]).all()  # never to another filing
    # Only a satellite whose dates the file changed may lose its filing: decayed before the element set that
    # placed it, or launched later than the estimate from its designator (then still raising at that set).
    lost = set(held.index[~still])
    assert lost <= later["changed"] and len(lost) < 50
    new = after.loc[[99901, 99902, 99903]]
    assert new["filing_id"].isna().all() and set(new["reason"]) == {"no element set after launch"}
    launched = attribution_on(starlink, NEW_LAUNCH)["in_orbit"] - attribution_on(starlink, NEW_LAUNCH
                                                                                   - dt.timedelta(days=1))["in_orbit"]
    assert launched == 3 - sum(1 for r in later["rows"] if r["DECAY"] == NEW_LAUNCH.isoformat())
