"""Trimmed wheels: Pyodide's NumPy and Pygments, repacked at each site build without the parts
the in-browser apps never load.

The Pyodide that the site hosts (tools/site/pyodide_dist.py) loads NumPy (3.6 MB) and Pygments
(1.2 MB) into every app: NumPy because the engines compute with it, Pygments because IPython, on
which the kernel is built, imports it when it starts. Most of each goes unused. What an app's
kernel holds after it starts, shows its first result, takes a changed input and a bad one, and
formats a traceback (``sys.modules``, read in Chromium on the test Pyodide) is, of these two:

- of NumPy: ``numpy._core``, ``numpy.lib``, ``numpy.linalg``, ``numpy.matrixlib`` and the small
  modules around them. Not ``numpy.random``, ``numpy.fft``, ``numpy.ma``, ``numpy.polynomial``,
  ``numpy.testing``, ``numpy.typing`` nor ``numpy.f2py``, which ``import numpy`` leaves to be
  imported on first use;
- of Pygments: its core, its formatters and styles, and one lexer module,
  ``pygments.lexers.python`` (IPython colours Python code and tracebacks with it).

So the site serves, in place of the source's wheel (once that has passed its sha256 check):

- **NumPy** without ``numpy.random``, ``numpy.fft``, ``numpy.ma``, ``numpy.polynomial``,
  ``numpy.testing``, ``numpy.typing``, ``numpy.f2py``, ``numpy._pyinstaller``, ``numpy.doc``, the
  C headers, static libraries and pkg-config files (``numpy/_core/include``, ``lib``), the type
  stubs (``.pyi``) and Cython declarations (``.pxd``): 3.6 MB -> about 2.0 MB. ``import
  numpy.random`` (and the others) then fails with ``ModuleNotFoundError``: :func:`check_sources`
  stops the build if the simulators' code mentions one of them, so an engine that starts to use
  one cannot reach a reader broken;
- **Pygments** with the lexer modules ``pygments.lexers.python`` and ``.special`` (plain text)
  only, and its table of lexers, ``pygments/lexers/_mapping.py``, made again to list just theirs
  (:data:`PYGMENTS_MAPPING`: from the modules' ``__all__``, as Pygments' own script makes it, so
  that it fits whether the wheel holds sources or, like Pyodide's own distribution, compiled
  ``.pyc`` files only): 1.2 MB -> about 0.2 MB. Asking for any other language
  (``get_lexer_by_name("php")``) raises Pygments' own ``ClassNotFound``, as for a language
  Pygments does not know, which IPython handles. The build stops if another package of the
  site's Pyodide depends on Pygments (:func:`check_users`: it might import a lexer left out).

Each trimmed wheel says what it is: its version carries the local label ``+bh.trimmed`` (so the
file name, ``pip list`` and ``importlib.metadata`` show it), its ``Summary`` starts with "Trimmed
for The Borrower's Handbook", and its ``.dist-info/BH-TRIMMED.txt`` says why and lists every file
left out. The licence files stay: those that were inside a part left out move into the
``.dist-info/licenses/`` folder, under their own paths. The site's ``pyodide-lock.json`` names the
trimmed file with its own sha256 (Pyodide checks it when it loads the wheel).

Repacking is deterministic: the members keep their order and dates, and are compressed the same
way, so the same source gives the same bytes at every build.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from collections.abc import Callable

TAG = "bh.trimmed"
#: zlib's level for the repacked members (the same bytes each time for the same input).
LEVEL = 9

_LICENCE = re.compile(r"(^|/)(LICEN[CS]E|COPYING|AUTHORS|NOTICE)[^/]*$", re.I)


@dataclass(frozen=True)
class Trim:
    what: str                              # one line: what is left out
    why: str                               # why the apps can do without it
    drops: Callable[[str], bool]           # path in the wheel -> left out?
    rewrite: Callable[[str, bytes, Callable[[str], bool]], bytes] | None = None
    #: path, content of a member left out -> (path, content) put in its place, or None
    replaces: Callable[[str, bytes], tuple[str, bytes] | None] | None = None
    #: modules an app must not use (checked against the simulators' code by check_sources)
    missing_modules: tuple[str, ...] = ()
    #: the only Pyodide packages that may depend on it among those the site serves (checked by
    #: check_users: a new one might import what is left out)
    users: tuple[str, ...] = ()


# --------------------------------------------------------------------------- NumPy

NUMPY_DROPPED_PACKAGES = ("random", "fft", "ma", "polynomial", "testing", "typing", "f2py",
                          "_pyinstaller", "doc")


def _numpy_drops(path: str) -> bool:
    if not path.startswith("numpy/"):
        return False
    inner = path[len("numpy/"):]
    return (inner.split("/", 1)[0] in NUMPY_DROPPED_PACKAGES and "/" in inner
            or inner.startswith(("_core/include/", "_core/lib/"))
            or inner in ("conftest.pyc", "conftest.py", "py.typed")
            or path.endswith((".pyi", ".pxd")))


def _numpy_rewrite(path: str, data: bytes, drops) -> bytes:
    if not path.endswith(".dist-info/entry_points.txt"):
        return data
    # The console scripts and the PyInstaller hook point at what is left out.
    out, section = [], None
    for line in data.decode("utf-8").splitlines():
        header = re.match(r"\[(.+)\]", line.strip())
        if header:
            section = header.group(1)
        if section == "pyinstaller40":
            continue
        if section == "console_scripts" and re.match(r"\s*(f2py|numpy-config)\s*=", line):
            continue
        out.append(line)
    text = "\n".join(out)
    text = re.sub(r"\[console_scripts\]\n+(?=\[|\Z)", "", text).strip() + "\n"
    return text.encode("utf-8")


# --------------------------------------------------------------------------- Pygments

#: The lexer modules kept (by module name: a wheel may hold ``.py`` sources or, as Pyodide's own
#: distribution does, ``.pyc`` files only).
PYGMENTS_LEXERS_KEPT = ("python", "special")
_LEXERS = "pygments/lexers/"
_MAPPING = _LEXERS + "_mapping.py"


def _module_stem(path: str) -> str:
    return re.sub(r"\.pyc?$", "", path)


def _pygments_drops(path: str) -> bool:
    if not path.startswith(_LEXERS) or "/" in path[len(_LEXERS):]:
        return False
    return _module_stem(path[len(_LEXERS):]) not in ("__init__", *PYGMENTS_LEXERS_KEPT)


#: pygments/lexers/_mapping.py, Pygments' table of its lexers (written by its gen_mapfiles.py
#: from the lexer modules' ``__all__``), made again the same way for the modules kept: whatever
#: the wheel holds (sources or compiled files only), the table lists exactly what is there.
PYGMENTS_MAPPING = '''"""Pygments' table of lexers for this trimmed wheel (made by tools/site/trimmed.py of The
Borrower's Handbook): the lexers of the modules it holds, found as Pygments' own
scripts/gen_mapfiles.py finds them. The other lexers were left out: asking for one raises
ClassNotFound, as for a language Pygments does not know.
"""


def _lexers(modules):
    import importlib

    found = {}
    for name in modules:
        module = importlib.import_module(name)
        for attr in module.__all__:
            lexer = getattr(module, attr)
            found[attr] = (name, lexer.name, tuple(lexer.aliases), tuple(lexer.filenames),
                           tuple(lexer.mimetypes))
    return dict(sorted(found.items()))


LEXERS = _lexers(%r)
'''


def _pygments_replaces(path: str, data: bytes) -> tuple[str, bytes] | None:
    if _module_stem(path) == _module_stem(_MAPPING):
        modules = tuple(f"pygments.lexers.{m}" for m in PYGMENTS_LEXERS_KEPT)
        return _MAPPING, (PYGMENTS_MAPPING % (modules,)).encode("utf-8")
    return None


TRIMS = {
    "numpy": Trim(
        what=("numpy.random, numpy.fft, numpy.ma, numpy.polynomial, numpy.testing, numpy.typing, "
              "numpy.f2py, numpy._pyinstaller, numpy.doc, the C headers, static libraries and "
              "pkg-config files, the type stubs (.pyi) and Cython declarations (.pxd)"),
        why=("The in-browser apps of The Borrower's Handbook compute with numpy's arrays and "
             "numpy.linalg only; `import numpy` does not import the parts left out, and the "
             "site's build stops if the simulators' code mentions one of them."),
        drops=_numpy_drops, rewrite=_numpy_rewrite, users=(),
        missing_modules=tuple(f"numpy.{p}" for p in NUMPY_DROPPED_PACKAGES)),
    "pygments": Trim(
        what="every lexer but those of pygments/lexers/python and special (plain text)",
        why=("IPython, on which the apps' kernel is built, colours Python code and tracebacks "
             "with Pygments' Python lexers; the apps show no code in other languages. "
             "pygments/lexers/_mapping.py lists only the lexers kept, so asking for another "
             "raises ClassNotFound."),
        drops=_pygments_drops, replaces=_pygments_replaces, users=("ipython",)),
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def trim_for(name: str) -> Trim | None:
    return TRIMS.get(canonical(name))


def is_trimmed(file_name: str) -> bool:
    return f"+{TAG}-" in Path(file_name).name


# --------------------------------------------------------------------------- repacking

def record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def _metadata(text: str, version: str, trim: Trim, name: str) -> str:
    head, sep, body = text.partition("\n\n")
    head = re.sub(r"^Version: .*$", f"Version: {version}", head, count=1, flags=re.M)
    summary = (f"Trimmed for The Borrower's Handbook's in-browser apps: without {trim.what}. ")
    head = re.sub(r"^Summary: (.*)$", lambda m: f"Summary: {summary}{name}: {m.group(1)}", head,
                  count=1, flags=re.M)
    note = (f"This is {name} trimmed by tools/site/trimmed.py of The Borrower's Handbook: "
            f"without {trim.what}. {trim.why} The files left out are listed in BH-TRIMMED.txt.\n\n")
    return head + (sep or "\n\n") + note + body


def repack(entry: dict, data: bytes) -> tuple[str, bytes]:
    """The trimmed wheel of the lock entry ``entry`` (whose file ``data`` has passed its check):
    its file name and bytes."""
    trim = trim_for(entry["name"])
    version = f"{entry['version']}+{TAG}"
    old_name = entry["file_name"]
    match = re.match(r"^([^-]+)-([^-]+)-(.+\.whl)$", old_name)
    if not match or match.group(2) != entry["version"]:
        raise SystemExit(f"trimming: {old_name} is not named as the lock's "
                         f"{entry['name']} {entry['version']}")
    new_name = f"{match.group(1)}-{version}-{match.group(3)}"
    source, infos, old_info = open_wheel(old_name, data, "trimming")
    new_info = f"{old_info[:-len('.dist-info')]}+{TAG}.dist-info"
    if old_info[:-len(".dist-info")].rsplit("-", 1)[1] != entry["version"]:
        raise SystemExit(f"trimming: {old_name}'s {old_info} is not version {entry['version']}")
    left_out, members, replaced = [], [], []
    for info in infos:
        path = info.filename
        if info.is_dir() or path == f"{old_info}/RECORD":
            continue
        content = source.read(info)
        if trim.drops(path):
            left_out.append(path)
            if _LICENCE.search(path):  # a licence goes with the wheel, in its .dist-info
                members.append((info, f"{new_info}/licenses/{path}", content))
            instead = trim.replaces(path, content) if trim.replaces else None
            if instead:
                replaced.append(f"{path} -> {instead[0]}")
                members.append((info, *instead))
            continue
        if path.startswith(old_info + "/"):
            path = new_info + path[len(old_info):]
        if trim.rewrite:
            content = trim.rewrite(path, content, trim.drops)
        if path == f"{new_info}/METADATA":
            content = _metadata(content.decode("utf-8"), version, trim, entry["name"]).encode("utf-8")
        members.append((info, path, content))
    if not left_out:
        raise SystemExit(f"trimming: nothing to leave out of {old_name}: is it still the wheel "
                         "tools/site/trimmed.py was written for?")
    date = members[0][0].date_time
    note = (f"{entry['name']} {entry['version']}, trimmed by tools/site/trimmed.py of The "
            f"Borrower's Handbook for its in-browser apps.\n\nLeft out: {trim.what}.\n\n"
            f"Why: {trim.why}\n\nSource: {old_name} (sha256 {entry['sha256']}).\n\n"
            + (f"Made again for what is kept: {', '.join(replaced)}.\n\n" if replaced else "")
            + f"The {len(left_out)} files left out:\n" + "".join(f"  {p}\n" for p in left_out))
    members.append((None, f"{new_info}/BH-TRIMMED.txt", note.encode("utf-8")))
    return new_name, write_wheel(members, new_info, date)


def open_wheel(name: str, data: bytes, doing: str):
    """The wheel ``data`` (file ``name``) opened: the archive, its members, its one
    ``.dist-info`` folder (another count stops the build, saying what it was ``doing``)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    infos = source.infolist()
    found = {i.filename.split("/", 1)[0] for i in infos if ".dist-info/" in i.filename}
    if len(found) != 1:
        raise SystemExit(f"{doing}: {name} has {len(found)} .dist-info folders")
    return source, infos, found.pop()


def write_wheel(members, info_dir: str, date) -> bytes:
    """A wheel of ``members`` (``(source ZipInfo or None, path, content)``, in order), with its
    RECORD made for them last; a member without a source ZipInfo gets ``date``. The same
    members give the same bytes."""
    out = io.BytesIO()
    record = []
    with zipfile.ZipFile(out, "w") as archive:
        for info, path, content in members:
            new = zipfile.ZipInfo(path, date_time=info.date_time if info else date)
            new.external_attr = info.external_attr if info else (0o644 << 16)
            new.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(new, content, compress_type=zipfile.ZIP_DEFLATED, compresslevel=LEVEL)
            record.append(record_line(path, content))
        record.append(f"{info_dir}/RECORD,,")
        new = zipfile.ZipInfo(f"{info_dir}/RECORD", date_time=date)
        new.external_attr = 0o644 << 16
        archive.writestr(new, "\n".join(record) + "\n", compress_type=zipfile.ZIP_DEFLATED,
                         compresslevel=LEVEL)
    return out.getvalue()


def trimmed_entry(entry: dict, file_name: str, data: bytes) -> dict:
    """The lock entry of the trimmed wheel: the source's, with its file, version and sha256."""
    return {**entry, "file_name": file_name, "version": f"{entry['version']}+{TAG}",
            "sha256": hashlib.sha256(data).hexdigest()}


# --------------------------------------------------------------------------- who uses them

def check_users(entries: dict) -> None:
    """Stop the build if a package the site serves (``entries``: lock entries) depends on a
    trimmed one without being known to need only what is kept (for instance a Pyodide whose
    IPython requires ipython-pygments-lexers, which imports many of Pygments' lexers)."""
    for entry in entries.values():
        for dep in entry.get("depends", []):
            trim = trim_for(dep)
            if trim and canonical(entry["name"]) not in map(canonical, trim.users):
                raise SystemExit(
                    f"trimming {dep}: {entry['name']} {entry['version']} depends on it, and "
                    f"the trimmed {dep} leaves out {trim.what}. Check what {entry['name']} "
                    "imports of it, then keep that and add it to the users in "
                    "tools/site/trimmed.py.")


# --------------------------------------------------------------------------- the apps' code

def check_sources(package_dir: Path) -> None:
    """Stop the build if the simulators' code uses a module that a trimmed wheel leaves out."""
    pattern = {}
    for trim in TRIMS.values():
        for module in trim.missing_modules:
            head, _, tail = module.partition(".")
            pattern[module] = re.compile(
                rf"\b(?:{re.escape(head)}|np)\.{re.escape(tail)}\b"
                rf"|\bfrom\s+{re.escape(head)}\s+import\s+[^\n]*\b{re.escape(tail)}\b")
    found = []
    for path in sorted(Path(package_dir).rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for module, regex in pattern.items():
            if regex.search(text):
                found.append(f"{path} uses {module}")
    if found:
        raise SystemExit(
            "the site's trimmed NumPy leaves out what the simulators use (tools/site/trimmed.py):\n"
            + "\n".join(found) + "\nKeep that part in the trimmed wheel (NUMPY_DROPPED_PACKAGES).")


__all__ = ["TAG", "TRIMS", "check_sources", "check_users", "is_trimmed", "open_wheel", "record_line",
           "repack", "trim_for", "trimmed_entry", "write_wheel"]
