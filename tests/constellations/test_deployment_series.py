"""Orbit state, shell attribution and the deployment series built on them."""

import datetime as dt
import io

import pandas as pd
import pytest
from django.core.management import call_command

from constellations.deployment import (
    catalog_series_for_filing,
    constellation_series,
    deployment_for,
    filing_series,
    shell_series,
)
from constellations.importer import recompute_catalog
from constellations.models import ElementSetSnapshot, MembershipRule, SpaceObject

from tests.factories import DeploymentReportFactory, FilingFactory, FilingShellFactory

from .catalog_helpers import SATCAT_JSON, TLE_SLICE

pytestmark = pytest.mark.django_db


def run(*paths):
    call_command("import_catalog", *map(str, paths), stdout=io.StringIO(), stderr=io.StringIO())


def kuiper_expectations():
    """Kuiper objects of the TLE slice, judged in the test from mean motion: on the 630 km / 51.9° shell ±25 km."""
    objs = SpaceObject.objects.filter(constellation__key="kuiper")
    return [o for o in objs if abs(o.inclination_deg - 51.9) <= 0.5 and 605 <= o.mean_altitude_km <= 655]


def test_on_station_attribution(kuiper_filing):
    run(TLE_SLICE)
    shell_630 = kuiper_filing.shells.get(altitude_km=630)
    on = kuiper_expectations()
    assert len(on) > 100
    stored = SpaceObject.objects.filter(constellation__key="kuiper", orbit_state="on_station")
    assert set(stored.values_list("pk", flat=True)) == {o.pk for o in on}
    assert set(stored.values_list("shell", flat=True)) == {shell_630.pk}
    states = set(SpaceObject.objects.filter(constellation__key="kuiper").values_list("orbit_state", flat=True))
    assert states <= {"on_station", "raising", "lowering", "decaying", "unmatched", "unknown"}
    assert "raising" in states  # the 2026 launches still climbing


def test_tolerance_is_a_setting(kuiper_filing, settings):
    run(TLE_SLICE)
    wide = SpaceObject.objects.filter(orbit_state="on_station").count()
    settings.SLOTWATCH_CATALOG_ALTITUDE_TOLERANCE_KM = 0.2
    recompute_catalog()
    assert 0 < SpaceObject.objects.filter(orbit_state="on_station").count() < wide


def test_overlapping_shells_count_once_toward_the_closest(kuiper_filing, usa):
    run(TLE_SLICE)
    other = FilingFactory(key="kuiper-x", name="Kuiper X", regulator="fcc", kind="fcc_application",
                          administration=usa, constellation=kuiper_filing.constellation, status="filed")
    FilingShellFactory(filing=other, altitude_km=650, inclination_deg=51.9)  # overlaps 630 ± 25 km
    a, b = catalog_series_for_filing(kuiper_filing), catalog_series_for_filing(other)
    total = SpaceObject.objects.filter(orbit_state="on_station").count()
    day = dt.date(2026, 8, 22)
    assert a.count_at(day, "on_station") + (b.count_at(day, "on_station") if b else 0) == total


def test_catalog_series_for_filing(kuiper_filing):
    assert catalog_series_for_filing(kuiper_filing) is None  # no catalog data yet
    run(TLE_SLICE)
    series = catalog_series_for_filing(kuiper_filing)
    assert series.source == "catalog"
    snapshot = dt.date(2026, 8, 22)
    on_station = len(kuiper_expectations())
    assert series.count_at(snapshot, "on_station") == on_station
    in_orbit = series.count_at(snapshot, "in_orbit")
    assert in_orbit >= on_station
    assert series.count_at(dt.date(2024, 1, 1)) is None  # before the first (estimated) launch
    counts = [p.in_orbit for p in series.points]
    assert counts == sorted(counts)  # no decays known for the TLE-only objects
    assert deployment_for(kuiper_filing).source == "catalog"
    frame = filing_series(kuiper_filing, "2025-01-01", "2026-12-31", "month")
    assert list(frame.columns) == ["date", "in_orbit", "on_station"]
    assert frame["on_station"].iloc[-1] == on_station and pd.isna(frame["on_station"].iloc[0])


def test_sole_live_filing_gets_the_constellation_counts(constellations, usa):
    qianfan = FilingFactory(key="qianfan-1", name="Qianfan", regulator="itu", kind="itu_api",
                            administration=usa, constellation=constellations["qianfan"], status="filed")
    FilingShellFactory(filing=qianfan, altitude_km=1160, inclination_deg=89)  # nobody flies there
    run(TLE_SLICE)
    series = catalog_series_for_filing(qianfan)
    assert series.source == "catalog"
    members = SpaceObject.objects.filter(constellation__key="qianfan").count()
    assert series.count_at(dt.date(2026, 8, 22)) == members
    assert series.count_at(dt.date(2026, 8, 22), "on_station") is None  # not measured: the rules use in orbit
    # A second live filing: the constellation count is no longer this filing's.
    FilingFactory(key="qianfan-2", name="Qianfan 2", regulator="itu", kind="itu_api",
                  administration=usa, constellation=constellations["qianfan"], status="filed")
    assert catalog_series_for_filing(qianfan) is None


def test_satcat_history_gives_decays_and_a_second_snapshot(constellations, usa):
    starlink = FilingFactory(key="starlink-x", name="Starlink", regulator="fcc", kind="fcc_authorisation",
                             administration=usa, constellation=constellations["starlink"], status="granted")
    run(SATCAT_JSON, TLE_SLICE)
    assert set(ElementSetSnapshot.objects.values_list("date", flat=True)) == {dt.date(2025, 3, 8),
                                                                                dt.date(2026, 8, 22)}
    series = catalog_series_for_filing(starlink)  # no shells, sole live filing: all members
    decayed = SpaceObject.objects.filter(constellation__key="starlink", decay_date__isnull=False)
    assert decayed.exists()
    last = decayed.order_by("-decay_date").first().decay_date
    launched = SpaceObject.objects.filter(constellation__key="starlink", launch_date__lte=last).count()
    gone = decayed.filter(decay_date__lte=last).count()
    assert series.count_at(last) == launched - gone


def test_constellation_series_catalog_first_reports_elsewhere(constellations):
    DeploymentReportFactory(constellation=constellations["kuiper"], as_of=dt.date(2026, 6, 8), launched=331)
    DeploymentReportFactory(constellation=constellations["oneweb"], as_of=dt.date(2024, 10, 20), in_orbit=654)
    run(TLE_SLICE)
    constellations["oneweb"].space_objects.all().delete()  # OneWeb: reports only
    frame = constellation_series("2024-01-01", "2026-11-25", "day")
    assert frame.index[-1] == pd.Timestamp("2026-11-25") and len(frame) == 1060
    kuiper = SpaceObject.objects.filter(constellation__key="kuiper").count()
    assert frame.loc["2026-11-25", "kuiper"] == kuiper  # the catalog, not the report's 331
    assert frame.loc["2026-11-25", "oneweb"] == 654 and pd.isna(frame.loc["2024-01-01", "oneweb"])
    monthly = constellation_series("2024-01-01", "2026-11-25")  # the dashboard's default "MS"
    assert monthly.index[0] == pd.Timestamp("2024-01-01") and monthly.index[-1] == pd.Timestamp("2026-11-25")
    assert monthly.loc["2026-11-25", "kuiper"] == kuiper


def test_shell_series(kuiper_filing):
    run(TLE_SLICE)
    shells = list(kuiper_filing.shells.all())
    frame = shell_series(shells, "2026-08-01", "2026-08-31", "week")
    shell_630 = kuiper_filing.shells.get(altitude_km=630).pk
    assert frame.loc["2026-08-31", shell_630] == len(kuiper_expectations())
    assert pd.isna(frame.loc["2026-08-02", shell_630])  # before the snapshot


def test_norad_override_and_rule_seeding(constellations):
    assert MembershipRule.objects.filter(constellation=constellations["guowang"], kind="cospar_launch").count() == 4
    run(TLE_SLICE)
    stray = SpaceObject.objects.filter(constellation__isnull=True).first()
    MembershipRule.objects.create(constellation=constellations["oneweb"], kind="norad", pattern=str(stray.pk))
    recompute_catalog()
    stray.refresh_from_db()
    assert stray.constellation.key == "oneweb" and stray.membership_basis == "override"
    with pytest.raises(Exception):
        MembershipRule.objects.create(constellation=constellations["kuiper"], kind="norad", pattern=str(stray.pk))
