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
#: The build started while the tests were collected (``pytest_collection_modifyitems``).
_STARTED: dict = {}


def _start_build(work_parent: pathlib.Path) -> dict:
    """Start building the whole site in a temporary copy of the repository, in a process of its
    own (the previews drive Chromium with Playwright's synchronous API, which cannot run inside
    the event loop of the other browser tests' Playwright session); its output goes to a log."""
    import subprocess

    sys.path.insert(0, str(ROOT / "tests" / "site"))
    from site_helpers import configured_pyodide, copy_repo, pyodide_for_tests

    # The site hosts the test Pyodide when there is one (its apps then run in Chromium with no
    # internet); otherwise it uses the configured Pyodide, which this machine may not reach.
    hosted = pyodide_for_tests()
    pyodide = str(hosted) if hosted else configured_pyodide()
    work = copy_repo(work_parent)
    html = work / "_build" / "html"
    log = work / "site-build.log"
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.Popen([sys.executable, str(ROOT / "tools" / "site" / "build_site.py"),
                                 "--root", str(work), "--out", str(html), "--pyodide", pyodide],
                                stdout=out, stderr=subprocess.STDOUT)
    return {"proc": proc, "log": log, "site": {"html": html, "work": work, "pyodide": pyodide,
                                                "hosted_pyodide": hosted is not None}}


def _needs_site(item) -> bool:
    return "built" in getattr(item, "fixturenames", ())


def _times_a_server(item) -> bool:
    """The workshop server's tests, which time its culling and its load: they run after the
    site is built, on a machine no longer busy building it."""
    return "tests/workshop/" in item.nodeid.replace("\\", "/")


def pytest_collection_modifyitems(session, config, items):
    """The tests that read the built site run after the others, then the workshop server's, and
    the site starts building as soon as the tests are collected: the unit, property, notebook
    and Voila tests run while it builds, which is a few minutes of the test command."""
    import os

    sys.path.insert(0, str(ROOT / "tests" / "site"))
    from site_helpers import build_site

    first = [item for item in items if not _needs_site(item) and not _times_a_server(item)]
    last = [item for item in items if _needs_site(item) and not _times_a_server(item)]
    timed = [item for item in items if _times_a_server(item)]
    items[:] = first + last + timed
    if (not last or not first or os.environ.get("BH_TEST_SITE") or config.option.collectonly
            or not os.path.exists(build_site.CHROMIUM)):
        return  # nothing to do meanwhile: the fixture builds it when it is first needed
    _STARTED.update(_start_build(config._tmp_path_factory.mktemp("site")))


def pytest_sessionfinish(session, exitstatus):
    proc = _STARTED.get("proc")
    if proc is not None and proc.poll() is None:  # the run stopped before a test needed it
        proc.terminate()
        proc.wait()


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict:
    """The whole site (the book, the in-browser apps, the wheel and the previews), built once in
    a temporary copy of the repository, so the tests never touch ``_build`` and always see the
    working tree as it is now (started while the tests were collected, or here); its folder. The
    book's tests and the site's tests read this one build. It hosts the test Pyodide
    (``site_helpers.TEST_PYODIDE``) when it exists: ``hosted_pyodide`` says so, ``pyodide`` is
    the setting the build was given."""
    import os

    sys.path.insert(0, str(ROOT / "tests" / "site"))
    from site_helpers import build_site

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
    if not _STARTED:
        _STARTED.update(_start_build(tmp_path_factory.mktemp("site")))
    code = _STARTED["proc"].wait(timeout=1800)
    if code != 0:
        output = _STARTED["log"].read_text(encoding="utf-8", errors="replace")
        _FAILED.append(f"the site build failed ({code}):\n{output[-12000:]}")
        pytest.fail(_FAILED[0], pytrace=False)
    return _STARTED["site"]


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
