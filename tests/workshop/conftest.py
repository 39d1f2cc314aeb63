"""A workshop server for the workshop tests: one simulator (late payment), one kernel kept
ready, kernels culled after 4 s without a page, a small book built with the real
``_config.yml`` workshop links; started once per session and stopped at the end."""

from __future__ import annotations

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("BH_CHROMIUM", "/usr/bin/chromium")
sys.path.insert(0, str(ROOT))

from handbook_workshop import launch  # noqa: E402

CULL_IDLE = 4
LINK_PAGE = """# Workshop links

In a workshop, the same simulator runs on a laptop with no internet:

:::{container} bh-open-simulator
{{ simulator_late_payment_link }}
:::

:::{container} bh-open-simulator
{{ simulator_late_payment_link_zh }}
:::
"""


@pytest.fixture(scope="session")
def mini_book(tmp_path_factory) -> pathlib.Path:
    """A one-page Jupyter Book built with the book's own substitutions and MyST settings."""
    src = tmp_path_factory.mktemp("minibook")
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    mini = {"title": "Workshop links", "execute": {"execute_notebooks": "off"},
            "parse": config["parse"], "only_build_toc_files": True}
    (src / "_config.yml").write_text(yaml.safe_dump(mini, allow_unicode=True), encoding="utf-8")
    (src / "_toc.yml").write_text("format: jb-book\nroot: index\n", encoding="utf-8")
    (src / "index.md").write_text(LINK_PAGE, encoding="utf-8")
    jb = pathlib.Path(sys.executable).parent / "jupyter-book"
    if not jb.exists():
        pytest.skip("jupyter-book is not installed")
    subprocess.run([str(jb), "build", str(src), "-W", "-n", "--keep-going", "-q"], check=True,
                   capture_output=True, text=True)
    html = src / "_build" / "html"
    (html / "404.html").write_text("<!DOCTYPE html><title>Not found</title><p>Not found</p>")
    return html


@pytest.fixture(scope="session")
def one_app(tmp_path_factory) -> pathlib.Path:
    apps = tmp_path_factory.mktemp("apps")
    shutil.copy(ROOT / "simulators" / "apps" / "late_payment.ipynb", apps)
    return apps


@pytest.fixture(scope="session")
def workshop(mini_book, one_app):
    """(base_url, process) of a running workshop server."""
    base, proc, log = launch.start(
        ["--apps", str(one_app), "--book", str(mini_book), "--pool", "1",
         "--cull-idle", str(CULL_IDLE), "--cull-interval", "1", "--max-kernels", "6"],
        env={"PYTHONPATH": str(ROOT)}, ready=1, timeout=240)
    yield base, proc
    launch.stop(proc)
    text = pathlib.Path(log).read_text(errors="replace")
    os.unlink(log)
    assert "Traceback" not in text, text[-4000:]


@pytest.fixture(scope="session")
def full_room(one_app):
    """A workshop server whose room is always full (a cap of 0, no kernels at all)."""
    base, proc, log = launch.start(["--apps", str(one_app), "--pool", "0", "--max-kernels", "0"],
                                   env={"PYTHONPATH": str(ROOT)}, timeout=120)
    yield base
    launch.stop(proc)
    os.unlink(log)


@pytest.fixture(scope="session")
def browser(playwright_session):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    sys.path.insert(0, str(ROOT / "tools" / "site"))
    from build_site import CHROMIUM_ARGS
    b = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield b
    b.close()
