"""The route for a laptop with nothing but Python 3.11+: a fresh virtual environment, the
project installed from this checkout with its constraints and the ``workshop`` extra (no apt, no
Chromium, no root), then ``handbook-workshop`` serves a simulator that answers.

It downloads (or takes from pip's cache) Voila and its dependencies: about 40 s here with a warm
cache, minutes without. So it runs only when BH_INSTALL_ROUTE=1, which ``./handbook bench`` sets;
the test command skips it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import pytest

from handbook_workshop import launch
from handbook_workshop.participant import Participant

from conftest import ROOT  # tests/workshop/conftest.py

pytestmark = pytest.mark.skipif(os.environ.get("BH_INSTALL_ROUTE") != "1",
                                reason="downloads packages: set BH_INSTALL_ROUTE=1 "
                                       "(./handbook bench does)")


def test_pip_install_and_handbook_workshop(tmp_path):
    venv = tmp_path / "venv"
    python = os.environ.get("BH_ROUTE_PYTHON", "python3.11")
    t0 = time.monotonic()
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "-c",
                    str(ROOT / "constraints.txt"), f"{ROOT}[workshop]"], check=True)
    installed = time.monotonic() - t0
    # Nothing of the book's or the tests' tool chain came with it.
    listed = subprocess.run([str(bin_dir / "python"), "-m", "pip", "list"], check=True,
                            capture_output=True, text=True).stdout.lower()
    for absent in ("playwright", "jupyter-book", "sphinx", "pytest"):
        assert absent not in listed, absent
    base, proc, log = launch.start(["--pool", "1"], command=[str(bin_dir / "handbook-workshop")],
                                   env={"PYTHONPATH": ""}, ready=1, timeout=300)
    try:
        async def go():
            p = Participant(base, lang="zh")
            await p.open()
            assert "逾期" in p.sentence()
            comm, amount = p.amount_input()
            await p.change(comm, f"{amount + 1000:.0f}")
            p.close()
        asyncio.run(go())
    finally:
        launch.stop(proc)
        os.unlink(log)
    print(f"installed in {installed:.0f} s", file=sys.stderr)
