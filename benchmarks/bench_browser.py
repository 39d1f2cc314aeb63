"""The in-browser simulators as a reader meets them: for every app and language, the bytes the
browser transfers and the time from opening the page to the first result (the headline sentence
and the chart), on a first visit (empty cache) and a second one (same browser, cache kept).

    python benchmarks/bench_browser.py [--site _build/html] [--pyodide ARCHIVE] [--apps late_payment ...]

The site is served as a static host serves it (tools/site/serve.py: gzip, Last-Modified), on
127.0.0.1, with no network throttling, to headless Chromium: the figures are the machine's, a
floor for a reader's phone. Pyodide must be hosted by the site (no internet here): if the site
in ``--site`` takes it from a CDN, the apps alone are built into a scratch folder with
``--pyodide`` (default: the test distribution ``../shared/pyodide-test/...``, see its README).
Not a test: it prints figures and exits 0.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "site"))

import build_site  # noqa: E402
import serve  # noqa: E402

TEST_PYODIDE = ROOT.parent / "shared" / "pyodide-test" / "pyodide-0.29.0-test.tar.bz2"
READY = ("() => document.querySelector('.bh-sentence p') && "
         "document.querySelector('.bh-chart-wide svg')")


def hosted(site: Path) -> bool:
    return (site / "apps" / "static" / "pyodide" / "pyodide.js").is_file()


def visit(context, url: str, timeout_ms: int = 180_000) -> dict:
    """One visit of ``url`` in ``context``: bytes transferred (headers and bodies as sent, so
    compressed where the server compressed), requests, and seconds to the first result."""
    done = []

    def finished(request):
        done.append(request)

    context.on("requestfinished", finished)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_function(READY, timeout=timeout_ms, polling=100)
    seconds = time.perf_counter() - start
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)
    sent = 0
    for request in list(done):
        try:
            sizes = request.sizes()
        except Exception:  # a request of a worker that has ended: no sizes to read
            continue
        sent += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
    page.close()
    context.remove_listener("requestfinished", finished)
    seen = {"bytes": sent, "requests": len(done), "seconds": seconds}
    return seen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--pyodide", type=Path, default=TEST_PYODIDE,
                        help="a Pyodide archive, when the site takes Pyodide from a CDN")
    parser.add_argument("--apps", nargs="*", help="app names (default: all)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bh-bench-browser-") as scratch:
        site = args.site
        if not hosted(site):
            if not args.pyodide.is_file():
                print(f"bench_browser: {site} takes Pyodide from a CDN and there is no Pyodide "
                      f"archive at {args.pyodide}: nothing to measure without internet.")
                return 0
            site = Path(scratch) / "html"
            print(f"Building the apps alone with {args.pyodide} (the site takes Pyodide from a CDN)",
                  file=sys.stderr)
            subprocess.run([sys.executable, str(ROOT / "tools" / "site" / "build_site.py"),
                            "--skip-book", "--skip-previews", "--out", str(site),
                            "--pyodide", str(args.pyodide.resolve())], check=True,
                           stdout=subprocess.DEVNULL)
        names = args.apps or [p.stem for p in build_site.apps(ROOT)]
        os.environ["BH_SERVE_QUIET"] = "1"
        server = serve.make_server(site, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        from playwright.sync_api import sync_playwright

        print(f"{'app':<22} {'visit':<7} {'transferred':>12} {'requests':>9} {'first result':>13}")
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=build_site.CHROMIUM,
                                            args=build_site.CHROMIUM_ARGS)
                for name in names:
                    for lang in build_site.LANGS:
                        stem = name + (".zh" if lang == "zh" else "")
                        url = f"{base}/apps/voici/render/{stem}.html"
                        context = browser.new_context(viewport={"width": 1280, "height": 900})
                        for label in ("first", "second"):
                            try:
                                seen = visit(context, url)
                            except Exception as error:  # a figure missing, not a crash
                                print(f"{stem:<22} {label:<7} failed: {type(error).__name__}: "
                                      f"{str(error).splitlines()[0]}")
                                break
                            print(f"{stem:<22} {label:<7} {seen['bytes'] / 1e6:>9.2f} MB "
                                  f"{seen['requests']:>9} {seen['seconds']:>11.1f} s", flush=True)
                        context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
