"""A fixed cast (anonymous, reader, editor, staff) and a small named registry, NetBox-style."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import Token
from compliance.models import FilingScore, Milestone
from constellations.models import CatalogImport, SyncRecord
from filings.models import FilingNotice, Source
from tests.factories import (
    AdministrationFactory, ConstellationFactory, FilingFactory, FilingShellFactory, OperatorFactory,
    SpaceObjectFactory,
)


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_throttles():
    """Throttle counts live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


def client_for(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        _, secret = Token.issue(user, "tests")
        client.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
    return client


@pytest.fixture
def users(db):
    editors, _ = Group.objects.get_or_create(name="editors")
    reader = User.objects.create_user("reader", password="a long test password")
    editor = User.objects.create_user("editor", password="a long test password")
    editor.groups.add(editors)
    staff = User.objects.create_user("staff", password="a long test password", is_staff=True)
    return {"anonymous": None, "reader": reader, "editor": editor, "staff": staff}


@pytest.fixture
def clients(users):
    return {role: client_for(user) for role, user in users.items()}


@pytest.fixture
def anon():
    return APIClient()


@pytest.fixture
def editor_client(users):
    return client_for(users["editor"])


@pytest.fixture
def staff_client(users):
    return client_for(users["staff"])


@pytest.fixture
def registry(db):
    """Three administrations, operators, sources and filings; the FCC one has two shells."""
    sources = Source.objects.bulk_create([
        Source(key="fcc-20-102", url="https://docs.fcc.gov/public/attachments/FCC-20-102A1.pdf",
               title="Kuiper Order", publisher="FCC", accessed_on=dt.date(2025, 1, 10)),
        Source(key="itu-sns", url="https://www.itu.int/sns", title="Space Network Systems", publisher="ITU"),
        Source(key="press-1", url="https://example.org/press", title="Press release", publisher="Example"),
    ])
    usa = AdministrationFactory(iso_code="USA", confidence="confirmed")
    china = AdministrationFactory(iso_code="CHN")
    uk = AdministrationFactory(iso_code="GBR")
    kuiper_op = OperatorFactory(key="kuiper", name="Kuiper Systems LLC", short_name="Kuiper",
                                administration=usa)
    ctc = OperatorFactory(key="china-satnet", name="China Satellite Network Group", short_name="SatNet",
                          administration=china)
    oneweb = OperatorFactory(key="oneweb", name="Network Access Associates", short_name="OneWeb",
                             administration=uk)
    kuiper_c = ConstellationFactory(key="kuiper", name="Kuiper", operator=kuiper_op, administration=usa)
    kuiper = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        operator=kuiper_op, constellation=kuiper_c, reference="SAT-LOA-20190704-00057",
        date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30), satellites_filed=3236,
        satellites_authorised=3236, status="granted", confidence="confirmed",
    )
    kuiper.sources.set([sources[0]])
    shell = FilingShellFactory(filing=kuiper, ordinal=1, altitude_km=590, inclination_deg=33, planes=28,
                               satellites_per_plane=28, satellite_count=784)
    shell.sources.set([sources[0]])
    FilingShellFactory(filing=kuiper, ordinal=2, altitude_km=610, inclination_deg=42, planes=36,
                       satellites_per_plane=36, satellite_count=1296)
    gw = FilingFactory(
        key="ctc-1", name="CTC-1", regulator="itu", kind="itu_cr", administration=china, operator=ctc,
        reference="CHN2025-79441", date_of_receipt=dt.date(2025, 12, 29), satellites_filed=96714,
        res35_applies=True, confidence="reported",
    )
    gw.sources.set([sources[1]])
    ow = FilingFactory(
        key="oneweb-l", name="OneWeb L", regulator="itu", kind="itu_notification", administration=uk,
        operator=oneweb, date_of_receipt=dt.date(2016, 3, 1), satellites_filed=720, res35_applies=False,
        status="granted", confidence="estimated",
    )
    notice = FilingNotice.objects.create(
        filing=ow, kind="biu_notice", submitted_on=dt.date(2019, 6, 1), provision="No. 11.44C",
        as_of=dt.date(2019, 3, 1), satellites_declared=6, satellites_per_plane=[6], confidence="estimated",
    )
    notice.sources.set([sources[1]])
    derived = derived_records(kuiper, gw, ow, shell, kuiper_c)
    return {"usa": usa, "china": china, "uk": uk, "kuiper": kuiper, "ctc": gw, "oneweb": ow, "sources": sources,
            "shell": shell, "constellation": kuiper_c, "operator": kuiper_op, "notice": notice, **derived}


def milestone(filing, code, status, due_date, **extra):
    regime = "fcc" if code.startswith("fcc") else "itu"
    return Milestone.objects.create(
        filing=filing, code=code, regime=regime, title=f"{code} title", provision=f"{code} provision",
        source="test", confidence="confirmed", status=status, due_date=due_date,
        evaluated_as_of=timezone.localdate(), **extra,
    )


def derived_records(kuiper, ctc, oneweb, shell, constellation):
    """What the app computes or imports: milestones (one open per live filing), a score, a catalog object."""
    today = timezone.localdate()
    m50 = milestone(kuiper, "fcc_m50", "upcoming", today + dt.timedelta(days=100), required=1618, deployed=200,
                    shortfall=1418)
    milestone(kuiper, "fcc_bond", "met", dt.date(2020, 8, 29), amount_usd=1_000_000)
    milestone(ctc, "res35_m1", "upcoming", today + dt.timedelta(days=500), required=9671, deployed=0,
              shortfall=9671)
    milestone(oneweb, "itu_biu", "met", dt.date(2019, 3, 1), required=1, deployed=6, shortfall=0)
    now = timezone.now()
    score = FilingScore.objects.create(
        filing=kuiper, computed_at=now, as_of=today, window_start=now, window_end=now, step_minutes=60, total=0.61,
        deployment_feasibility=0.5, contention=0.9, compute_yield=0.7, satellites=3236,
        components=[{"name": "contention", "value": 0.9, "weight": 0.3, "weighted": 0.27, "explanation": "x"}],
    )
    FilingScore.objects.create(filing=oneweb, computed_at=now, as_of=today, window_start=now, window_end=now,
                               step_minutes=60, unscored_reason="no shell published")
    space_object = SpaceObjectFactory(
        norad_id=58000, name="KUIPER-P1", cospar_id="2023-154A", object_type="PAYLOAD", owner="US",
        launch_date=dt.date(2023, 10, 6), constellation=constellation, mean_altitude_km=590, inclination_deg=33,
        orbit_state="on_station", shell=shell, membership_basis="name",
    )
    catalog_import = CatalogImport.objects.create(
        file_name="kuiper.tle", format="tle", sha256="a" * 64, content_sha256="a" * 64, created=1,
        started_at=now, finished_at=now, status="done", rejections=[{"line": 3, "norad": None, "reason": "bad"}],
        rejected=1,
    )
    sync_record = SyncRecord.objects.create(
        source="celestrak-gp", url="https://celestrak.org/NORAD/elements/gp.php?GROUP=active&FORMAT=json",
        started_at=now, finished_at=now, bytes=1234, created=1, outcome="imported", etag='"abc"',
    )
    return {"milestone": m50, "score": score, "space_object": space_object, "catalog_import": catalog_import,
            "sync_record": sync_record}


def filing_payload(**overrides):
    payload = {
        "key": "new-filing", "name": "New filing", "regulator": "fcc", "kind": "fcc_application",
        "administration": "USA", "date_of_receipt": "2024-01-15", "satellites_filed": 100,
        "sources": ["fcc-20-102"],
        "shells": [
            {"altitude_km": 550, "inclination_deg": 53, "planes": 10, "satellites_per_plane": 10,
             "satellite_count": 100, "sources": ["press-1"]},
        ],
    }
    payload.update(overrides)
    return payload
