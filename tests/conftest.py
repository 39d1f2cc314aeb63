import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


import pytest  # noqa: E402


@pytest.fixture(scope="session")
def playwright_session():
    """One Playwright for the whole run. Its synchronous API runs an event loop of its own and
    refuses to start a second time in the same process while the first is open, so the browser
    tests and the site tests share this one."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


# --------------------------------------------------------------------------- the built site

#: A failed build is reported once, not built again for every test that needs it.
_FAILED: list = []


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """Build the whole site once (the book, the in-browser apps, the wheel and the previews) in
    a temporary copy of the repository, so the tests never touch ``_build`` and always see the
    working tree as it is now; return its folder. The book's tests and the site's tests read
    this one build. It hosts the test Pyodide (``site_helpers.TEST_PYODIDE``) when it exists:
    ``hosted_pyodide`` says so, ``pyodide`` is the setting the build was given."""
    import os
    import subprocess

    sys.path.insert(0, str(ROOT / "tests" / "site"))
    from site_helpers import build_site, configured_pyodide, copy_repo, pyodide_for_tests

    if not os.path.exists(build_site.CHROMIUM):
        pytest.skip(f"Chromium not found at {build_site.CHROMIUM}")
    # BH_TEST_SITE=<an html folder already built from this tree>: read that one instead of
    # building again (for checking a few pages while working; a full run builds its own).
    if os.environ.get("BH_TEST_SITE"):
        html = pathlib.Path(os.environ["BH_TEST_SITE"]).resolve()
        hosts = any(html.glob("apps/**/pyodide/pyodide.asm.wasm"))
        return {"html": html, "work": None, "pyodide": None, "hosted_pyodide": hosts}
    if _FAILED:
        pytest.fail(_FAILED[0], pytrace=False)
    # The site hosts the test Pyodide when there is one (its apps then run in Chromium with no
    # internet); otherwise it uses the configured Pyodide, which this machine may not reach.
    hosted = pyodide_for_tests()
    pyodide = str(hosted) if hosted else configured_pyodide()
    work = copy_repo(tmp_path_factory.mktemp("site"))
    html = work / "_build" / "html"
    # In a process of its own: the previews drive Chromium with Playwright's synchronous API,
    # which cannot run inside the event loop of the other browser tests' Playwright session.
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "site" / "build_site.py"),
                           "--root", str(work), "--out", str(html),
                           "--pyodide", pyodide],
                          capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        _FAILED.append(f"the site build failed ({done.returncode}):\n{done.stdout[-8000:]}\n"
                       f"{done.stderr[-8000:]}")
        pytest.fail(_FAILED[0], pytrace=False)
    return {"html": html, "work": work, "pyodide": pyodide, "hosted_pyodide": hosted is not None}


# --------------------------------------------------------------------------- the reader's today

#: The day the unit and property tests take as the reader's today: a scenario without a date of
#: its own starts on it (``simulators.core.dates.today``). Frozen so that results do not change
#: with the calendar; tests of "today" itself set their own.
FROZEN_TODAY = __import__("datetime").date(2026, 1, 15)


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    from simulators.core import dates

    monkeypatch.setattr(dates, "today", lambda: FROZEN_TODAY)
    return FROZEN_TODAY
