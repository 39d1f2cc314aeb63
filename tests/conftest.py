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
