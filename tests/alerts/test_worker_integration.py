"""The alert pipeline with real parts: a Celery worker process, Redis (or the file-system broker), SMTP.

The worker is a subprocess (``celery -A slotwatch worker``) that opens the same test database as this
process (a file for SQLite, see tests/conftest.py), takes tasks from its own queue, and sends to an
aiosmtpd server this test runs on a free loopback port. What the server received is the truth.
"""

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from alerts.models import Alert, Delivery
from slotwatch.celery import app
from tests.alerts.conftest import M100_DUE, subscribe
from tests.alerts.smtp import SmtpServer
from tests.faults.services import wait_for as poll

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(settings.BASE_DIR)
AS_OF = (M100_DUE - dt.timedelta(days=90)).isoformat()
CLAIM_SECONDS = 3


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert "memory" not in name, "the worker needs a file test database (see tests/conftest.py)"
        return f"sqlite:///{name}"
    auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _dedicated_redis_db(url: str, number: int = 13) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{number}", parts.query, ""))


class Worker:
    """One `celery worker` process on its own queue; the test can send it tasks, kill it, restart it."""

    def __init__(self, broker_url: str, smtp_url: str, log_dir: Path, transport_options=None, var_dir=None):
        self.broker_url = broker_url
        self.transport_options = transport_options or {}
        self.queue = f"alerts-test-{uuid.uuid4().hex[:8]}"
        self.log_dir = log_dir
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "slotwatch.settings",
            "DATABASE_URL": _database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
            "EMAIL_URL": smtp_url,
            "SITE_URL": "https://slotwatch.example.org",
            "SECRET_KEY": settings.SECRET_KEY,
            "SLOTWATCH_ALERT_CLAIM_SECONDS": str(CLAIM_SECONDS),
            "SLOTWATCH_ALERT_RETRY_BASE_SECONDS": "1",
            "SLOTWATCH_ALERT_REDISPATCH_SECONDS": "2",
        }
        if var_dir:
            self.env["SLOTWATCH_VAR_DIR"] = str(var_dir)
        self.process = None
        self.starts = 0

    def start(self):
        self.starts += 1
        log = open(self.log_dir / f"{self.queue}-{self.starts}.log", "wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "slotwatch", "worker", "--pool", "solo", "-Q", self.queue,
             "-n", f"{self.queue}-{self.starts}@%h", "--without-heartbeat", "--without-gossip", "--without-mingle",
             "--loglevel", "INFO"],
            cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
        )
        log.close()
        return self

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def send(self, name, *args):
        with app.connection_for_write(self.broker_url, transport_options=self.transport_options) as conn:
            producer = app.amqp.Producer(conn)
            app.send_task(name, args=list(args), queue=self.queue, producer=producer)

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:] for p in sorted(self.log_dir.glob(f"{self.queue}-*.log")))


def wait_for(condition, timeout=30.0, every=0.2, worker=None, poke=None):
    """tests.faults.services.wait_for, with the worker's log in the failure message."""
    poll(condition, timeout, every, describe=worker.log if worker else None, poke=poke)


@pytest.fixture(autouse=True)
def _not_eager():
    app.conf.task_always_eager = False  # tasks go to the worker process through the broker


@pytest.fixture(scope="module")
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def cast(alice, bob, charlie, kuiper):
    """Three subscribers to Kuiper Gen1's 100 % milestone: 90 days before it, three alerts fall due."""
    for user in (alice, bob, charlie):
        subscribe(user, filings=[kuiper], codes=["fcc_m100"])
    return kuiper


@pytest.fixture
def redis_broker(redis_url):
    return _dedicated_redis_db(redis_url)


@pytest.fixture
def worker_factory(transactional_db, smtp, tmp_path):
    started = []

    def make(broker_url, **kwargs):
        worker = Worker(broker_url, smtp.url, tmp_path, **kwargs)
        started.append(worker)
        return worker

    yield make
    for worker in started:  # stop before the test database is flushed
        worker.stop()
    smtp.handler.reset()


def _finished():
    """every delivery settled"""
    return Delivery.objects.exists() and not Delivery.objects.filter(status__in=["pending", "sending"]).exists()


def _assert_each_alert_received_once(smtp, expected=3):
    ids = smtp.handler.message_ids()
    assert len(ids) == expected and len(set(ids)) == expected, ids
    assert sorted(ids) == sorted(Delivery.objects.values_list("message_id", flat=True))
    assert Alert.objects.count() == expected


def test_running_the_daily_pipeline_twice_delivers_each_alert_once(cast, smtp, worker_factory, redis_broker):
    smtp.handler.reset()
    worker = worker_factory(redis_broker).start()
    worker.send("alerts.tasks.run_daily", AS_OF)
    wait_for(lambda: len(smtp.handler.messages) == 3 and _finished(), worker=worker)
    worker.send("alerts.tasks.run_daily", AS_OF)
    worker.send("alerts.tasks.sweep")
    time.sleep(1.5)
    worker.send("alerts.tasks.sweep")
    wait_for(lambda: Alert.objects.count() == 3 and _finished(), worker=worker)
    time.sleep(0.5)
    _assert_each_alert_received_once(smtp)
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}


def test_a_refusing_server_gets_the_message_once_after_a_retry(cast, smtp, worker_factory, redis_broker):
    smtp.handler.reset(replies=["451 4.7.1 Greylisted, please try again"])
    worker = worker_factory(redis_broker).start()
    worker.send("alerts.tasks.run_daily", AS_OF)
    wait_for(lambda: len(smtp.handler.messages) == 3 and _finished(), worker=worker)
    _assert_each_alert_received_once(smtp)
    retried = Delivery.objects.get(attempts=2)
    assert retried.status == "sent"
    assert list(retried.attempt_log.values_list("outcome", "smtp_code")) == [("temporary_error", 451), ("sent", None)]


@pytest.mark.parametrize(("stall", "killed_ends"), [("rcpt", "sent"), ("data", "uncertain")])
def test_a_worker_killed_mid_send_and_restarted_delivers_each_alert_once(
    cast, smtp, worker_factory, redis_broker, stall, killed_ends
):
    """Killed before DATA: the alert is sent again, once. Killed during DATA (the server already has the
    message): it is not sent again and is marked uncertain. Either way the server holds each alert once."""
    smtp.handler.reset(stall=stall)
    worker = worker_factory(redis_broker).start()
    worker.send("alerts.tasks.run_daily", AS_OF)
    assert smtp.handler.arrived.wait(30), worker.log()
    worker.kill()
    smtp.handler.release.set()
    worker.start()
    wait_for(_finished, timeout=30, worker=worker, poke=lambda: worker.send("alerts.tasks.sweep"))
    worker.send("alerts.tasks.sweep")
    time.sleep(1)
    _assert_each_alert_received_once(smtp)
    killed = Delivery.objects.get(attempts__gte=1, attempt_log__outcome__in=["interrupted", "unknown"])
    assert killed.status == killed_ends
    outcomes = list(killed.attempt_log.values_list("outcome", flat=True))
    assert outcomes == (["interrupted", "sent"] if stall == "rcpt" else ["unknown"])
    assert Delivery.objects.filter(status="sent").count() == (3 if stall == "rcpt" else 2)


def test_the_pipeline_runs_on_the_embedded_file_system_broker(cast, smtp, worker_factory, tmp_path):
    smtp.handler.reset()
    broker = tmp_path / "var" / "broker"
    options = {"data_folder_in": str(broker / "out"), "data_folder_out": str(broker / "out"),
               "processed_folder": str(broker / "processed"), "store_processed": False}
    (broker / "out").mkdir(parents=True)
    (broker / "processed").mkdir(parents=True)
    worker = worker_factory("filesystem://", transport_options=options, var_dir=tmp_path / "var").start()
    worker.send("alerts.tasks.run_daily", AS_OF)
    wait_for(lambda: len(smtp.handler.messages) == 3 and _finished(), worker=worker)
    _assert_each_alert_received_once(smtp)
