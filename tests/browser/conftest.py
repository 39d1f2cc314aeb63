"""A live Voila server and Debian's Chromium for the browser tests.

The server is started once per session from the repository root with the virtual environment's
``voila`` on a free localhost port, and stopped at the end. Chromium is launched directly
(Playwright's own browsers are not installed: no network), with the flags the project uses.
"""

from __future__ import annotations

import os
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("BH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
APP_PATH = "/voila/render/late_payment.ipynb"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def voila_executable() -> str:
    here = pathlib.Path(sys.executable).parent / "voila"
    return str(here) if here.exists() else (shutil.which("voila") or "voila")


def start_voila(timeout: float = 90.0):
    """Start Voila on a free port; return (base_url, process, log_path)."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="voila-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [voila_executable(), "simulators/apps", "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Voila exited early:\n{pathlib.Path(log.name).read_text()}")
        try:
            with urllib.request.urlopen(f"{base}/", timeout=2) as r:
                if r.status == 200:
                    return base, proc, log.name
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop(proc)
    raise RuntimeError(f"Voila did not answer in {timeout} s:\n{pathlib.Path(log.name).read_text()}")


def stop(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def open_app(browser, base_url: str, width: int = 1280, query: str = "", height: int = 900):
    """A new page showing the app, once its first sentence is on screen."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.set_default_timeout(30_000)
    page.goto(f"{base_url}{APP_PATH}{query}")
    page.wait_for_selector(".bh-sentence p", timeout=90_000)
    return page


def full_page_screenshot(page, path: pathlib.Path):
    """Voila scrolls inside #rendered_cells, not the document: grow the viewport to the content,
    take the picture, and put the viewport back."""
    path.parent.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


@pytest.fixture(scope="session")
def voila_url():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    base, proc, log = start_voila()
    yield base
    stop(proc)
    try:
        os.unlink(log)
    except OSError:
        pass


@pytest.fixture(scope="session")
def chromium_browser(request):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    browser = launch_chromium(request.getfixturevalue("playwright_session"))
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def screenshots_dir():
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def app_page(chromium_browser, voila_url):
    """``app_page(width=1280, query="")`` opens the app in a new page; pages close after the
    test."""
    pages = []

    def make(width: int = 1280, query: str = "", height: int = 900):
        page = open_app(chromium_browser, voila_url, width, query, height)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


@pytest.fixture(scope="session")
def screenshot():
    return full_page_screenshot


@pytest.fixture(autouse=True)
def frozen_today():
    """Not frozen here: the apps run in Voila's kernels on the real today, so the tests' own
    computations (the engine's sentences they compare with) use it too."""
    return None
