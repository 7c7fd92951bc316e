"""The SMTP server down for an hour of simulated time, then back.

The clock is moved with time-machine through the hour in 10-second steps. A stand-in broker (a list of
(eta, delivery) the test keeps) receives every ``alerts.tasks.deliver`` publish, and each step runs what is
due, as a worker would; Celery beat's ``alerts-sweep`` runs every simulated minute. Nothing listens on the
SMTP port at first, so each attempt is a temporary error and backs off (60 s, doubling). Then a real aiosmtpd
server starts on that port and each alert is delivered exactly once, with every attempt on record.
With ``eta_tasks_lost`` the delayed retry tasks vanish (a broker restart without persistence): the sweep
alone must still deliver everything, once.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from alerts import tasks
from alerts.delivery import retry_delay
from alerts.models import Alert, Delivery, DeliveryAttempt
from tests.alerts.conftest import M100_DUE
from tests.alerts.smtp import SmtpServer

pytestmark = [pytest.mark.faults, pytest.mark.django_db]

AS_OF = M100_DUE - dt.timedelta(days=90)
START = dt.datetime.combine(AS_OF, dt.time(2, 30), tzinfo=dt.UTC)  # the alerts-daily run
STEP = 10  # seconds of simulated time per step
HOUR = 3600


class StandInBroker:
    """Keeps each published deliver task with its eta; ``run_due`` executes the due ones like a worker."""

    def __init__(self, *, drop_eta: bool):
        self.queued: list[tuple[dt.datetime, int]] = []
        self.drop_eta = drop_eta
        self.published = 0

    def apply_async(self, args=None, kwargs=None, eta=None, countdown=None, **options):
        self.published += 1
        if eta is not None and self.drop_eta:
            return None
        self.queued.append((eta or timezone.now(), args[0]))
        return None

    def run_due(self):
        now = timezone.now()
        due = [item for item in self.queued if item[0] <= now]
        self.queued = [item for item in self.queued if item[0] > now]
        for _, pk in sorted(due):
            tasks.deliver(pk)


@pytest.fixture
def smtp_port_closed(settings):
    server = SmtpServer()  # its port is free: nothing listens until the test starts it
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://slotwatch.example.org"
    settings.SLOTWATCH_ALERT_RETRY_BASE_SECONDS = 60
    settings.SLOTWATCH_ALERT_RETRY_MAX_SECONDS = 6 * HOUR
    settings.SLOTWATCH_ALERT_MAX_ATTEMPTS = 8
    settings.SLOTWATCH_ALERT_REDISPATCH_SECONDS = 600
    yield server
    if server.controller._thread is not None:
        server.__exit__(None, None, None)


def _attempt_times(delivery) -> list[float]:
    return [(a.started_at - START).total_seconds() for a in delivery.attempt_log.order_by("started_at")]


@pytest.mark.parametrize("eta_tasks_lost", [False, True], ids=["eta-retries", "sweep-only"])
def test_an_hour_without_smtp_backs_off_then_delivers_each_alert_once(
    cast, smtp_port_closed, monkeypatch, eta_tasks_lost
):
    server = smtp_port_closed
    broker = StandInBroker(drop_eta=eta_tasks_lost)
    monkeypatch.setattr(tasks.deliver, "apply_async", broker.apply_async)

    def step(clock, seconds=STEP):
        clock.shift(seconds)
        broker.run_due()
        if int((timezone.now() - START).total_seconds()) % 60 == 0:
            tasks.sweep()  # beat: every minute

    with time_machine.travel(START, tick=False) as clock:
        tasks.run_daily(AS_OF.isoformat())
        broker.run_due()
        assert Alert.objects.count() == 3 and Delivery.objects.count() == 3

        # An hour with nothing listening: temporary errors, backing off, nothing given up, nothing sent.
        while (timezone.now() - START).total_seconds() < HOUR:
            step(clock)
        assert server.handler.messages == []
        assert set(Delivery.objects.values_list("status", flat=True)) == {"pending"}
        assert not DeliveryAttempt.objects.exclude(outcome="temporary_error").exists()
        for delivery in Delivery.objects.all():
            times = _attempt_times(delivery)
            gaps = [b - a for a, b in zip(times, times[1:])]
            assert len(times) >= 4, times  # retried, at 1, 2, 4, 8 ... minutes
            assert all(gap >= retry_delay(n) for n, gap in enumerate(gaps, start=1)), times  # backed off
            if not eta_tasks_lost:
                assert times == [0, 60, 180, 420, 900, 1860]  # exactly the schedule
            assert delivery.attempts == len(times) and "connect" in delivery.last_error

        # The server comes back; the next retry delivers, once.
        server.__enter__()
        limit = 3 * HOUR
        while Delivery.objects.filter(status="pending").exists() and (timezone.now() - START).total_seconds() < limit:
            step(clock)
        for _ in range(30):  # another ten simulated minutes of sweeps and queued tasks change nothing
            step(clock, 20)

    ids = server.handler.message_ids()
    assert len(ids) == 3 and len(set(ids)) == 3
    assert sorted(ids) == sorted(Delivery.objects.values_list("message_id", flat=True))
    for delivery in Delivery.objects.all():
        outcomes = list(delivery.attempt_log.order_by("started_at").values_list("outcome", flat=True))
        assert delivery.status == "sent" and delivery.sent_at is not None
        assert outcomes == ["temporary_error"] * (len(outcomes) - 1) + ["sent"]
        assert delivery.attempts == len(outcomes)
        if not eta_tasks_lost:
            assert (delivery.sent_at - START).total_seconds() == 3780  # the 7th try: 1860 s + 32 min
