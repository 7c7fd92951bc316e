"""The delivery state machine against a real SMTP server on loopback: claims, retries, failures, crashes."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.utils import timezone

from alerts import delivery as sending
from alerts.delivery import claim, deliver, due_for_dispatch, reconcile_expired, retry_delay
from alerts.models import Alert, Delivery
from tests.alerts.conftest import subscribe
from tests.alerts.smtp import SmtpServer, free_port

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with SmtpServer() as server:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield server


@pytest.fixture
def pending(alice, kuiper):
    subscription = subscribe(alice, filings=[kuiper])
    d = Delivery.objects.create(key="alert:test", subscription=subscription, kind="immediate")
    Alert.objects.create(
        key="test", subscription=subscription, filing=kuiper, code="fcc_m100", trigger="lead_time", lead_days=90,
        due_date=dt.date(2029, 7, 30), as_of=dt.date(2029, 5, 1), delivery=d,
        payload={"as_of": "2029-05-01", "filing_id": kuiper.pk, "filing": "Kuiper Gen1", "reference": "",
                 "administration": "United States", "operator": "Amazon", "code": "fcc_m100", "title": "FCC 100 %",
                 "provision": "47 CFR 25.164(b)(2)", "status": "upcoming", "due_date": "2029-07-30", "days_left": 90,
                 "required": 3236, "deployed": 331, "trigger": "lead_time"},
    )
    return d


def _later(seconds):
    return time_machine.travel(timezone.now() + dt.timedelta(seconds=seconds), tick=False)


def _outcomes(d):
    return list(d.attempt_log.order_by("pk").values_list("outcome", flat=True))


def test_only_one_claim_wins(pending):
    assert claim(pending.pk) is not None
    assert claim(pending.pk) is None


def test_it_sends_through_smtp(smtp, pending):
    assert deliver(pending.pk).status == "sent"
    assert smtp.handler.message_ids() == [pending.__class__.objects.get().message_id]
    assert deliver(pending.pk).status == "not_claimed"
    assert len(smtp.handler.messages) == 1


def test_a_temporary_smtp_error_is_retried_with_backoff(smtp, pending, settings):
    settings.SLOTWATCH_ALERT_RETRY_BASE_SECONDS = 60
    smtp.handler.reset(replies=["451 4.3.0 Try again later"])
    outcome = deliver(pending.pk)
    assert outcome.status == "pending" and "451" in outcome.error
    pending.refresh_from_db()
    assert 59 <= (pending.next_attempt_at - timezone.now()).total_seconds() <= 60
    assert deliver(pending.pk).status == "not_claimed", "not before the backoff is over"
    with _later(61):
        assert deliver(pending.pk).status == "sent"
    assert len(smtp.handler.messages) == 1
    assert _outcomes(pending) == ["temporary_error", "sent"]
    assert pending.attempt_log.first().smtp_code == 451


def test_backoff_doubles_and_is_capped(settings):
    settings.SLOTWATCH_ALERT_RETRY_BASE_SECONDS = 60
    settings.SLOTWATCH_ALERT_RETRY_MAX_SECONDS = 600
    assert [retry_delay(n) for n in range(1, 7)] == [60, 120, 240, 480, 600, 600]


def test_a_refused_connection_is_temporary(settings, pending):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    outcome = deliver(pending.pk)
    assert outcome.status == "pending" and "ConnectionRefusedError" in outcome.error


def test_a_permanent_error_fails_and_is_shown(smtp, pending):
    smtp.handler.reset(replies=["550 5.1.1 Mailbox unavailable"])
    assert deliver(pending.pk).status == "failed"
    pending.refresh_from_db()
    assert pending.status == "failed" and "550 5.1.1 Mailbox unavailable" in pending.last_error
    assert _outcomes(pending) == ["permanent_error"]
    with _later(3600):
        assert deliver(pending.pk).status == "not_claimed"
    assert smtp.handler.messages == []


def test_it_gives_up_after_the_last_attempt(smtp, pending, settings):
    settings.SLOTWATCH_ALERT_MAX_ATTEMPTS = 2
    smtp.handler.reset(replies=["451 busy", "452 still busy"])
    assert deliver(pending.pk).status == "pending"
    with _later(3600):
        assert deliver(pending.pk).status == "failed"
    pending.refresh_from_db()
    assert pending.last_error == "gave up after 2 attempts: DATA: 452 still busy"


def test_a_sender_that_died_before_data_is_replaced_and_the_alert_sent_once(smtp, pending, settings):
    settings.SLOTWATCH_ALERT_CLAIM_SECONDS = 30
    dead = claim(pending.pk)  # a worker claimed it, then was killed while connecting
    pending.attempt_log.create(claim_token=dead)
    assert deliver(pending.pk).status == "not_claimed", "the claim is still live"
    with _later(31):
        assert deliver(pending.pk).status == "sent"
    assert len(smtp.handler.messages) == 1
    assert _outcomes(pending) == ["interrupted", "sent"]


def test_a_sender_that_died_during_data_is_not_resent(smtp, pending, settings):
    settings.SLOTWATCH_ALERT_CLAIM_SECONDS = 30
    token = claim(pending.pk)
    Delivery.objects.filter(pk=pending.pk).update(handed_over_at=timezone.now())  # DATA had begun
    pending.attempt_log.create(claim_token=token, outcome="handed_over")
    with _later(31):
        assert reconcile_expired() == {"resent": 0, "uncertain": 1}
        assert deliver(pending.pk).status == "not_claimed"
        assert due_for_dispatch() == []
    pending.refresh_from_db()
    assert pending.status == "uncertain" and "not resent" in pending.last_error
    assert _outcomes(pending) == ["unknown"]
    assert smtp.handler.messages == []
    # The slow sender was alive after all: its "sent" lands on its own token.
    sending._finish(pending, token, pending.attempt_log.get(), "sent", "sent")
    pending.refresh_from_db()
    assert pending.status == "sent"


def test_the_resend_policy_resends_uncertain_ones_with_the_same_message_id(smtp, pending, settings):
    settings.SLOTWATCH_ALERT_UNCERTAIN = "resend"
    settings.SLOTWATCH_ALERT_CLAIM_SECONDS = 30
    claim(pending.pk)
    Delivery.objects.filter(pk=pending.pk).update(handed_over_at=timezone.now())
    with _later(31):
        assert deliver(pending.pk).status == "sent"
    pending.refresh_from_db()
    assert smtp.handler.message_ids() == [pending.message_id]


def test_a_connection_lost_during_data_is_uncertain(smtp, pending):
    smtp.handler.reset(drop_during_data=True)
    outcome = deliver(pending.pk)
    assert outcome.status == "uncertain"
    assert len(smtp.handler.messages) == 1, "the server kept it; we must not send it again"
    assert _outcomes(pending) == ["unknown"]


def test_a_sender_that_lost_its_claim_sends_nothing(smtp, pending, monkeypatch):
    original = sending._hand_over

    def sweep_first(pk, token, attempt):
        with _later(10_000):  # the lease ran out and a sweep took the delivery back meanwhile
            reconcile_expired()
        original(pk, token, attempt)

    monkeypatch.setattr(sending, "_hand_over", sweep_first)
    assert deliver(pending.pk).status == "abandoned"
    assert smtp.handler.messages == []
    monkeypatch.setattr(sending, "_hand_over", original)
    with _later(10_001):
        assert deliver(pending.pk).status == "sent"
    assert len(smtp.handler.messages) == 1
    assert _outcomes(pending) == ["abandoned", "sent"]


def test_dispatch_does_not_queue_the_same_delivery_again_too_soon(pending, settings):
    settings.SLOTWATCH_ALERT_REDISPATCH_SECONDS = 600
    assert due_for_dispatch() == [pending.pk]
    assert due_for_dispatch() == []
    with _later(601):
        assert due_for_dispatch() == [pending.pk]


@pytest.mark.django_db(transaction=True)
def test_racing_senders_send_once(pending):
    results, barrier = [], threading.Barrier(6)

    def race():
        barrier.wait()
        try:
            results.append(deliver(pending.pk).status)
        finally:
            connection.close()

    threads = [threading.Thread(target=race) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["not_claimed"] * 5 + ["sent"]
    assert len(mail.outbox) == 1
