"""The wheels a site that hosts Pyodide serves as bytecode (tools/site/compiled.py), and the lock
file that starts Python with every package an app needs (pyodide_dist.serve_wheels).

The bytecode is checked where it runs: a compiled wheel is unpacked into Pyodide's Python (in
Node.js, from the test distribution), imported and run; its traceback says where the frame is.
In Chromium, tests/site/test_trimmed.py checks that an app's kernel compiles nothing itself and
test_in_browser_apps.py that it asks no package index. Runs with no network."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import Path

import pytest

from site_helpers import ROOT, TEST_PYODIDE  # noqa: F401  (ROOT: puts tools/site on the path)

import compiled  # noqa: E402
import pyodide_dist  # noqa: E402

needs_pyodide = pytest.mark.skipif(not TEST_PYODIDE.is_file(), reason="no test Pyodide here")

#: The first four bytes of a .pyc for Python 3.13 (magic number 3571), Pyodide 0.29.0's Python.
PYTHON_313_MAGIC = (3571).to_bytes(2, "little") + b"\r\n"

DEMO = {
    "bhdemo/__init__.py": "from .mod import double, boom\n",
    "bhdemo/mod.py": ('"""A module."""\n\n\ndef double(x):\n    return 2 * x\n\n\n'
                      "def boom():\n    raise ValueError('boom from bhdemo')\n"),
    "bhdemo/broken.py": "def (:\n",
    "bhdemo-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: bhdemo\nVersion: 1.0\n",
    "bhdemo-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    "bhdemo-1.0.dist-info/RECORD": "",
}


def demo_wheel() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for path, text in DEMO.items():
            archive.writestr(zipfile.ZipInfo(path, date_time=(2020, 1, 1, 0, 0, 0)), text)
    return out.getvalue()


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    if not TEST_PYODIDE.is_file():
        pytest.skip("no test Pyodide here")
    return pyodide_dist.unpack_for_tests(TEST_PYODIDE, tmp_path_factory.mktemp("pyodide"))


def compile_demo(dist) -> bytes:
    data = demo_wheel()
    sources = {p: t.encode() for p, t in DEMO.items() if p.endswith(".py")}
    done, failed = compiled.compile_with_pyodide(dist, sources)
    return compiled.repack("bhdemo-1.0-py3-none-any.whl", data, done, failed)


def test_a_compiled_wheel_runs_in_pyodide_and_says_where_its_frames_are(dist, tmp_path):
    wheel = compile_demo(dist)
    archive = zipfile.ZipFile(io.BytesIO(wheel))
    names = archive.namelist()
    assert {"bhdemo/__init__.pyc", "bhdemo/mod.pyc"} <= set(names)
    assert "bhdemo/mod.py" not in names and "bhdemo/__init__.py" not in names
    assert archive.read("bhdemo/mod.pyc")[:4] == PYTHON_313_MAGIC, "not Python 3.13's bytecode"
    # What Python cannot compile stays as it was, and the note says why.
    assert archive.read("bhdemo/broken.py") == b"def (:\n"
    note = archive.read("bhdemo-1.0.dist-info/BH-COMPILED.txt").decode()
    assert "bhdemo/broken.py" in note and hashlib.sha256(demo_wheel()).hexdigest() in note
    assert "Tag: cp313-none-any" in archive.read("bhdemo-1.0.dist-info/WHEEL").decode()
    # The RECORD is true of every file.
    record = {}
    for line in archive.read("bhdemo-1.0.dist-info/RECORD").decode().splitlines():
        path, digest, size = line.rsplit(",", 2)
        record[path] = (digest, size)
    assert set(record) == set(names)
    for path in names:
        if not path.endswith("RECORD"):
            assert record[path][1] == str(len(archive.read(path))), path
    # In Pyodide's Python: imported from the bytecode, it runs, and a traceback names the file.
    archive.extractall(tmp_path / "site")
    code = (
        "import sys, traceback\n"
        "sys.path.insert(0, '/work/site')\n"
        "import bhdemo, bhdemo.mod\n"
        "assert bhdemo.mod.__file__.endswith('mod.pyc'), bhdemo.mod.__file__\n"
        "assert bhdemo.double(21) == 42\n"
        "try:\n"
        "    bhdemo.boom()\n"
        "except ValueError:\n"
        "    text = traceback.format_exc()\n"
        "open('/work/said.txt', 'w').write(text)\n")
    done = compiled.run_in_pyodide(dist, tmp_path, code)
    assert done.returncode == 0, done.stderr[-3000:]
    said = (tmp_path / "said.txt").read_text()
    assert 'File "/lib/python3.13/site-packages/bhdemo/mod.py", line 9, in boom' in said, said
    assert "ValueError: boom from bhdemo" in said


def test_compiling_gives_the_same_bytes_every_time(dist):
    assert compile_demo(dist) == compile_demo(dist)


def test_a_wheel_name_says_which_python_its_bytecode_is_for():
    assert compiled.compiled_name("six-1.17.0-py2.py3-none-any.whl") == "six-1.17.0-cp313-none-any.whl"
    assert (compiled.compiled_name("pygments-2.19.1+bh.trimmed-py3-none-any.whl")
            == "pygments-2.19.1+bh.trimmed-cp313-none-any.whl")
    name = "numpy-2.2.5-cp313-cp313-pyodide_2025_0_wasm32.whl"
    assert compiled.compiled_name(name) == name


# --------------------------------------------------------------------------- the lock file

def wheel(folder, name, version, requires=(), module=None) -> Path:
    dist_info = f"{name}-{version}.dist-info"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires)
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{module or name}/__init__.py", "")
        archive.writestr(f"{dist_info}/METADATA", meta)
    return path


def test_python_starts_with_the_site_wheels_that_fit(tmp_path):
    """The newest wheel that every requirement accepts; what the lock has stays the lock's;
    a requirement for another platform or an extra is not followed."""
    dest = tmp_path / "pyodide"
    dest.mkdir()
    lock = {"info": {}, "packages": {"traitlets": {"name": "traitlets", "version": "5",
                                                   "file_name": "t.whl", "depends": []}}}
    (dest / "pyodide-lock.json").write_text(json.dumps(lock))
    wheels = [
        wheel(tmp_path, "app", "1.0", ["widgets>=8", "pytest; extra == 'test'",
                                       "pywin32; sys_platform == 'win32'"]),
        wheel(tmp_path, "widgets", "8.1", ["ext~=4.0.16", "traitlets>=4"]),
        wheel(tmp_path, "ext", "3.6.999"),
        wheel(tmp_path, "ext", "4.0.999"),
        wheel(tmp_path, "unused", "1.0"),
    ]
    added = pyodide_dist.serve_wheels(dest, wheels, ["app"])
    assert sorted(added) == ["app", "ext", "widgets"]
    served = json.loads((dest / "pyodide-lock.json").read_text())["packages"]
    assert served["ext"]["version"] == "4.0.999"
    assert served["traitlets"]["file_name"] == "t.whl", "the lock's own entry must stay"
    assert served["widgets"]["depends"] == ["ext", "traitlets"]
    assert served["app"]["depends"] == ["widgets"]
    assert served["app"]["imports"] == ["app"]
    for name in added:
        data = (dest / served[name]["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == served[name]["sha256"]


def test_a_requirement_nobody_serves_stops_the_build(tmp_path):
    dest = tmp_path / "pyodide"
    dest.mkdir()
    (dest / "pyodide-lock.json").write_text(json.dumps({"info": {}, "packages": {}}))
    wheels = [wheel(tmp_path, "widgets", "8.1", ["comm>=0.1.3"])]
    with pytest.raises(SystemExit, match="comm is needed"):
        pyodide_dist.serve_wheels(dest, wheels, ["widgets"])


# --------------------------------------------------------------------------- on the site

def test_the_site_serves_every_wheel_but_the_simulators_as_bytecode(built):
    if not built["hosted_pyodide"]:
        pytest.skip("the site does not host Pyodide")
    (folder,) = {p.parent for p in built["html"].glob("apps/**/pyodide/pyodide-lock.json")}
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    ours = "borrowers-handbook-simulators"
    for needed in (ours, "ipywidgets", "comm", "piplite", "pyodide-kernel", "ipykernel", "jedi"):
        assert needed in lock["packages"], f"Python does not start with {needed}"
    for key, entry in lock["packages"].items():
        data = (folder / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["file_name"]
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        sources = [n for n in names if n.endswith(".py") and ".dist-info/" not in n]
        if key == ours:
            assert sources and not any(n.endswith(".pyc") for n in names)
            continue
        assert not sources, f"{entry['file_name']} holds source the browser would compile: {sources[:5]}"
        for name in [n for n in names if n.endswith(".pyc")][:3]:
            assert zipfile.ZipFile(io.BytesIO(data)).read(name)[:4] == PYTHON_313_MAGIC, name
