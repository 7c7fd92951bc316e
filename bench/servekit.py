"""Start `make serve` (scripts/serve.py) on a private var dir and port, and talk to it as clients do.

Shared by bench/bench_slowclients.py and tests/e2e/test_serve.py: the same production server, the same slow
clients. Every server started here is a child of this process, stopped by its own id.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
CATALOG = [
    "constellations/data/tracked-satcat-spacetrack-2025-03-16.json.gz",
    "constellations/data/tracked-active-tle-2026-08-22.txt.gz",
]
# Settings a caller's shell may hold that would change what is measured; the server gets its own.
_OWN = ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "SLOTWATCH_VAR_DIR", "SLOTWATCH_ADDRESS",
        "CACHE_URL", "CELERY_BROKER_URL", "EMAIL_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_environment(folder: Path, port: int, **extra: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in _OWN}
    env.update(
        SLOTWATCH_VAR_DIR=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'slotwatch.sqlite3'}",
        SLOTWATCH_ADDRESS=f"127.0.0.1:{port}",
        LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def load_data(env: dict, *, catalog: bool = True) -> None:
    """What `make load` does: migrate, the reference data, the bundled catalog snapshot, today's milestones."""
    steps = [["migrate", "--noinput", "--verbosity", "0"], ["load_reference"]]
    if catalog:
        steps += [["import_catalog", "-v0", *CATALOG], ["evaluate"]]
    for step in steps:
        done = subprocess.run([PYTHON, "manage.py", *step], cwd=ROOT, env=env, capture_output=True, text=True,
                              check=False)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(step)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def start_serve(env: dict, log: Path, *, web_only: bool = True, timeout: float = 600) -> subprocess.Popen:
    """scripts/serve.py as `make serve` runs it; returns once the server answers (collectstatic runs first)."""
    command = [PYTHON, "scripts/serve.py"] + (["--web-only"] if web_only else [])
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    host, port = env["SLOTWATCH_ADDRESS"].rsplit(":", 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"scripts/serve.py exited with {server.returncode}:\n{log.read_text()[-3000:]}")
        try:
            status, *_ = fetch(host, int(port), "/api/v1/", timeout=5)
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.5)
    stop_serve(server)
    raise RuntimeError(f"scripts/serve.py did not answer within {timeout:.0f} s:\n{log.read_text()[-3000:]}")


def stop_serve(server: subprocess.Popen) -> None:
    """SIGTERM to serve.py, which stops its children (scripts/run_all.py); kill only if it hangs."""
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def fetch(host: str, port: int, path: str, headers: dict | None = None, timeout: float = 30):
    """GET ``path``: (status, headers as a lower-cased dict, bytes on the wire, body as sent).

    http.client does not decode a Content-Encoding, so the body is what was transferred. The count is the
    status line, the header lines and the body."""
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        head = {name.lower(): value for name, value in response.getheaders()}
        wire = len(f"HTTP/1.1 {response.status} {response.reason}\r\n") + sum(
            len(f"{name}: {value}\r\n") for name, value in response.getheaders()) + 2 + len(body)
        return response.status, head, wire, body
    finally:
        connection.close()


# -- slow clients ---------------------------------------------------------------------------------------------


def slow_headers(host: str, port: int) -> socket.socket:
    """A client that starts a request and never finishes its headers (slowloris)."""
    sock = socket.create_connection((host, port), timeout=10)
    sock.sendall(f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: slow\r\nX-Trickle: ".encode())
    return sock


def slow_body(host: str, port: int, declared: int = 1_000_000) -> socket.socket:
    """A POST that declares ``declared`` bytes of body and sends 11."""
    sock = socket.create_connection((host, port), timeout=10)
    sock.sendall((f"POST /account/login/ HTTP/1.1\r\nHost: {host}\r\n"
                  "Content-Type: application/x-www-form-urlencoded\r\n"
                  f"Content-Length: {declared}\r\n\r\nusername=ab").encode())
    return sock


def closed_by_server(sock: socket.socket, within: float) -> tuple[float | None, bytes]:
    """Seconds until the server answered or closed the connection (None if it did neither within ``within``),
    and what it sent."""
    started = time.monotonic()
    sock.settimeout(within)
    received = b""
    try:
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                return time.monotonic() - started, received
            received += chunk
    except TimeoutError:
        return None, received
    except OSError:  # reset by the server
        return time.monotonic() - started, received
