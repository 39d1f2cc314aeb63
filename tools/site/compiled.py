"""Compiled wheels: the pure-Python packages a site that hosts Pyodide serves, as bytecode.

A reader's browser imports IPython (with prompt_toolkit, stack_data and the rest) when the
kernel starts, then ipywidgets and NumPy's Python parts. The wheels hold source files, so
Python in the browser first compiles every module it imports to bytecode, at every visit (its
file system lives in memory and is gone when the page closes). Measured in Chromium on this
machine (the test Pyodide, worker alone): ``import IPython`` took 2.0 to 2.5 s of the 7 s to a
first result, most of it compiling.

So at each build, after the wheels have passed their sha256 check (and NumPy and Pygments have
been trimmed, tools/site/trimmed.py), each served wheel's ``.py`` files are compiled by the
Python that will run them, Pyodide's own (in Node.js, from the files the site serves), and the
wheel is repacked with the ``.pyc`` in their place, as Pyodide's ``pyodide py-compile`` does:

- a module ``pkg/mod.py`` becomes ``pkg/mod.pyc`` (sourceless: Python loads it as it is; the
  ``unchecked-hash`` kind of PEP 552, which holds no date, so the same source gives the same
  bytes); a file Python cannot compile (none today) stays as source;
- the name of the code is its path in the browser (``/lib/python3.13/site-packages/...``), so
  a traceback says where a frame is; it shows no source line for these frames (the apps show a
  reader a message, never a traceback);
- bytecode belongs to one Python: the wheel's tag becomes ``cp313`` (``WHEEL`` and file name),
  its ``RECORD`` is made again, and ``.dist-info/BH-COMPILED.txt`` says what was done and from
  which file (with its sha256);
- the site's ``pyodide-lock.json`` names the compiled file with its own sha256.

Not compiled: the simulators' own wheel (the site serves the working tree's source, which the
tests compare file by file; it imports in a tenth of a second).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

import trimmed

#: Where the browser's Python installs a wheel (Pyodide 0.29.0, Python 3.13).
SITE_PACKAGES = "/lib/python3.13/site-packages/"
#: The Python tag of bytecode for Pyodide 0.29.0's Python.
PYTHON_TAG = "cp313"
NOTE = "BH-COMPILED.txt"

#: Run by Pyodide's Python in Node.js: compile each job's source to a sourceless .pyc.
_COMPILE = r'''
import json, py_compile
jobs = json.load(open("/work/jobs.json"))
failed = []
for source, cfile, dfile in jobs:
    try:
        py_compile.compile("/work/" + source, cfile="/work/" + cfile, dfile=dfile, doraise=True,
                           invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)
    except py_compile.PyCompileError as error:
        failed.append([source, str(error).splitlines()[-1][:200]])
json.dump(failed, open("/work/failed.json", "w"))
'''

_RUNNER = r'''
const path = require("path");
const [dist, work] = process.argv.slice(2);
const { loadPyodide } = require(path.join(dist, "pyodide.js"));
(async () => {
  // No column ranges in the bytecode: they only place the carets under a traceback's source
  // line, and compiled wheels have no source lines to show.
  const py = await loadPyodide({ indexURL: dist + path.sep, stdout: () => {}, stderr: console.error,
                                env: { PYTHONNODEBUGRANGES: "1", HOME: "/home/pyodide" } });
  py.FS.mkdirTree("/work");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: work }, "/work");
  py.runPython(require("fs").readFileSync(path.join(work, "bh-code.py"), "utf8"));
})().catch((error) => { console.error(String(error)); process.exit(1); });
'''


class CompileError(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"compiling the served wheels: {message}")


def _sources(data: bytes) -> list[str]:
    """A wheel's modules to compile: its ``.py`` files outside ``.dist-info`` and ``.data``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [n for n in archive.namelist() if n.endswith(".py")
                and not n.split("/", 1)[0].endswith((".dist-info", ".data"))]


def run_in_pyodide(dist: Path, work: Path, code: str) -> subprocess.CompletedProcess:
    """Run the Python ``code`` with the Pyodide in ``dist`` (its pyodide.js, its core files),
    in Node.js, with the folder ``work`` mounted at ``/work``."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise CompileError("Node.js is needed to run Pyodide at build time (./handbook installs "
                           "it: apt install nodejs)")
    (work / "bh-code.py").write_text(code, encoding="utf-8")
    (work / "bh-run.js").write_text(_RUNNER, encoding="utf-8")
    try:
        return subprocess.run([node, str(work / "bh-run.js"), str(Path(dist).resolve()),
                               str(Path(work).resolve())], capture_output=True, text=True,
                              timeout=600)
    finally:
        (work / "bh-code.py").unlink(missing_ok=True)
        (work / "bh-run.js").unlink(missing_ok=True)


def compile_with_pyodide(dist: Path, sources: dict[str, bytes]) -> tuple[dict[str, bytes], dict]:
    """Compile ``sources`` (``{path in site-packages: source}``) with the Pyodide in ``dist``
    (run by Node.js). Returns the ``.pyc`` of each path that compiled, and the paths that did
    not with Python's reason."""
    with tempfile.TemporaryDirectory(prefix="bh-compile-") as scratch:
        work = Path(scratch)
        (work / "src").mkdir()
        jobs = []
        for n, (path, text) in enumerate(sorted(sources.items())):
            source = f"src/{n}.py"
            (work / source).write_bytes(text)
            jobs.append([source, f"src/{n}.pyc", SITE_PACKAGES + path])
        (work / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
        done = run_in_pyodide(dist, work, _COMPILE)
        if done.returncode != 0 or not (work / "failed.json").is_file():
            raise CompileError(f"Pyodide in Node.js failed:\n{done.stderr[-3000:]}")
        failed = {s: why for s, why in json.loads((work / "failed.json").read_text())}
        compiled, reasons = {}, {}
        for source, cfile, dfile in jobs:
            path = dfile.removeprefix(SITE_PACKAGES)
            if source in failed:
                reasons[path] = failed[source]
            else:
                compiled[path] = (work / cfile).read_bytes()
    return compiled, reasons


def compiled_name(file_name: str) -> str:
    """The file name of a wheel once compiled: its Python tag is ``cp313``."""
    match = re.match(r"^(.+)-([^-]+)-([^-]+)-([^-]+)\.whl$", file_name)
    if not match:
        raise CompileError(f"{file_name} is not a wheel's name")
    return f"{match.group(1)}-{PYTHON_TAG}-{match.group(3)}-{match.group(4)}.whl"


def repack(file_name: str, data: bytes, compiled: dict[str, bytes], kept: dict[str, str]) -> bytes:
    """The wheel ``data`` with each module of ``compiled`` (``{path: .pyc}``) in place of its
    source; ``kept``: the modules left as source, with the reason."""
    source, infos, info_dir = trimmed.open_wheel(file_name, data, "compiling the served wheels")
    members = []
    for info in infos:
        path = info.filename
        if info.is_dir() or path == f"{info_dir}/RECORD":
            continue
        content = source.read(info)
        if path in compiled:
            path, content = path + "c", compiled[path]
        elif path == f"{info_dir}/WHEEL":
            text = content.decode("utf-8")
            text = re.sub(r"^Tag: [^-\n]+-", f"Tag: {PYTHON_TAG}-", text, flags=re.M)
            content = text.encode("utf-8")
        members.append((info, path, content))
    date = members[0][0].date_time
    note = (f"Compiled by tools/site/compiled.py of The Borrower's Handbook for its in-browser "
            f"apps: each module's source (.py) is replaced by its bytecode (.pyc), made by the "
            f"Python of Pyodide that runs it, so that the reader's browser does not compile it "
            f"at every visit.\n\nSource: {file_name} (sha256 "
            f"{hashlib.sha256(data).hexdigest()}).\n\n{len(compiled)} modules compiled"
            + (". Left as source:\n" + "".join(f"  {p}: {why}\n" for p, why in sorted(kept.items()))
               if kept else ".\n"))
    members.append((None, f"{info_dir}/{NOTE}", note.encode("utf-8")))
    return trimmed.write_wheel(members, info_dir, date)


def compile_served(dest: Path, keep_source=()) -> dict[str, str]:
    """Compile the wheels of the Pyodide folder ``dest`` (its lock file's packages, except
    those named in ``keep_source``) with the Pyodide in it; replace each by its compiled wheel,
    in the folder and the lock file. Returns ``{old file name: new file name}``."""
    lock_path = dest / "pyodide-lock.json"
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    keep = {trimmed.canonical(n) for n in keep_source}
    wheels, sources = {}, {}
    for key, entry in sorted(lock["packages"].items()):
        name = entry["file_name"]
        if trimmed.canonical(entry.get("name", key)) in keep or not name.endswith(".whl"):
            continue
        data = (dest / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise CompileError(f"{name} is not the file the lock file names")
        paths = _sources(data)
        if not paths:
            continue
        wheels[key] = (name, data, paths)
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for path in paths:
                if path in sources:
                    raise CompileError(f"{path} is in two wheels")
                sources[path] = archive.read(path)
    compiled, failed = compile_with_pyodide(dest, sources)
    renamed = {}
    for key, (name, data, paths) in wheels.items():
        mine = {p: compiled[p] for p in paths if p in compiled}
        kept = {p: failed[p] for p in paths if p in failed}
        new_name = compiled_name(name)
        new_data = repack(name, data, mine, kept)
        (dest / name).unlink()
        (dest / new_name).write_bytes(new_data)
        lock["packages"][key] = {**lock["packages"][key], "file_name": new_name,
                                 "sha256": hashlib.sha256(new_data).hexdigest()}
        renamed[name] = new_name
    lock_path.write_text(json.dumps(lock, indent=None, separators=(",", ":"), sort_keys=True),
                         encoding="utf-8")
    return renamed


def is_compiled(file_name: str) -> bool:
    return f"-{PYTHON_TAG}-" in Path(file_name).name


__all__ = ["compile_served", "compile_with_pyodide", "run_in_pyodide", "compiled_name", "is_compiled", "repack"]
