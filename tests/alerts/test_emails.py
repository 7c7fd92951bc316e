"""The e-mail a subscriber gets: actionable subject and body, one-click unsubscribe, a stable Message-ID."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from alerts.delivery import deliver
from alerts.emails import message_id_for
from alerts.models import Delivery
from alerts.queueing import assemble_immediate, queue_alerts
from tests.alerts.conftest import M100_DUE, make_milestone, subscribe

pytestmark = pytest.mark.django_db
AS_OF = M100_DUE - dt.timedelta(days=90)


@pytest.fixture
def sent(alice, kuiper):
    make_milestone(
        kuiper, projected_date=dt.date(2031, 2, 1), projection_rate_per_month=85.2, rate_needed_per_month=968.3,
        consequence="The authorisation is reduced to the number of satellites in use on the milestone date.",
    )
    subscription = subscribe(alice, filings=[kuiper], time_zone="Europe/Zurich", name="Kuiper deadlines")
    with time_machine.travel(dt.datetime(2029, 5, 1, 6, 0, tzinfo=dt.UTC), tick=False):
        queue_alerts(AS_OF)
        assemble_immediate()
        delivery = Delivery.objects.get()
        assert deliver(delivery.pk).status == "sent"
    assert len(mail.outbox) == 1
    return mail.outbox[0], Delivery.objects.get(), subscription


def test_it_names_the_filing_and_the_deadline_in_the_subject(sent):
    message, _, _ = sent
    assert message.subject == "[Slotwatch] Kuiper Gen1: FCC 100 % milestone due 1 May 2029 (in 90 days)".replace(
        "1 May 2029", M100_DUE.strftime("%-d %b %Y")
    )
    assert message.to == ["alice@example.org"]
    assert message.from_email == "Slotwatch <alerts@slotwatch.example.org>"


def test_it_says_what_is_due_deployed_against_required_and_the_projection(sent, kuiper):
    message, _, _ = sent
    text = message.body
    assert "Monday 30 July 2029 (in 90 days)" in text
    assert "3,236 satellites" in text
    assert "331 of 3,236 required, 2,905 short" in text
    assert "at 85.2 a month the requirement is reached on 1 February 2031 (too late: at risk)" in text
    assert "968.3 satellites a month" in text
    assert "reduced to the number of satellites in use" in text
    assert f"https://slotwatch.example.org/filings/{kuiper.pk}/" in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://slotwatch.example.org/filings/{kuiper.pk}/"' in html
    assert "331 of 3,236 required" in html


def test_it_shows_times_in_the_subscribers_time_zone(sent):
    message, _, _ = sent
    assert "queued 1 May 2029, 08:00 CEST (Europe/Zurich)" in message.body


def test_it_sets_one_click_unsubscribe_headers(sent):
    message, delivery, subscription = sent
    url = message.extra_headers["List-Unsubscribe"]
    assert url.startswith("<https://slotwatch.example.org/alerts/unsubscribe/") and url.endswith("/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["Auto-Submitted"] == "auto-generated"
    assert url[1:-1] in message.body


def test_the_message_id_is_derived_from_the_delivery_key(sent):
    message, delivery, _ = sent
    assert message.extra_headers["Message-ID"] == message_id_for(delivery.key) == delivery.message_id
    assert message.message()["Message-ID"] == delivery.message_id
    assert delivery.message_id.endswith("@slotwatch.example.org>")
    assert message_id_for(delivery.key) == message_id_for(delivery.key)
    assert message_id_for(delivery.key + "x") != delivery.message_id


def test_it_records_the_delivery_and_its_attempt(sent):
    _, delivery, _ = sent
    assert (delivery.status, delivery.attempts, delivery.to_address) == ("sent", 1, "alice@example.org")
    assert delivery.sent_at is not None and delivery.subject.startswith("[Slotwatch] Kuiper Gen1")
    assert list(delivery.attempt_log.values_list("outcome", flat=True)) == ["sent"]


def test_it_does_not_leak_internal_keys(sent):
    message, delivery, _ = sent
    alert = delivery.alerts.get()
    assert alert.key not in message.body and delivery.key not in message.body
    assert "claim" not in message.body.lower()


def test_event_alerts_read_well(alice, kuiper):
    from alerts.models import FilingState

    subscription = subscribe(alice, filings=[kuiper])
    FilingState.objects.create(filing=kuiper, status="granted", satellites=3236, observed_on=AS_OF)
    kuiper.satellites_authorised = 1618
    kuiper.status = "cancelled"
    kuiper.save()
    queue_alerts(AS_OF)
    assemble_immediate()
    for delivery in Delivery.objects.filter(subscription=subscription):
        deliver(delivery.pk)
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == ["[Slotwatch] Kuiper Gen1 is now cancelled",
                        "[Slotwatch] Kuiper Gen1 reduced from 3,236 to 1,618 satellites"]
