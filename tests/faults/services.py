"""Real services the fault tests start, break and restart themselves.

* ``PostgresCluster``: a throwaway PostgreSQL 15 cluster (initdb in a temporary folder, trust auth, a free
  port, its unix socket in that folder). Never the shared server on 5432: other test runs use that one.
* ``RedisServer``: a ``redis-server`` on a free port that the test stops and starts again on the same port.
* ``Worker``: a ``celery worker`` subprocess on its own queue, opening the same test database as pytest.

A missing binary skips locally and fails in CI / with SLOTWATCH_REQUIRE_SERVICES (tests/conftest.need_service).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.alerts.smtp import free_port
from tests.conftest import need_service

ROOT = Path(settings.BASE_DIR)
PG_BIN = Path(os.environ.get("SLOTWATCH_PG_BIN", "/usr/lib/postgresql/15/bin"))


def wait_for(condition, timeout=30.0, every=0.1, describe=None, poke=None):
    """Poll ``condition`` until true; ``poke()`` about once a second meanwhile (e.g. send a sweep)."""
    deadline = time.monotonic() + timeout
    last_poke = 0.0
    while time.monotonic() < deadline:
        if condition():
            return
        if poke and time.monotonic() - last_poke > 1.0:
            poke()
            last_poke = time.monotonic()
        time.sleep(every)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {condition.__doc__ or condition}\n"
                f"{describe() if describe else ''}")


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0


def test_database_url() -> str:
    """The pytest-django test database as a DATABASE_URL a subprocess can open (a file for SQLite)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert "memory" not in name, "subprocesses need a file test database (see tests/conftest.py)"
        return f"sqlite:///{name}"
    auth = quote(db["USER"] or "") + (":" + quote(db["PASSWORD"]) if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


test_database_url.__test__ = False  # not a test, despite the name


def subprocess_env(**extra: str) -> dict:
    """The environment of an app subprocess: this checkout's settings, nothing inherited that would redirect it."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CELERY_", "PYTEST_"))}
    env.update(DJANGO_SETTINGS_MODULE="slotwatch.settings", SECRET_KEY=settings.SECRET_KEY, PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


# --- PostgreSQL ---------------------------------------------------------------------------------------------------

class PostgresCluster:
    """A PostgreSQL cluster of our own. As root, initdb/pg_ctl run as the ``postgres`` OS user (initdb refuses root)."""

    def __init__(self):
        for tool in ("initdb", "pg_ctl", "postgres"):
            if not (PG_BIN / tool).exists():
                need_service("PostgreSQL 15", f"{PG_BIN / tool} not found (set SLOTWATCH_PG_BIN)")
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                need_service("PostgreSQL 15", "running as root without runuser to switch to the postgres user")
            self.as_user = ["runuser", "-u", "postgres", "--"]
        self.base = Path(tempfile.mkdtemp(prefix="slotwatch-faults-pg-"))
        if self.as_user:
            shutil.chown(self.base, "postgres", "postgres")
        self.data = self.base / "data"
        self.log = self.base / "server.log"
        self.port = free_port()

    def _run(self, *args, check=True, timeout=60):
        result = subprocess.run([*self.as_user, *map(str, args)], capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}\n"
                               f"{self.log.read_text(errors='replace')[-3000:] if self.log.exists() else ''}")
        return result

    def init(self):
        self._run(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8")
        return self

    def _pg_ctl(self, action, *extra):
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c synchronous_commit=off")
        return self._run(PG_BIN / "pg_ctl", "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "60",
                         action, *extra)

    def start(self):
        self._pg_ctl("start")
        return self

    def restart(self):
        """``pg_ctl restart -m fast``: every session is terminated, open transactions roll back."""
        self._pg_ctl("restart", "-m", "fast")

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self._run(PG_BIN / "pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop", check=False)

    def remove(self):
        self.stop()
        shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}?connect_timeout=5"

    def psql(self, sql: str, database: str = "postgres"):
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=database,
                             autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else None


# --- Redis --------------------------------------------------------------------------------------------------------

class RedisServer:
    """A redis-server of our own on a fixed free port: stopped and started again on the same port."""

    def __init__(self, port: int | None = None):
        self.binary = shutil.which("redis-server")
        if self.binary is None:
            need_service("Redis", "redis-server not found on PATH")
        self.port = port or free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="slotwatch-faults-redis-"))
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.dir), "--logfile", str(self.dir / "redis.log")],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        wait_for(lambda: port_open(self.port), timeout=15, describe=self.log)
        return self

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        self.process = None

    def remove(self):
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def log(self) -> str:
        path = self.dir / "redis.log"
        return path.read_text(errors="replace")[-2000:] if path.exists() else ""


# --- Celery worker ------------------------------------------------------------------------------------------------

class Worker:
    """A ``celery worker`` subprocess on its own queue, on the test database; the test kills and restarts it."""

    def __init__(self, broker_url: str, log_dir: Path, *, pool: str = "solo", env: dict | None = None,
                 include: str | None = None):
        self.broker_url = broker_url
        self.include = ["--include", include] if include else []
        self.queue = f"faults-{uuid.uuid4().hex[:8]}"
        self.log_dir = log_dir
        self.pool = pool
        self.env = subprocess_env(
            DATABASE_URL=test_database_url(), CELERY_BROKER_URL=broker_url, CELERY_TASK_DEFAULT_QUEUE=self.queue,
            **(env or {}),
        )
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self, **extra_env):
        self.starts += 1
        pool = ["--pool", "solo"] if self.pool == "solo" else ["--pool", "prefork", "--concurrency", "1"]
        with open(self.log_dir / f"{self.queue}-{self.starts}.log", "wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "slotwatch", "worker", *pool, "-Q", self.queue,
                 "-n", f"{self.queue}-{self.starts}@%h", "--without-heartbeat", "--without-gossip",
                 "--without-mingle", "--loglevel", "INFO", *self.include],
                cwd=ROOT, env={**self.env, **extra_env}, stdout=log, stderr=subprocess.STDOUT,
            )
        return self

    def kill(self):
        """SIGKILL the whole worker (and its pool children): no chance to ack, reject or clean up."""
        if self.process and self.process.poll() is None:
            for child in _children(self.process.pid):
                _signal(child, signal.SIGKILL)
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.kill()

    def send(self, name: str, *args):
        """Publish a task to this worker's queue (a producer of our own, on the given broker)."""
        from slotwatch.celery import app

        with app.connection_for_write(self.broker_url) as conn:
            app.send_task(name, args=list(args), queue=self.queue, producer=app.amqp.Producer(conn))

    def log(self) -> str:
        return "\n".join(p.read_text(errors="replace")[-4000:]
                         for p in sorted(self.log_dir.glob(f"{self.queue}-*.log")))


def _children(pid: int) -> list[int]:
    """Direct children of ``pid`` (Linux /proc; the prefork pool's processes of a worker)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:  # fields after "(comm)": state, ppid, ...
            children.append(int(stat.parent.name))
    return children


def _signal(pid: int, sig) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def pool_children(worker: Worker) -> list[int]:
    return _children(worker.process.pid) if worker.process else []
