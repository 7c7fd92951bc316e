"""Slow clients under `make serve`: 50 clients trickling headers or bodies beside 20 normal clients (issue 18).

`.venv/bin/python -m bench.bench_slowclients [--seconds 60] [--slow 50] [--normal 20] [--reference-only]`

Loads the bundled data into a private var dir (SQLite, as `make serve` on a fresh checkout), starts
scripts/serve.py (web server, Celery worker and beat) on a free loopback port, then for ``--seconds`` runs:
- ``--slow`` slow clients, half sending a request's headers one byte a second and never finishing them, half
  POSTing a body that declares 1,000,000 bytes and sending one byte a second; each reconnects when the server
  cuts it off (counted: that is the server freeing the socket);
- ``--normal`` closed-loop normal clients (each sends its next request when the last is answered) over the
  overview, the filings page and two API lists.
Prints the normal clients' requests, errors (anything but a 200 within 30 s) and p50/p95/max latency; exits 1 on
any error. The old configuration (gunicorn's sync workers) answered nobody for a minute under 4 slow clients.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import servekit

HOST = "127.0.0.1"
NORMAL_PATHS = ["/", "/filings/", "/api/v1/filings/?limit=20", "/api/v1/milestones/?limit=20"]
REQUEST_TIMEOUT = 30.0


@dataclass
class Result:
    latencies: list = field(default_factory=list)
    by_path: dict = field(default_factory=dict)  # path -> latencies
    errors: list = field(default_factory=list)
    cut_off: int = 0  # slow connections the server closed (or answered 408)

    def p95(self) -> float:
        if len(self.latencies) < 2:
            return float("nan")
        return statistics.quantiles(self.latencies, n=20, method="inclusive")[18]

    def report(self) -> str:
        lat = sorted(self.latencies)
        if not lat:
            return f"no normal request answered; {len(self.errors)} errors"
        return (f"normal clients: {len(lat):,} requests, {len(self.errors)} errors; latency p50 "
                f"{statistics.median(lat) * 1000:.0f} ms, p95 {self.p95() * 1000:.0f} ms, max {lat[-1] * 1000:.0f} ms; "
                f"slow connections cut off by the server: {self.cut_off:,}\n" + "\n".join(
                    f"  {path}: {len(times)} requests, p50 {statistics.median(times) * 1000:.0f} ms, "
                    f"max {max(times) * 1000:.0f} ms" for path, times in sorted(self.by_path.items())))


def _slow_client(port: int, kind: str, stop: threading.Event, result: Result, lock: threading.Lock) -> None:
    while not stop.is_set():
        try:
            sock = servekit.slow_headers(HOST, port) if kind == "headers" else servekit.slow_body(HOST, port)
        except OSError:
            time.sleep(0.5)
            continue
        with sock:
            sock.settimeout(0.05)
            while not stop.is_set():
                try:
                    if sock.recv(4096) == b"":  # closed (or answered 408 and then closed)
                        with lock:
                            result.cut_off += 1
                        break
                except TimeoutError:
                    pass
                except OSError:
                    with lock:
                        result.cut_off += 1
                    break
                try:
                    sock.sendall(b"a")  # one byte a second: never enough
                except OSError:
                    with lock:
                        result.cut_off += 1
                    break
                stop.wait(1.0)


def _normal_client(port: int, offset: int, stop: threading.Event, result: Result, lock: threading.Lock) -> None:
    for path in itertools.islice(itertools.cycle(NORMAL_PATHS), offset, None):
        if stop.is_set():
            return
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=REQUEST_TIMEOUT)
            connection.request("GET", path, headers={"Accept-Encoding": "br, gzip"})
            response = connection.getresponse()
            response.read()
            connection.close()
            ok, what = response.status == 200, f"{path}: HTTP {response.status}"
        except (OSError, http.client.HTTPException) as failure:
            ok, what = False, f"{path}: {type(failure).__name__}: {failure}"
        with lock:
            if ok:
                result.latencies.append(time.monotonic() - started)
                result.by_path.setdefault(path, []).append(result.latencies[-1])
            else:
                result.errors.append(what)


def run_load(port: int, *, seconds: float, slow: int = 50, normal: int = 20) -> Result:
    """``slow`` slow and ``normal`` normal clients against 127.0.0.1:``port`` for ``seconds``."""
    result, lock, stop = Result(), threading.Lock(), threading.Event()
    threads = [threading.Thread(target=_slow_client, args=(port, "headers" if i % 2 else "body", stop, result, lock),
                                daemon=True) for i in range(slow)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # the slow clients are in place before the first normal request
    normal_threads = [threading.Thread(target=_normal_client, args=(port, i, stop, result, lock), daemon=True)
                      for i in range(normal)]
    for thread in normal_threads:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads + normal_threads:
        thread.join(timeout=REQUEST_TIMEOUT + 5)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--slow", type=int, default=50)
    parser.add_argument("--normal", type=int, default=20)
    parser.add_argument("--reference-only", action="store_true", help="skip the catalog import (faster set-up)")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-slow-"))
    port = servekit.free_port()
    # The bench measures the server, not the throttles: every client comes from 127.0.0.1.
    env = servekit.server_environment(folder, port, SLOTWATCH_API_ANON_RATE="1000000/second",
                                      SLOTWATCH_PAGE_ANON_RATE="1000000/second")  # 20 clients, one address
    print(f"loading the bundled data into {folder} ...", flush=True)
    started = time.perf_counter()
    servekit.load_data(env, catalog=not args.reference_only)
    print(f"loaded in {time.perf_counter() - started:.0f} s; starting make serve (scripts/serve.py) on :{port}",
          flush=True)
    server = servekit.start_serve(env, folder / "serve.log", web_only=False)
    try:
        for path in NORMAL_PATHS:  # warm the page caches, as a running site has them
            servekit.fetch(HOST, port, path)
        print(f"{args.slow} slow clients, {args.normal} normal clients, {args.seconds:.0f} s ...", flush=True)
        result = run_load(port, seconds=args.seconds, slow=args.slow, normal=args.normal)
    finally:
        servekit.stop_serve(server)
    print(result.report())
    for error in result.errors[:10]:
        print("  error:", error)
    return 1 if result.errors or not result.latencies else 0


if __name__ == "__main__":
    sys.exit(main())
