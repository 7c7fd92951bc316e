"""First and repeat visits of every dashboard page in headless Chromium under `make serve`.

    .venv/bin/python -m bench.bench_browser [--repeats N]

Loads the bundled data into a private var dir, starts scripts/serve.py (the production configuration: DEBUG
off, hashed and compressed static files), then for each page opens a fresh browser context (empty cache) and
times the first visit to the load event, then N repeat visits in the same context (cached static files). Prints
per page: server time of the HTML (Navigation Timing's responseStart - requestStart), load time and bytes
transferred, first and repeat. Exits 1 if a first visit to the overview transfers more than 1.5 MB (issue 17).
"""

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench import servekit

HOST = "127.0.0.1"
FIRST_VISIT_BUDGET = 1_500_000  # bytes, issue 17
PAGES = [("overview", "/"), ("filings", "/filings/"), ("filings search (starlink)", "/filings/?q=starlink"),
         ("timeline", "/timeline/"), ("shells", "/shells/"), ("compute", "/compute/"),
         ("operator (spacex)", "/operators/spacex/"), ("administration (USA)", "/administrations/USA/")]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise SystemExit("bench_browser needs Chromium (apt-get install -y chromium)")
    return path


def _visit(page, url: str) -> tuple[float, float, int]:
    """(server ms, load ms, bytes transferred) of one visit: the page and every response it caused."""
    sizes = []

    def finished(request):
        measured = request.sizes()
        sizes.append(measured["responseBodySize"] + measured["responseHeadersSize"])

    page.on("requestfinished", finished)
    page.goto(url, wait_until="load")
    timing = page.evaluate("() => { const t = performance.getEntriesByType('navigation')[0];"
                           " return [t.responseStart - t.requestStart, t.loadEventEnd || t.duration]; }")
    page.remove_listener("requestfinished", finished)
    return timing[0], timing[1], sum(sizes)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="slotwatch-bench-browser-"))
    port = servekit.free_port()
    env = servekit.server_environment(folder, port, SLOTWATCH_PAGE_ANON_RATE="1000000/minute")
    print("  loading the bundled data and starting make serve ...", flush=True)
    servekit.load_data(env)
    server = servekit.start_serve(env, folder / "serve.log")
    base = f"http://{HOST}:{port}"
    overview_first = None
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS, headless=True)
            print(f"\n  {'page':28} {'server ms':>9} {'first load ms':>13} {'first bytes':>12} "
                  f"{'repeat load ms':>14} {'repeat bytes':>12}")
            for name, path in PAGES:
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                page.goto(base + path, wait_until="load")  # the server builds and caches the page once
                context.close()
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                server_ms, first_ms, first_bytes = _visit(page, base + path)
                repeats = [_visit(page, base + path) for _ in range(args.repeats)]
                context.close()
                repeat_ms = statistics.median(r[1] for r in repeats)
                repeat_bytes = int(statistics.median(r[2] for r in repeats))
                print(f"  {name:28} {server_ms:9.0f} {first_ms:13.0f} {first_bytes:12,} {repeat_ms:14.0f} "
                      f"{repeat_bytes:12,}", flush=True)
                if path == "/":
                    overview_first = first_bytes
            browser.close()
    finally:
        servekit.stop_serve(server)
    if overview_first is not None and overview_first > FIRST_VISIT_BUDGET:
        print(f"\nA first visit to the overview transferred {overview_first:,} bytes: over {FIRST_VISIT_BUDGET:,}.")
        return 1
    print(f"\nA first visit to the overview transferred {overview_first:,} bytes (budget {FIRST_VISIT_BUDGET:,}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
