"""A fixed cast, in the manner of healthchecks' BaseTestCase: Alice subscribes, Bob too, Charlie is an outsider.

Filings come from the curated shape of Kuiper Gen1 (FCC): its 100 % milestone falls due on 30 July 2029.
"""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from alerts.models import Subscription
from compliance.models import Milestone
from filings.models import Waiver
from tests.factories import (
    AdministrationFactory, ConstellationFactory, DeploymentReportFactory, FilingFactory, OperatorFactory,
)

M100_DUE = dt.date(2029, 7, 30)


@pytest.fixture(autouse=True)
def _mail_and_celery(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://slotwatch.example.org"
    settings.DEFAULT_FROM_EMAIL = "Slotwatch <alerts@slotwatch.example.org>"
    from slotwatch.celery import app

    # Task calls run in this process: nothing reaches the local file-system broker in var/.
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def alice(db):
    return User.objects.create_user("alice", "alice@example.org", "password-alice")


@pytest.fixture
def bob(db):
    return User.objects.create_user("bob", "bob@example.org", "password-bob")


@pytest.fixture
def charlie(db):
    return User.objects.create_user("charlie", "charlie@example.org", "password-charlie")


@pytest.fixture
def usa(db):
    return AdministrationFactory(iso_code="USA")


@pytest.fixture
def china(db):
    return AdministrationFactory(iso_code="CHN")


@pytest.fixture
def kuiper(usa):
    operator = OperatorFactory(key="kuiper", name="Kuiper Systems LLC", short_name="Amazon", administration=usa)
    constellation = ConstellationFactory(key="kuiper", name="Kuiper", administration=usa, operator=operator)
    filing = FilingFactory(
        key="kuiper-gen1", name="Kuiper Gen1", regulator="fcc", kind="fcc_authorisation", administration=usa,
        operator=operator, constellation=constellation, reference="SAT-LOA-20190704-00057",
        date_of_receipt=dt.date(2019, 7, 4), grant_date=dt.date(2020, 7, 30),
        satellites_filed=3236, satellites_authorised=3236, status="granted",
    )
    Waiver.objects.create(filing=filing, milestone="fcc_m50", kind="waiver", granted_on=dt.date(2026, 6, 5))
    DeploymentReportFactory(constellation=constellation, as_of=dt.date(2025, 12, 1), launched=180)
    DeploymentReportFactory(constellation=constellation, as_of=dt.date(2026, 6, 8), launched=331)
    return filing


def make_filing(administration, key, **fields):
    values = dict(name=key.upper(), regulator="itu", kind="itu_cr", satellites_filed=1000, status="filed")
    values.update(fields)
    return FilingFactory(key=key, administration=administration, **values)


def make_milestone(filing, code="fcc_m100", **fields):
    values = dict(
        regime="fcc", title="FCC 100 % milestone", provision="47 CFR 25.164(b)(2)", source="47 CFR 25.164",
        confidence="confirmed", status="upcoming", due_date=M100_DUE, required=3236, deployed=331,
        shortfall=2905, evaluated_as_of=dt.date(2026, 11, 25),
    )
    values.update(fields)
    return Milestone.objects.create(filing=filing, code=code, **values)


def subscribe(user, *, filings=(), administrations=(), operators=(), constellations=(), **fields):
    subscription = Subscription.objects.create(user=user, **fields)
    subscription.filings.set(filings)
    subscription.administrations.set(administrations)
    subscription.operators.set(operators)
    subscription.constellations.set(constellations)
    return subscription
