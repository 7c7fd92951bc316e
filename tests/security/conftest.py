"""A cast (anonymous, reader, editor, staff, superuser) and one record of every model the admin shows.

The browser fixtures come from tests/conftest.py (Chromium found, never downloaded; skip locally, fail in CI).
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.utils import timezone


PASSWORD = "a long test password 7"
ROLES = ("anonymous", "reader", "editor", "staff")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Login-failure counts and API throttles live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def cast(db, fast_passwords):
    """reader: signed in, in no group; editor: in "editors"; staff: is_staff (no model permissions);
    superuser: the admin's full user."""
    editors, _ = Group.objects.get_or_create(name="editors")
    reader = User.objects.create_user("reader", "reader@example.org", PASSWORD)
    editor = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    editor.groups.add(editors)
    staff = User.objects.create_user("staff", "staff@example.org", PASSWORD, is_staff=True)
    superuser = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    return {"anonymous": None, "reader": reader, "editor": editor, "staff": staff, "superuser": superuser}


def build_world(cast) -> dict:
    """The small dashboard registry plus one row of every admin model; the reader owns a subscription,
    a token and a delivery."""
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from accounts.models import Token
    from alerts.emails import confirmation_token, unsubscribe_token
    from alerts.models import Alert, Delivery, Subscription
    from changelog.models import ChangeRecord
    from compliance.models import FilingScore, Milestone
    from constellations.models import CatalogImport, FilingAssignment, MembershipRule, SpaceObject, SyncRecord
    from django.contrib.contenttypes.models import ContentType
    from filings.models import Filing, FilingNotice, FrequencyBand, ItuListEntry
    from tests.web.dataset import build_small

    registry = build_small()
    kuiper = registry["kuiper"]
    now = timezone.now()
    interval = IntervalSchedule.objects.create(every=10, period="minutes")
    ClockedSchedule.objects.create(clocked_time=now)
    CrontabSchedule.objects.get_or_create(minute="5", hour="2")
    SolarSchedule.objects.create(event="sunrise", latitude=46.2, longitude=6.1)
    PeriodicTask.objects.get_or_create(name="security-test", defaults={"task": "alerts.tasks.sweep",
                                                                         "interval": interval})
    if not MembershipRule.objects.exists():
        MembershipRule.objects.create(constellation=kuiper.constellation, kind="name_prefix", pattern="KUIPER")
    SpaceObject.objects.create(norad_id=58000, name="KUIPER-P1", constellation=kuiper.constellation)
    CatalogImport.objects.create(file_name="kuiper.tle", format="tle", sha256="a" * 64, content_sha256="a" * 64,
                                 started_at=now, finished_at=now, status="done")
    SyncRecord.objects.create(source="gcat", url="https://planet4589.org/space/gcat/data/cat/satcat.tsv",
                              started_at=now, finished_at=now, outcome="not_modified")
    FilingScore.objects.create(filing=kuiper, computed_at=now, as_of=now.date(), window_start=now, window_end=now,
                               step_minutes=60, unscored_reason="test")
    subscription = Subscription.objects.create(user=cast["reader"], name="Reader's", all_filings=True)
    delivery = Delivery.objects.create(key="sec-1", subscription=subscription, kind="immediate", subject="Due")
    milestone = Milestone.objects.filter(filing=kuiper).first()
    Alert.objects.create(key="sec-1", subscription=subscription, filing=kuiper, milestone=milestone,
                         trigger="lead_time", lead_days=30, as_of=now.date(), payload={}, delivery=delivery)
    FilingNotice.objects.create(filing=kuiper, kind="bond_posting", submitted_on=dt.date(2020, 8, 28),
                                provision="25.165(a)", as_of=dt.date(2020, 8, 28))
    FrequencyBand.objects.create(filing=kuiper, low_ghz=Decimal("17.8"), high_ghz=Decimal("18.6"), service="fss",
                                 direction="space_to_earth", label="Ka")
    FilingAssignment.objects.create(filing=kuiper, kind="launch", pattern="2025-082")
    ItuListEntry.objects.create(filing=registry["ctc"], list_name="suspension", listed_name="CTC-1", adm="CHN",
                                list_date=dt.date(2023, 9, 7), status="S", notice_id=1, suspension_type="T",
                                suspended_on=dt.date(2023, 4, 3), resumption_due=dt.date(2026, 4, 3))
    token, secret = Token.issue(cast["reader"], "reader's script")
    if not ChangeRecord.objects.exists():
        ChangeRecord.objects.create(via="admin", request_id="00000000-0000-0000-0000-000000000001",
                                    action="update", object_type=ContentType.objects.get_for_model(Filing),
                                    object_id=kuiper.pk, object_repr=str(kuiper), diff={"notes": ["", "x"]})
    # To an address other than the reader's: it waits for its owner's confirmation by the signed link.
    elsewhere = Subscription.objects.create(user=cast["reader"], name="To a colleague", all_filings=True,
                                            email="colleague@example.org")
    return {**registry, "subscription": subscription, "token": token, "token_secret": secret,
            "unsubscribe_token": unsubscribe_token(subscription), "as_of": dt.date.today(),
            "confirm_token": confirmation_token(elsewhere)}


@pytest.fixture
def world(cast):
    return build_world(cast)
