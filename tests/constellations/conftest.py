import datetime as dt

import pytest

from tests.factories import AdministrationFactory, ConstellationFactory, FilingFactory, FilingShellFactory


TRACKED = {"starlink": "Starlink", "oneweb": "OneWeb", "kuiper": "Kuiper", "qianfan": "Qianfan", "guowang": "Guowang"}


@pytest.fixture
def constellations(db):
    """The five tracked constellations (their default membership rules are seeded by the post_save signal)."""
    return {key: ConstellationFactory(key=key, name=name) for key, name in TRACKED.items()}


@pytest.fixture
def usa(db):
    return AdministrationFactory(iso_code="USA")


@pytest.fixture
def kuiper_filing(constellations, usa):
    """Kuiper's FCC grant with its three shells (590 km/33°, 610 km/42°, 630 km/51.9°)."""
    filing = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        constellation=constellations["kuiper"], date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30),
        satellites_filed=3236, satellites_authorised=3236, status="granted",
    )
    for ordinal, (altitude, inclination, count) in enumerate(((590, 33, 784), (610, 42, 1296), (630, 51.9, 1156)), 1):
        FilingShellFactory(filing=filing, ordinal=ordinal, altitude_km=altitude, inclination_deg=inclination,
                           satellite_count=count)
    return filing
