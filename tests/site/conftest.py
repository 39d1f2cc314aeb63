"""The built website, served as a static host serves it, and Debian's Chromium to read it.

The site (book, in-browser apps, wheel, previews) is built once per session by
``tools/site/build_site.py`` in a temporary copy of the repository, so the tests never touch
``_build`` and always see the working tree as it is now. Every lesson page of ``_toc.yml`` and
every app of ``simulators/apps/`` is covered, including ones added later.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from site_helpers import ROOT, Server, build_site, configured_pyodide, copy_repo


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """Build the whole site once; return its folder and what the build reported."""
    if not os.path.exists(build_site.CHROMIUM):
        pytest.skip(f"Chromium not found at {build_site.CHROMIUM}")
    if _FAILED:
        pytest.fail(_FAILED[0], pytrace=False)
    work = copy_repo(tmp_path_factory.mktemp("site"))
    html = work / "_build" / "html"
    # In a process of its own: the previews drive Chromium with Playwright's synchronous API,
    # which cannot run inside the event loop of the other browser tests' Playwright session.
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "site" / "build_site.py"),
                           "--root", str(work), "--out", str(html),
                           "--pyodide", configured_pyodide()],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        _FAILED.append(f"the site build failed ({done.returncode}):\n{done.stdout[-8000:]}\n"
                       f"{done.stderr[-8000:]}")
        pytest.fail(_FAILED[0], pytrace=False)
    return {"html": html, "work": work, "pyodide": configured_pyodide()}


#: A failed build is reported once, not built again for every test that needs it.
_FAILED: list = []


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


