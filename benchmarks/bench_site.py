"""Lighthouse on every lesson page of the built site (mobile preset), and each page's weight.

    python benchmarks/bench_site.py [--site _build/html] [--edition en|zh|both] [--pages book/index.html ...] [--json FILE]

Needs the built site (``./handbook build``; ``./handbook bench`` builds it first) and Lighthouse
from ``tools/site`` (``npm ci`` there; ``./handbook setup`` does it). Serves the site as a static
host does (gzip, tools/site/serve.py) and runs Lighthouse 12 in Debian's Chromium with its
default mobile settings (a mid-range phone, throttled network and CPU).

Both editions by default (the English pages of ``_toc.yml``, the Chinese pages of ``_toc_zh.yml``,
the Chinese search page and the site's root), with the lowest and mean scores of each edition.

Prints, for each page: the four scores (targets: performance at least 90, accessibility, best
practices and SEO 100) and the bytes transferred before the reader opens a simulator (target:
under 500 KB), with the audits that cost points when a score misses its target.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools" / "site"))

import serve  # noqa: E402

LIGHTHOUSE = ROOT / "tools" / "site" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("BH_CHROMIUM", "/usr/bin/chromium")
FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
         "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
WEIGHT_TARGET = 500 * 1024


def toc_pages(toc_file: str = "_toc.yml") -> list[str]:
    if toc_file == "both":
        return toc_pages("_toc.yml") + toc_pages("_toc_zh.yml")
    toc = yaml.safe_load((ROOT / toc_file).read_text(encoding="utf-8"))
    files = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                files.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", []):
        walk(part.get("chapters", []))
    walk(toc.get("chapters", []))
    return [f + ".html" for f in files]


def lighthouse(url: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="bh-lh-") as scratch:
        out = Path(scratch) / "report.json"
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}"]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0 or not out.exists():
            raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
        return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    weight = report["audits"]["total-byte-weight"]["numericValue"]
    missed = {}
    for category in CATEGORIES:
        if scores[category] >= TARGETS[category]:
            continue
        refs = report["categories"][category]["auditRefs"]
        missed[category] = [r["id"] for r in refs if r.get("weight", 0) > 0
                            and (report["audits"][r["id"]].get("score") is not None)
                            and report["audits"][r["id"]]["score"] < 1]
    return {"scores": scores, "bytes": int(weight), "missed": missed,
            "lcp_ms": round(report["audits"]["largest-contentful-paint"]["numericValue"]),
            "tbt_ms": round(report["audits"]["total-blocking-time"]["numericValue"])}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    parser.add_argument("--pages", nargs="*", help="pages to measure (default: every toc page)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--edition", choices=("en", "zh", "both"), default="both",
                        help="the pages of one edition's table of contents (default: both)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").exists():
        sys.exit(f"no built site in {args.site}: run ./handbook build")
    if not LIGHTHOUSE.exists():
        sys.exit("Lighthouse is not installed: run ./handbook setup (npm ci in tools/site)")
    os.environ["BH_SERVE_QUIET"] = "1"
    server = serve.make_server(args.site, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    pages = args.pages or toc_pages({"en": "_toc.yml", "zh": "_toc_zh.yml", "both": "both"}[args.edition])
    if not args.pages and args.edition != "en":
        # The Chinese edition's own search page and the site's root (the chooser).
        pages += ["zh/search.html", "index.html"]
    results = {}
    print(f"Lighthouse {json.loads((LIGHTHOUSE.resolve().parents[1] / 'package.json').read_text())['version']}"
          f", mobile preset, {len(pages)} pages")
    header = f"{'page':<46} {'perf':>4} {'a11y':>4} {'b.p.':>4} {'seo':>4} {'KB':>6} {'LCP ms':>7} {'TBT ms':>6}"
    print(header)
    print("-" * len(header))
    try:
        for rel in pages:
            result = summary(lighthouse(f"{base}/{rel}"))
            results[rel] = result
            s = result["scores"]
            flag = "" if (all(s[c] >= TARGETS[c] for c in CATEGORIES)
                          and result["bytes"] < WEIGHT_TARGET) else "  <- below target"
            print(f"{rel:<46} {s['performance']:>4} {s['accessibility']:>4} "
                  f"{s['best-practices']:>4} {s['seo']:>4} {result['bytes'] / 1024:>6.0f} "
                  f"{result['lcp_ms']:>7} {result['tbt_ms']:>6}{flag}", flush=True)
            for category, audits in result["missed"].items():
                print(f"    {category}: {', '.join(audits)}")
    finally:
        server.shutdown()
        server.server_close()
    # Each edition on its own: the English pages, and the Chinese ones (book/zh/, zh/).
    for name, keep in (("English edition", lambda r: not r.startswith(("book/zh/", "zh/"))),
                       ("Chinese edition", lambda r: r.startswith(("book/zh/", "zh/")))):
        mine = {r: v for r, v in results.items() if keep(r)}
        if mine:
            low = {c: min(v["scores"][c] for v in mine.values()) for c in CATEGORIES}
            mean = {c: sum(v["scores"][c] for v in mine.values()) / len(mine) for c in CATEGORIES}
            print(f"{name} ({len(mine)} pages): lowest " + ", ".join(f"{c} {low[c]}" for c in CATEGORIES)
                  + "; mean " + ", ".join(f"{c} {mean[c]:.0f}" for c in CATEGORIES))
    worst = {c: min(r["scores"][c] for r in results.values()) for c in CATEGORIES}
    heaviest = max(results.items(), key=lambda kv: kv[1]["bytes"])
    print(f"lowest scores: " + ", ".join(f"{c} {worst[c]}" for c in CATEGORIES))
    print(f"heaviest page: {heaviest[0]} at {heaviest[1]['bytes'] / 1024:.0f} KB "
          f"(target under {WEIGHT_TARGET // 1024} KB)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
