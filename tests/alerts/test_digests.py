"""Daily and weekly digests: everything not yet delivered goes into one e-mail per subscription and period."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from alerts.delivery import deliver
from alerts.models import Alert, Delivery
from alerts.queueing import assemble_digests, assemble_immediate, digest_period, queue_alerts
from alerts.tasks import send_digests
from tests.alerts.conftest import M100_DUE, make_filing, make_milestone, subscribe

pytestmark = pytest.mark.django_db
AS_OF = M100_DUE - dt.timedelta(days=30)
MONDAY_7 = dt.datetime(2029, 7, 2, 7, 0, tzinfo=dt.UTC)


@pytest.fixture
def three_filings(usa, kuiper):
    others = [make_filing(usa, f"usasat-{i}", name=f"USASAT-{i}", regulator="fcc", kind="fcc_authorisation")
              for i in (1, 2)]
    for filing, due in zip([kuiper, *others], [M100_DUE, M100_DUE - dt.timedelta(days=2), M100_DUE - dt.timedelta(days=5)]):
        make_milestone(filing, due_date=due)
    return [kuiper, *others]


@pytest.mark.parametrize("mode", ["daily", "weekly"])
def test_a_digest_groups_the_alerts_into_one_message(alice, usa, three_filings, mode):
    subscription = subscribe(alice, administrations=[usa], delivery_mode=mode, codes=["fcc_m100"])
    queue_alerts(AS_OF)
    assert assemble_immediate() == 0, "digest subscribers get no immediate e-mails"
    assert Alert.objects.filter(subscription=subscription).count() == 3
    with time_machine.travel(MONDAY_7, tick=False):
        send_digests(mode)  # eager: assembles, then delivers in this process
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    label = "Daily digest" if mode == "daily" else "Weekly digest"
    assert message.subject == f"[Slotwatch] {label}: 3 alerts, next deadline 25 Jul 2029 (USASAT-2)"
    for name in ("Kuiper Gen1", "USASAT-1", "USASAT-2"):
        assert name in message.body
    assert message.body.index("USASAT-2") < message.body.index("USASAT-1") < message.body.index("Kuiper Gen1")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    delivery = Delivery.objects.get()
    assert delivery.key == f"digest:{subscription.pk}:{mode}:{digest_period(mode, MONDAY_7)}"
    assert delivery.status == "sent"


def test_digest_periods():
    assert digest_period("daily", MONDAY_7) == "2029-07-02"
    assert digest_period("weekly", MONDAY_7) == "2029-W27"
    assert digest_period("weekly", MONDAY_7 + dt.timedelta(days=6)) == "2029-W27"


def test_a_period_gets_one_digest_and_later_alerts_wait_for_the_next(alice, usa, three_filings):
    subscription = subscribe(alice, administrations=[usa], delivery_mode="daily", codes=["fcc_m100"])
    queue_alerts(AS_OF)
    with time_machine.travel(MONDAY_7, tick=False):
        assert assemble_digests("daily") == 1
        assert assemble_digests("daily") == 0
    usasat3 = make_filing(usa, "usasat-3", regulator="fcc", kind="fcc_authorisation")
    late = make_milestone(usasat3, due_date=AS_OF + dt.timedelta(days=7))
    queue_alerts(AS_OF)
    alert = Alert.objects.get(milestone=late)
    with time_machine.travel(MONDAY_7 + dt.timedelta(hours=2), tick=False):
        assert assemble_digests("daily") == 0
    alert.refresh_from_db()
    assert alert.delivery is None, "the day's digest may be on its way: the new alert waits"
    with time_machine.travel(MONDAY_7 + dt.timedelta(days=1), tick=False):
        assert assemble_digests("daily") == 1
    alert.refresh_from_db()
    assert alert.delivery.key == f"digest:{subscription.pk}:daily:2029-07-03"


def test_immediate_subscribers_get_one_message_per_alert(alice, usa, three_filings):
    subscribe(alice, administrations=[usa], codes=["fcc_m100"])
    queue_alerts(AS_OF)
    assert assemble_immediate() == 3
    assert assemble_immediate() == 0
    for d in Delivery.objects.all():
        deliver(d.pk)
    assert len(mail.outbox) == 3
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == 3
