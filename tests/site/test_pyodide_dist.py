"""The site's own Pyodide (tools/site/pyodide_dist.py): assembled from a release archive or a
folder unpacked from one, only the files the apps need, each checked; a damaged file fails the
build and names itself. Runs on the test distribution (shared/pyodide-test), with no network."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path

import pytest

from site_helpers import ROOT, TEST_PYODIDE, build_site

import pyodide_dist  # noqa: E402  (tools/site is on the path through site_helpers)

pytestmark = pytest.mark.skipif(not TEST_PYODIDE.is_file(), reason="no test Pyodide here")

ROOTS = ["numpy", "ipywidgets", "traitlets"]
WANTED = {"asttokens", "decorator", "executing", "ipython", "matplotlib-inline", "micropip",
          "numpy", "prompt-toolkit", "pure-eval", "pygments", "six", "sqlite3",
          "stack-data", "traitlets", "wcwidth", "packaging"}
#: What the kernel would install from Pyodide but the site serves as a stand-in (see
#: tools/site/standins.py): never copied from the distribution.
NOT_HOSTED = {"jedi", "parso"}


def check(hosted: dict, dest: Path):
    lock = json.loads((dest / "pyodide-lock.json").read_text())
    assert set(lock["packages"]) <= WANTED and {"numpy", "ipython", "micropip"} <= set(lock["packages"])
    files = {p.name for p in dest.iterdir()}
    assert not [f for f in files if f.split("-")[0] in NOT_HOSTED]
    assert files == set(hosted["files"])
    assert set(pyodide_dist.CORE_FILES) | {"pyodide-lock.json"} <= files
    # nothing the apps do not need: no consoles, type stubs, source maps, or other packages
    assert not [f for f in files if f.endswith((".html", ".ts", ".map", ".mjs"))]
    assert {e["file_name"] for e in lock["packages"].values()} == {f for f in files if f.endswith(".whl")}


def test_from_the_release_archive(tmp_path):
    dest = tmp_path / "pyodide"
    hosted = pyodide_dist.assemble(str(TEST_PYODIDE), dest, ROOTS, ROOT, tmp_path / "cache")
    check(hosted, dest)


def test_from_a_folder_unpacked_from_it(tmp_path):
    folder = pyodide_dist.unpack_for_tests(TEST_PYODIDE, tmp_path / "unpacked")
    dest = tmp_path / "pyodide"
    hosted = pyodide_dist.assemble(str(folder.parent), dest, ROOTS, ROOT, tmp_path / "cache")
    check(hosted, dest)


def test_the_dependency_graph_of_the_lock_file():
    lock = {"packages": {"a": {"depends": ["b-c"]}, "b_c": {"name": "b-c", "depends": []},
                         "d": {"depends": []}}}
    assert pyodide_dist.needed_packages(lock, ["a", "not-pyodides"]) == ["a", "b_c"]


@pytest.mark.parametrize("victim", ["numpy-2.2.5-cp313-cp313-pyodide_2025_0_wasm32.whl",
                                    "pyodide.asm.wasm"])
def test_a_tampered_file_fails_the_build(tmp_path, victim):
    folder = pyodide_dist.unpack_for_tests(TEST_PYODIDE, tmp_path / "unpacked")
    with open(folder / victim, "r+b") as f:
        f.seek(100)
        f.write(b"tampered")
    with pytest.raises(SystemExit) as failed:
        pyodide_dist.assemble(str(folder), tmp_path / "pyodide", ROOTS, ROOT, tmp_path / "cache")
    message = str(failed.value)
    assert victim in message and "sha256" in message, message


def test_a_tampered_archive_fails_the_site_build(tmp_path):
    """The same through the build of the apps: a wheel changed inside the archive stops it."""
    damaged = tmp_path / "pyodide-0.29.0.tar.bz2"
    with tarfile.open(TEST_PYODIDE) as src, tarfile.open(damaged, "w:bz2") as out:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("/micropip-0.11.0-py3-none-any.whl"):
                data = data[:-10] + b"0123456789"
            out.addfile(member, io.BytesIO(data) if data is not None else None)
    wheels = build_site.browser_wheels() + [build_site.build_wheel(ROOT, tmp_path / "wheels")]
    with pytest.raises(SystemExit) as failed:
        build_site.build_apps(ROOT, tmp_path / "apps", str(damaged), wheels, tmp_path / "cache")
    assert "micropip-0.11.0-py3-none-any.whl" in str(failed.value)
    assert not (tmp_path / "apps").exists(), "a failed check must leave no site behind"


def test_a_missing_source_says_so(tmp_path):
    with pytest.raises(SystemExit, match="neither a Pyodide folder nor an archive"):
        pyodide_dist.assemble(str(tmp_path / "nowhere.tar.bz2"), tmp_path / "p", ROOTS, ROOT)
