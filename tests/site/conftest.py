"""The built website, served as a static host serves it, and Debian's Chromium to read it.

The site (book, in-browser apps, wheel, previews) is built once per session by the ``built``
fixture of ``tests/conftest.py``, which the book's tests share. Every lesson page of ``_toc.yml`` and
every app of ``simulators/apps/`` is covered, including ones added later.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from site_helpers import ROOT, Server, build_site


@pytest.fixture(scope="session")
def site(built) -> Path:
    return built["html"]


@pytest.fixture(scope="session")
def site_url(site):
    server = Server(site)
    yield server.url
    server.close()


@pytest.fixture(scope="session")
def browser(request):
    if not os.path.exists(build_site.CHROMIUM):
        pytest.skip(f"Chromium not found at {build_site.CHROMIUM}")
    chromium = request.getfixturevalue("playwright_session").chromium.launch(
        executable_path=build_site.CHROMIUM, args=build_site.CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture(scope="session")
def voila_url():
    """The apps served by Voila from the working tree: the widgets need a live kernel, which
    the in-browser version cannot have here (no Pyodide without internet)."""
    base, proc = build_site.start_voila(ROOT)
    yield base
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture
def new_page(browser):
    """``new_page(width=1280, height=900)``: a fresh page that records every request."""
    pages = []

    def make(width: int = 1280, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30_000)
        page.requested = []
        page.on("request", lambda r: page.requested.append(r.url))
        pages.append(context)
        return page

    yield make
    for context in pages:
        context.close()




@pytest.fixture(autouse=True)
def frozen_today():
    """Not frozen here: the in-browser apps run on the reader's real today, so the sentences the
    tests compute in Python to compare with them use it too."""
    return None
