"""A deployed count in an alert e-mail carries its data date: when the catalog saw it, that it is inferred, and
that it is carried forward when the alert is raised past the catalog's newest data."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from alerts.delivery import deliver
from alerts.models import Delivery
from alerts.queueing import assemble_immediate, queue_alerts
from constellations.models import CatalogImport
from tests.alerts.conftest import M100_DUE, make_milestone, subscribe

pytestmark = pytest.mark.django_db
AS_OF = M100_DUE - dt.timedelta(days=90)


def imported(fmt, data_as_of):
    CatalogImport.objects.create(file_name=f"{fmt}.gz", format=fmt, sha256="0" * 64, content_sha256=fmt[0] * 64,
                                 data_as_of=data_as_of, started_at=timezone.now(), status=CatalogImport.Status.DONE)


def send(alice, kuiper, deployment_source):
    make_milestone(kuiper, deployment_source=deployment_source)
    subscribe(alice, filings=[kuiper])
    with time_machine.travel(dt.datetime(2029, 5, 1, 6, 0, tzinfo=dt.UTC), tick=False):
        queue_alerts(AS_OF)
        assemble_immediate()
        assert deliver(Delivery.objects.get().pk).status == "sent"
    return mail.outbox[-1]


def test_a_catalog_count_says_its_data_date_and_that_it_is_carried_forward(alice, kuiper):
    imported("spacetrack-satcat-json", dt.date(2025, 3, 16))
    imported("tle", dt.date(2026, 8, 22))
    message = send(alice, kuiper, "catalog: 331 in_orbit on 2026-08-22")
    note = "in orbit on 22 Aug 2026 (decays known to 16 Mar 2025), carried forward to 1 May 2029"
    assert f"331 of 3,236 required, 2,905 short\n                satellites {note}; inferred from the catalog" \
        in message.body
    assert f"satellites {note}; inferred from the catalog" in message.alternatives[0][0]


def test_a_published_count_carries_no_catalog_date(alice, kuiper):
    imported("tle", dt.date(2026, 8, 22))
    message = send(alice, kuiper, "reported: 331 in_orbit on 2026-06-08")
    assert "331 of 3,236 required" in message.body and "inferred" not in message.body
    assert "carried forward" not in message.body
