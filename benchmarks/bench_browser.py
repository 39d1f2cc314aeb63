"""The in-browser simulators as a reader meets them: for every app and language, the bytes the
browser transfers and the time from opening the page to the first result (the headline sentence
and the chart), on a first visit (empty cache), a second one (same browser, cache kept), and
as the second app a reader opens ("after": a fresh browser profile opens another app first, then
this one, as a reader going from one lesson to the next).

    python benchmarks/bench_browser.py [--site _build/html] [--pyodide ARCHIVE] [--apps late_payment ...]
                                       [--langs en zh] [--no-after] [--detail]

``--detail`` lists, for each first visit, the largest transfers (what the bytes are spent on).
The load average of the machine is printed first and last: the figures are times on a shared
machine, compare runs made back to back.

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


def visit(context, url: str, timeout_ms: int = 180_000, detail: bool = False) -> dict:
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
    files = []
    for request in list(done):
        try:
            sizes = request.sizes()
        except Exception:  # a request of a worker that has ended: no sizes to read
            continue
        size = max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
        sent += size
        files.append((size, request.url.split("?")[0].rsplit("/", 1)[-1]))
    page.close()
    context.remove_listener("requestfinished", finished)
    seen = {"bytes": sent, "requests": len(done), "seconds": seconds}
    if detail:
        seen["files"] = sorted(files, reverse=True)
    return seen


def show(stem: str, label: str, seen: dict, detail: int = 0):
    print(f"{stem:<22} {label:<26} {seen['bytes'] / 1e6:>9.2f} MB "
          f"{seen['requests']:>9} {seen['seconds']:>11.1f} s", flush=True)
    for size, name in seen.get("files", [])[:detail]:
        print(f"{'':<24}{size / 1e6:>8.2f} MB  {name}")


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--pyodide", type=Path, default=TEST_PYODIDE,
                        help="a Pyodide archive, when the site takes Pyodide from a CDN")
    parser.add_argument("--apps", nargs="*", help="app names (default: all)")
    parser.add_argument("--langs", nargs="*", default=list(build_site.LANGS),
                        help="languages (default: all)")
    parser.add_argument("--no-after", action="store_true",
                        help="leave out the figure of an app opened after another one")
    parser.add_argument("--detail", action="store_true",
                        help="list the largest transfers of each first visit")
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
        # A host serves files compressed ahead of time: compress them all before measuring, not
        # during the first visit (serve.py keeps what it has compressed).
        for path in (site / "apps").rglob("*"):
            if path.is_file() and path.name.endswith(serve.COMPRESSIBLE):
                serve.gzipped(str(path))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        from playwright.sync_api import sync_playwright

        print(f"bench_browser: {site} ({load()})")
        print(f"{'app':<22} {'visit':<26} {'transferred':>12} {'requests':>9} {'first result':>13}")
        stems = [name + (".zh" if lang == "zh" else "") for name in names for lang in args.langs]
        url = f"{base}/apps/voici/render/{{}}.html".format
        figures = {}
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=build_site.CHROMIUM,
                                            args=build_site.CHROMIUM_ARGS)
                for n, stem in enumerate(stems):
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    for label in ("first", "second"):
                        try:
                            seen = visit(context, url(stem), detail=args.detail and label == "first")
                        except Exception as error:  # a figure missing, not a crash
                            print(f"{stem:<22} {label:<26} failed: {type(error).__name__}: "
                                  f"{str(error).splitlines()[0]}")
                            break
                        figures[stem, label] = seen
                        show(stem, label, seen, 12 if args.detail else 0)
                    context.close()
                    if args.no_after or len(stems) < 2:
                        continue
                    # Another app (not this one in the other language): the one before it in
                    # the list, or the last one for the first.
                    others = [s for s in stems if s.split(".")[0] != stem.split(".")[0]]
                    if not others:
                        continue
                    earlier = [s for s in stems[:n] if s in others]
                    before = earlier[-1] if earlier else others[-1]
                    context = browser.new_context(viewport={"width": 1280, "height": 900})
                    try:
                        visit(context, url(before))
                        seen = visit(context, url(stem))
                        figures[stem, "after"] = seen
                        show(stem, f"after {before}", seen)
                    except Exception as error:
                        print(f"{stem:<22} {'after':<26} failed: {type(error).__name__}: "
                              f"{str(error).splitlines()[0]}")
                    context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
        for label in ("first", "second", "after"):
            seen = [v for (_, kind), v in figures.items() if kind == label]
            if seen:
                print(f"{label:<7} visits: largest {max(v['bytes'] for v in seen) / 1e6:.2f} MB, "
                      f"slowest {max(v['seconds'] for v in seen):.1f} s, median "
                      f"{sorted(v['seconds'] for v in seen)[len(seen) // 2]:.1f} s "
                      f"({len(seen)} pages)")
        first = [v for (_, kind), v in figures.items() if kind == "first"]
        if first:
            most = max(v["bytes"] for v in first) / 1e6
            slowest = max(v["seconds"] for v in figures.values())
            print(f"targets: first visit <= 12 MB transferred ({most:.2f} MB: "
                  f"{'met' if most <= 12 else 'NOT met'}), first result <= 8 s "
                  f"(slowest {slowest:.1f} s: {'met' if slowest <= 8 else 'NOT met'}, on this "
                  f"machine at {load()})")
        # What the site hosts of Pyodide's own wheels, trimmed (tools/site/trimmed.py) or not.
        wheels = sorted(p.name for p in (site / "apps" / "static" / "pyodide").glob("*.whl")
                        if p.name.split("-")[0].lower() in ("numpy", "pygments"))
        if wheels:
            print("numpy and pygments as served: " + ", ".join(wheels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
