"""The Celery broker down while the web app serves, and alerts recorded meanwhile going out once it is back.

The broker is a redis-server of our own on a free port, either not running ("stopped": connections are
refused) or replaced by a socket that accepts connections and never answers ("silent": a hung or half-open
broker, the case where an unguarded Redis publish waits forever). Meanwhile:

* gunicorn serves the app with CELERY_BROKER_URL pointing there: pages and the API answer 200, quickly;
* the daily alert pipeline (``alerts.tasks.run_daily``'s body, in a subprocess with the real settings) records
  the alerts in the database; queueing their send tasks fails within seconds and is left to the sweep.

Then redis-server starts on that port, a worker starts, beat's sweep runs: each alert reaches the aiosmtpd
server exactly once.
"""

from __future__ import annotations

import datetime as dt
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from alerts.models import Alert, Delivery
from tests.alerts.conftest import M100_DUE
from tests.alerts.smtp import SmtpServer, free_port
from tests.faults.services import ROOT, Worker, port_open, subprocess_env, test_database_url, wait_for

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

AS_OF = (M100_DUE - dt.timedelta(days=90)).isoformat()
PAGE_SECONDS = 4.0  # a page or API answer with the broker down (a publish on the request path would take 5+ s)
PIPELINE_SECONDS = 25.0  # the daily run in a fresh process (start-up ~3 s, a silent broker's publish timeout 5 s)

RUN_DAILY = """
import time, django
django.setup()
from alerts import tasks
started = time.monotonic()
summary = tasks.run_daily.run({as_of!r})
print("SUMMARY", summary["alerts_new"], summary["dispatched"], round(time.monotonic() - started, 1))
"""


class SilentBroker:
    """Accepts TCP connections on the port (the kernel's backlog) and never answers."""

    def __init__(self, port):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", port))
        self.sock.listen(64)

    def close(self):
        self.sock.close()


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def web(tmp_path):
    """Start gunicorn on the test database with a given environment; stopped at the end."""
    started = []

    def start(**env):
        port = free_port()
        log = open(tmp_path / f"gunicorn-{port}.log", "wb")
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "slotwatch.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
             "--timeout", "60"],
            cwd=ROOT, env=subprocess_env(DATABASE_URL=test_database_url(), **env), stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        started.append(process)
        wait_for(lambda: port_open(port), timeout=30,
                 describe=lambda: (tmp_path / f"gunicorn-{port}.log").read_text(errors="replace"))
        return f"http://127.0.0.1:{port}"

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


def _get(url) -> tuple[int, float, bytes]:
    started = time.monotonic()
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.status, time.monotonic() - started, response.read()


def _finished():
    """every delivery settled"""
    return Delivery.objects.exists() and not Delivery.objects.filter(status__in=["pending", "sending"]).exists()


@pytest.mark.parametrize("broker_state", ["stopped", "silent"])
def test_the_app_serves_without_the_broker_and_alerts_go_out_once_it_is_back(
    cast, redis_server, smtp, web, tmp_path, broker_state
):
    silent = SilentBroker(redis_server.port) if broker_state == "silent" else None
    try:
        # 1. The web app answers, quickly, while the broker is unreachable.
        base = web(CELERY_BROKER_URL=redis_server.url)
        _get(f"{base}/filings/")  # first request: imports and caches warm up
        for path in ("/", "/filings/", f"/filings/{cast.pk}/", "/api/v1/filings/", f"/api/v1/filings/{cast.pk}/"):
            status, seconds, body = _get(base + path)
            assert status == 200, path
            assert seconds < PAGE_SECONDS, f"{path} took {seconds:.1f} s with the broker {broker_state}"
            assert b"Kuiper" in body, path

        # 2. The daily pipeline records the alerts without the broker; queueing fails fast and is left for later.
        started = time.monotonic()
        run = subprocess.run(
            [sys.executable, "-c", RUN_DAILY.format(as_of=AS_OF)], cwd=ROOT, capture_output=True, text=True,
            timeout=PIPELINE_SECONDS + 30, env=subprocess_env(DATABASE_URL=test_database_url(),
                                                              CELERY_BROKER_URL=redis_server.url),
        )
        elapsed = time.monotonic() - started
        assert run.returncode == 0, run.stderr
        assert "SUMMARY 3 0" in run.stdout, run.stdout + run.stderr  # 3 new alerts, none queued
        assert "left for the next sweep" in run.stderr, run.stderr
        assert elapsed < PIPELINE_SECONDS, f"the run took {elapsed:.1f} s with the broker {broker_state}"
        assert Alert.objects.count() == 3 and Delivery.objects.count() == 3
        assert set(Delivery.objects.values_list("status", "attempts", "dispatched_at")) == {("pending", 0, None)}
        assert smtp.handler.messages == []
    finally:
        if silent:
            silent.close()

    # 3. The broker is back: a worker and beat's sweep deliver each alert exactly once.
    redis_server.start()
    worker = Worker(redis_server.url, tmp_path, env={"EMAIL_URL": smtp.url, "SITE_URL": "https://slotwatch.example.org"})
    try:
        worker.start()
        wait_for(_finished, timeout=40, describe=worker.log, poke=lambda: worker.send("alerts.tasks.sweep"))
        for _ in range(2):  # more sweeps (and a second daily run) add nothing
            worker.send("alerts.tasks.sweep")
        worker.send("alerts.tasks.run_daily", AS_OF)
        worker.send("alerts.tasks.sweep")
        time.sleep(2)
    finally:
        worker.stop()
    ids = smtp.handler.message_ids()
    assert len(ids) == 3 and len(set(ids)) == 3, ids
    assert sorted(ids) == sorted(Delivery.objects.values_list("message_id", flat=True))
    assert set(Delivery.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert Alert.objects.count() == 3
