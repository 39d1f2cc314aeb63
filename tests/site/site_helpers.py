"""Helpers for the website tests (the fixtures are in conftest.py): the pages and apps to check
(read from _toc.yml and simulators/apps/ each run, so new ones are covered), a static server,
axe-core, and where pictures for review are kept (artifacts/site/)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "site"))

import build_site  # noqa: E402
import serve  # noqa: E402

COPY = ("_config.yml", "_toc.yml", "_config_zh.yml", "_toc_zh.yml", "pyproject.toml", "book", "examples", "simulators")
ARTIFACTS = ROOT / "artifacts" / "site"
AXE = ROOT / "tools" / "site" / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


TOCS = {"en": "_toc.yml", "zh": "_toc_zh.yml"}


def toc_pages(edition: str | None = None) -> list[str]:
    """Every page of the tables of contents (the English edition's, then the Chinese
    edition's, or only ``edition``'s), as its path in the built site."""
    if edition is None:
        return toc_pages("en") + toc_pages("zh")
    toc = yaml.safe_load((ROOT / TOCS[edition]).read_text(encoding="utf-8"))
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


def app_names() -> list[str]:
    return [p.stem for p in build_site.apps(ROOT)]


def app_pages() -> list[str]:
    """Every in-browser app page, in each language."""
    return [f"apps/voici/render/{name}{'.zh' if lang == 'zh' else ''}.html"
            for name in app_names() for lang in build_site.LANGS]


def configured_pyodide() -> str:
    return build_site.pyodide_setting(ROOT)


#: A Pyodide distribution for tests, with no internet (see shared/pyodide-test/README.md): the
#: folder shared/ sits beside the repository, here and in CI.
TEST_PYODIDE = ROOT.parent / "shared" / "pyodide-test" / "pyodide-0.29.0-test.tar.bz2"


def pyodide_for_tests() -> Path | None:
    """The test Pyodide archive the site is built with, so that its apps run in Chromium here;
    None if it is missing (the site is then built with the configured Pyodide, and the tests
    that run an app in the browser skip)."""
    return TEST_PYODIDE.resolve() if TEST_PYODIDE.is_file() else None


def copy_repo(dest: Path) -> Path:
    for name in COPY:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__", "_build", "*.pyc"))
        else:
            shutil.copy2(src, dest / name)
    return dest


class Server:
    def __init__(self, directory: Path):
        os.environ["BH_SERVE_QUIET"] = "1"
        self.httpd = serve.make_server(directory, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def run_axe(page) -> list[dict]:
    """axe-core's WCAG 2.1 A and AA checks on the page as it is now; the violations."""
    assert AXE.exists(), "axe-core is not installed: run ./handbook setup (npm ci in tools/site)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
                           AXE_TAGS)
    return result["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = [", ".join(n["target"]) for n in v["nodes"][:4]]
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} -> {targets}")
    return "\n".join(lines)


def outside(requested: list[str], base: str) -> list[str]:
    """Requests that left the site's own host."""
    return [u for u in requested
            if not u.startswith(base) and not u.startswith(("data:", "blob:", "about:"))]


def save(name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS / name


def read_json(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def kinds_of_content(html: str) -> set[str]:
    """What a page's article is made of: each element name, and each element name with each of
    its classes (``table``, ``div.admonition``, ``div.bh-letter`` ...)."""
    import bs4

    page = bs4.BeautifulSoup(html, "html.parser")
    article = page.select_one("article") or page
    kinds = set()
    for element in article.find_all(True):
        kinds.add(element.name)
        kinds.update(f"{element.name}.{name}" for name in element.get("class") or ())
    return kinds


def pages_showing_every_kind(site: Path, pages: list[str]) -> list[str]:
    """A few pages that, between them, hold every kind of content that ``pages`` hold (a greedy
    cover, in a fixed order, so a run visits the same pages each time): the pages a browser
    visits for the checks that cost seconds a page. The pages share one template, so what they
    can differ in is what their articles are made of; a page that brings a new kind of content
    (a new box, table or figure) is picked up the next run without a change here."""
    kinds = {rel: kinds_of_content((site / rel).read_text(encoding="utf-8")) for rel in pages}
    missing = set().union(*kinds.values())
    chosen = []
    while missing:
        best = max(pages, key=lambda rel: len(kinds[rel] & missing))
        chosen.append(best)
        missing -= kinds[best]
    return chosen


def python_with(code: str, path: Path) -> None:
    """Run ``code`` in a fresh CPython that imports only from ``path`` (the unpacked wheels of
    the site) and the standard library; it must print "ok" last."""
    import subprocess

    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"}, timeout=120)
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stderr[-3000:]
