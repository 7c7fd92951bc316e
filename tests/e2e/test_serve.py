"""`make serve`, the production configuration, started for real (scripts/serve.py on a free port, the bundled data):
what a first and a repeat visit to the overview transfer (issue 17), and slow clients (issue 18, "High").

Serial (tests/e2e/): the server runs four worker processes and the slow-client test times answers.
"""

import re
import threading
import time
from pathlib import Path

import pytest

from bench import servekit
from bench.bench_slowclients import run_load
from scripts import serve

HOST = "127.0.0.1"
FIRST_VISIT_BUDGET = 1_500_000  # bytes, issue 17 "Page weight"
YEAR = 365 * 24 * 3600
SLOW_SECONDS = 3  # SLOTWATCH_SLOW_CLIENT_SECONDS for this server: short, so the test need not wait 10 s
ACCEPT = {"Accept-Encoding": "br, gzip"}


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    port = servekit.free_port()
    # Every client here comes from 127.0.0.1: the per-address rates (API and pages; make serve's workers share
    # one cache, so they hold across workers) are not what these tests measure.
    env = servekit.server_environment(folder, port, SLOTWATCH_SLOW_CLIENT_SECONDS=str(SLOW_SECONDS),
                                      SLOTWATCH_API_ANON_RATE="1000000/second",
                                      SLOTWATCH_PAGE_ANON_RATE="1000000/second")
    servekit.load_data(env)
    server = servekit.start_serve(env, folder / "serve.log")
    try:
        yield port
    finally:
        servekit.stop_serve(server)


def assets_of(html: str) -> list[str]:
    """Every same-site file the page makes a browser fetch: scripts, stylesheets, icons, images."""
    found = re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)
    found += re.findall(r'<link[^>]*\shref="([^"]+)"', html)
    found += re.findall(r'<img[^>]*\ssrc="(/[^"]+)"', html)
    return list(dict.fromkeys(found))


def test_first_visit_to_the_overview_is_light_and_a_repeat_visit_fetches_only_the_html(production):
    status, head, html_bytes, body = servekit.fetch(HOST, production, "/", ACCEPT)
    assert status == 200
    html = body.decode() if "content-encoding" not in head else None
    if html is None:  # a compressed page: decode it to read its links
        import gzip

        import brotli

        html = (brotli.decompress(body) if head["content-encoding"] == "br" else gzip.decompress(body)).decode()
    assets = assets_of(html)
    assert any("plotly" in a for a in assets) and any(a.endswith(".css") for a in assets), assets
    assert not any(a.endswith("/plotly.min.js") for a in assets), "the full plotly.js bundle"

    total, repeat = html_bytes, html_bytes
    for url in assets:
        assert url.startswith("/static/"), url
        status, head, wire, _ = servekit.fetch(HOST, production, url, ACCEPT)
        assert status == 200, url
        total += wire
        # Hashed names, served compressed, cached for a year as immutable: a repeat visit does not ask again.
        assert re.search(r"\.[0-9a-f]{12}\.", url), f"{url} has no content hash in its name"
        if url.endswith((".js", ".css")):
            assert head.get("content-encoding") == "br", url
        cache = head.get("cache-control", "")
        assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR, (url, cache)
    print(f"\noverview, first visit: {total:,} bytes in {len(assets) + 1} responses; repeat visit: {repeat:,} bytes")
    assert total <= FIRST_VISIT_BUDGET, f"a first visit transfers {total:,} bytes"
    # The page itself must be asked for again (it changes with the data); assets are not.
    assert "immutable" not in servekit.fetch(HOST, production, "/", ACCEPT)[1].get("cache-control", "")


def test_a_page_without_charts_loads_no_plotly(production):
    status, _, _, body = servekit.fetch(HOST, production, "/filings/")
    assert status == 200
    assets = assets_of(body.decode())
    assert any("figures" in a for a in assets) and not any("plotly" in a for a in assets), assets


def test_slow_clients_do_not_stop_the_server_answering_others(production):
    # 50 connections that never finish their headers, and 4 POSTs that declare 1,000,000 bytes and send 11.
    trickling = [servekit.slow_headers(HOST, production) for _ in range(50)]
    bodies = [servekit.slow_body(HOST, production) for _ in range(4)]
    try:
        time.sleep(0.5)
        for _ in range(5):  # each answered within 2 s (the old sync workers took 63 s)
            started = time.monotonic()
            status, *_ = servekit.fetch(HOST, production, "/api/v1/", timeout=10)
            elapsed = time.monotonic() - started
            assert status == 200 and elapsed < 2.0, f"a normal request took {elapsed:.1f} s beside slow clients"
        # The server does not wait for them for ever: the body is answered 408, the headers' connection closed,
        # both within the slow-client limit (plus scheduling slack on a busy machine), far short of 30 s.
        results = {}

        def watch(name, sock):
            results[name] = servekit.closed_by_server(sock, within=SLOW_SECONDS + 10)

        watchers = [threading.Thread(target=watch, args=(f"body{i}", s)) for i, s in enumerate(bodies)]
        watchers += [threading.Thread(target=watch, args=(f"headers{i}", s)) for i, s in enumerate(trickling[:5])]
        for thread in watchers:
            thread.start()
        for thread in watchers:
            thread.join()
        for name, (after, sent) in results.items():
            assert after is not None, f"{name}: still open {SLOW_SECONDS + 10} s later"
            if name.startswith("body"):
                assert sent.startswith(b"HTTP/1.1 408"), (name, sent[:80])
    finally:
        for sock in trickling + bodies:
            sock.close()


def test_the_slow_client_bench_runs_and_normal_clients_see_no_error(production):
    # bench/bench_slowclients.py's load, short (`make bench` runs it for 60 s with 20 normal clients).
    result = run_load(production, seconds=6, slow=50, normal=3)
    print("\n" + result.report())
    assert result.latencies and result.errors == []
    assert result.cut_off > 0  # the server closed slow connections (SLOW_SECONDS here) rather than keep them


def test_the_readme_runs_what_make_serve_runs():
    readme = (Path(serve.ROOT) / "README.md").read_text()
    assert f".venv/bin/gunicorn {' '.join(serve.GUNICORN_ARGS)} --bind 127.0.0.1:8000" in readme
    makefile = (Path(serve.ROOT) / "Makefile").read_text()
    assert "scripts/serve.py" in makefile
