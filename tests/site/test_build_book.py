"""The site build's two book builds (tools/site/build_site.build_book), without building a book:
``jupyter-book`` is replaced by small processes that write a log and end as told."""

from __future__ import annotations

import subprocess
import sys

import pytest

from site_helpers import ROOT, build_site


def fake_builds(monkeypatch, tmp_path, outcomes):
    """Each start of an edition's build takes the next (exit code, log text) of ``outcomes``
    for that edition ("English", "Chinese"); returns the list of editions started, in order."""
    started = []

    def start(cmd, root, log, pyodide=None):
        what = "Chinese" if "--toc" in cmd else "English"
        code, text = outcomes[what].pop(0)
        started.append(what)
        log.write_text(text, encoding="utf-8")
        return subprocess.Popen([sys.executable, "-c", f"raise SystemExit({code})"])

    monkeypatch.setattr(build_site, "_jupyter_book", start)
    monkeypatch.setattr(build_site.bh_editions, "relocate", lambda *a: None)
    (tmp_path / "_build" / "html").mkdir(parents=True)
    return started


def test_a_build_that_lost_a_kernel_port_is_built_again(monkeypatch, tmp_path):
    started = fake_builds(monkeypatch, tmp_path, {
        "English": [(1, "zmq.error.ZMQError: Address already in use (addr='tcp://127.0.0.1:1')"),
                    (0, "build succeeded")],
        "Chinese": [(0, "build succeeded")]})
    build_site.build_book(ROOT, tmp_path / "_build" / "html", quiet=True)
    assert started == ["English", "Chinese", "English"]


def test_a_build_that_fails_otherwise_stops_the_site_build_with_its_log(monkeypatch, tmp_path):
    started = fake_builds(monkeypatch, tmp_path, {
        "English": [(0, "build succeeded")],
        "Chinese": [(1, "WARNING: a broken reference")]})
    with pytest.raises(SystemExit, match="(?s)the Chinese book build failed.*a broken reference"):
        build_site.build_book(ROOT, tmp_path / "_build" / "html", quiet=True)
    assert started == ["English", "Chinese"]
