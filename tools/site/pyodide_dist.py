"""Pyodide hosted by the site itself: only the files the in-browser simulators need, each checked.

The site build (``build_site.py``) calls :func:`assemble` when the setting ``bh_pyodide`` is not a
``pyodide.js`` on a CDN. The source of the files is one of:

- ``host``: the official release archive (:data:`OFFICIAL_ARCHIVE`, about 300 MB, downloaded once
  into a cache beside the virtual environment);
- the URL of a release archive (``.../pyodide-0.29.0.tar.bz2``) on a mirror;
- the URL of a folder that serves the distribution's files one by one, ending in ``/`` (for
  example a CDN's or a mirror's ``.../pyodide/v0.29.0/full/``): only the files needed are fetched;
- the path of a release archive, or of a folder unpacked from one (relative to the repository's
  root, or absolute).

What is copied: Pyodide's core (:data:`CORE_FILES`), and the wheels of the packages that the
apps and the kernel load, found from the lock file's dependency graph (:func:`needed_packages`);
nothing else of the distribution (its 300-odd other packages, type stubs, consoles, source maps).
The lock file the site serves lists only those packages (their entries unchanged), so a request
for any other fails at once with "no such package" instead of a 404.

Each file is checked before it is copied: a wheel against the sha256 of the source's own lock
file, a core file against the sha256 recorded here for the Pyodide version the kernel expects
(:data:`CORE_SHA256`: the files of the npm package ``pyodide@0.29.0``, which are those of the
release). A mismatch, or a file missing, fails the build and names the file.

Two of the wheels are then repacked smaller (tools/site/trimmed.py): NumPy and Pygments without
the parts the apps never load. The site serves those, named with the local version label
``+bh.trimmed``, and its lock file gives their own sha256 (the rest of their entries unchanged).

Last, :func:`serve_wheels` adds the site's own wheels (the simulators, ipywidgets, comm and the
stand-ins) and the kernel's (piplite, ipykernel, pyodide_kernel) to the lock file, with their
sha256, so that Python starts with every package an app needs, fetched in one batch.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tarfile
import urllib.parse
import urllib.request
from email.parser import Parser
from pathlib import Path
from zipfile import ZipFile

import trimmed

#: The Pyodide that jupyterlite-pyodide-kernel 0.7.0 is built for.
VERSION = "0.29.0"
#: Where ``bh_pyodide: host`` takes Pyodide from: the Pyodide project's release on GitHub.
OFFICIAL_ARCHIVE = (f"https://github.com/pyodide/pyodide/releases/download/{VERSION}/"
                    f"pyodide-{VERSION}.tar.bz2")
HOST = "host"
LOCK = "pyodide-lock.json"
#: What the kernel's worker fetches of Pyodide itself (pyodide.mjs, the consoles, the type
#: stubs and the source maps are not needed).
CORE_FILES = ("pyodide.js", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip")
#: The sha256 of each core file, by Pyodide version. Recorded from the npm package pyodide@0.29.0
#: (registry.npmjs.org, ``npm pack pyodide@0.29.0``), whose files are the release's.
CORE_SHA256 = {
    "0.29.0": {
        "pyodide.js": "4b189b200cd62705bded5c3982e8ea9edfb4757aae03308f13f7431009992554",
        "pyodide.asm.js": "f1e70077bd701757b2798fc57f540fe39cf23d36ee5cd7c1a9b3a6f35cf500a7",
        "pyodide.asm.wasm": "615172c6b2f5efe53e41d0201a98eb37c1f3aa7675d11cb06b6079b3a6b2bef5",
        "python_stdlib.zip": "e389fbdc394a00d31ff0624386c9e3e52e04727130ac73597a99c477afe4f1ca",
    },
}
#: What jupyterlite-pyodide-kernel 0.7.0 loads from Pyodide's distribution when a kernel starts
#: (its worker: micropip, then ``piplite.install`` of sqlite3, jedi and ipython; ipykernel, comm,
#: pyodide_kernel and piplite come from the site's own package index). Not jedi: the site's index
#: serves a stand-in for it (tools/site/standins.py), and Pyodide's jedi and parso (1.7 MB) stay
#: out of the site.
KERNEL_PACKAGES = ("micropip", "sqlite3", "ipython")
#: What the kernel's worker installs when it starts unless Python was started with it (its
#: ``loadPyodideOptions.packages``), spelled as the worker compares them: micropip, then piplite
#: with micropip, then the rest one after the other with piplite. A site that hosts Pyodide
#: serves them all in its lock file (:func:`serve_wheels`) and starts Python with them.
KERNEL_PRELOADS = ("micropip", "piplite", "sqlite3", "ipykernel", "comm", "pyodide_kernel", "jedi",
                   "ipython")
#: The environment the markers of a served wheel's requirements are read in (Pyodide 0.29.0).
PYODIDE_ENVIRONMENT = {"python_version": "3.13", "python_full_version": "3.13.2",
                       "sys_platform": "emscripten", "platform_system": "Emscripten",
                       "platform_machine": "wasm32", "os_name": "posix",
                       "implementation_name": "cpython", "platform_python_implementation": "CPython",
                       "extra": ""}


class PyodideError(SystemExit):
    """The build cannot host Pyodide (a file missing, or not the one the lock file names)."""

    def __init__(self, message: str):
        super().__init__(f"hosting Pyodide: {message}")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def is_url(source: str) -> bool:
    return bool(re.match(r"^https?://", source))


def cache_dir() -> Path:
    import sys

    return Path(sys.prefix) / "handbook-pyodide"


# --------------------------------------------------------------------------- what is needed

def wheel_requirements(wheel: Path) -> list[str]:
    """The names a wheel requires (its ``Requires-Dist`` without extras or markers)."""
    with ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(meta).decode("utf-8"))
    names = []
    for line in headers.get_all("Requires-Dist") or []:
        if ";" in line and "extra" in line.split(";", 1)[1]:
            continue
        names.append(re.match(r"[A-Za-z0-9._-]+", line.strip()).group(0))
    return names


def needed_packages(lock: dict, roots) -> list[str]:
    """The lock's packages that ``roots`` need, with every dependency, as the lock names them.
    A root the lock does not have is not Pyodide's to give (the site's index gives it)."""
    packages = lock["packages"]
    by_name = {canonical(key): key for key in packages}
    for key, entry in packages.items():
        by_name.setdefault(canonical(entry.get("name", key)), key)
    wanted, todo = [], [r for r in roots if canonical(r) in by_name]
    while todo:
        key = by_name[canonical(todo.pop())]
        if key in wanted:
            continue
        wanted.append(key)
        for dep in packages[key].get("depends", []):
            if canonical(dep) not in by_name:
                raise PyodideError(f"the lock file's {key} depends on {dep}, which it does not list")
            todo.append(dep)
    return sorted(wanted)


# --------------------------------------------------------------------------- where files come from

class Folder:
    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)

    def read(self, name: str) -> bytes:
        path = self.path / name
        if not path.is_file():
            raise PyodideError(f"{self.name} has no {name}")
        return path.read_bytes()

    def close(self):
        pass


class Archive:
    """A release archive (``pyodide/`` at its top). Reading it: one pass to list it, then the
    files wanted in the order they are stored (a bz2 archive reads forwards cheaply)."""

    def __init__(self, path: Path, name: str | None = None):
        self.name = name or str(path)
        try:
            self.tar = tarfile.open(path)
            self.members = {m.name.removeprefix("./"): m for m in self.tar.getmembers() if m.isfile()}
        except (tarfile.TarError, OSError, EOFError) as error:
            raise PyodideError(f"{self.name} is not a readable archive: {error}") from None
        tops = {n.split("/", 1)[0] for n in self.members}
        self.prefix = "pyodide/" if "pyodide" in tops else ""

    def read(self, name: str) -> bytes:
        member = self.members.get(self.prefix + name)
        if member is None:
            raise PyodideError(f"{self.name} has no {self.prefix}{name}")
        return self.tar.extractfile(member).read()

    def order(self, names):
        return sorted(names, key=lambda n: getattr(self.members.get(self.prefix + n), "offset", 0))

    def close(self):
        self.tar.close()


class WebFolder:
    """A folder on a web server (a mirror, a CDN): each file fetched once, kept in the cache."""

    def __init__(self, url: str, cache: Path):
        self.url = url if url.endswith("/") else url + "/"
        self.name = self.url
        key = hashlib.sha256(self.url.encode()).hexdigest()[:16]
        self.cache = cache / "folders" / key

    def read(self, name: str) -> bytes:
        kept = self.cache / name
        if kept.is_file():
            return kept.read_bytes()
        data = download(urllib.parse.urljoin(self.url, name))
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(data)
        return data

    def forget(self, name: str):
        (self.cache / name).unlink(missing_ok=True)

    def close(self):
        pass


def download(url: str, dest: Path | None = None) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            if dest is None:
                return response.read()
            part = dest.with_suffix(dest.suffix + ".part")
            dest.parent.mkdir(parents=True, exist_ok=True)
            with open(part, "wb") as out:
                shutil.copyfileobj(response, out, 1 << 20)
            part.replace(dest)
            return None
    except OSError as error:
        raise PyodideError(f"could not download {url}: {error}") from None


def open_source(source: str, root: Path, cache: Path):
    """The files of ``source`` (see the module's description)."""
    if source == HOST:
        source = OFFICIAL_ARCHIVE
    if is_url(source):
        if source.endswith("/"):
            return WebFolder(source, cache)
        name = urllib.parse.urlsplit(source).path.rsplit("/", 1)[-1]
        kept = cache / "archives" / hashlib.sha256(source.encode()).hexdigest()[:16] / name
        if not kept.is_file():
            print(f"==> Downloading {source} (once; kept in {kept.parent})", flush=True)
            download(source, kept)
        return Archive(kept, source)
    path = Path(source)
    path = path if path.is_absolute() else (root / path)
    if path.is_dir():
        return Folder(path / "pyodide" if (path / "pyodide" / LOCK).is_file() else path)
    if path.is_file():
        return Archive(path)
    raise PyodideError(f"{source} is neither a Pyodide folder nor an archive (looked at {path})")


# --------------------------------------------------------------------------- assembling

def assemble(source: str, dest: Path, roots, root: Path, cache: Path | None = None,
             trim: bool = True) -> dict:
    """Copy into ``dest`` Pyodide's core and the wheels that ``roots`` need (with the kernel's
    own, :data:`KERNEL_PACKAGES`), each checked; with ``trim``, NumPy and Pygments as trimmed
    wheels (tools/site/trimmed.py) made from the checked ones; write the lock file of those
    packages. Returns what was copied: ``{"files": {name: bytes}, "packages": [...],
    "trimmed": {source file: trimmed file}, "source": ...}``."""
    cache = cache or cache_dir()
    files = open_source(source, root, cache)
    try:
        try:
            lock = json.loads(files.read(LOCK))
        except ValueError as error:
            raise PyodideError(f"the lock file of {files.name} is not JSON: {error}") from None
        expected = CORE_SHA256.get(VERSION)
        packages = needed_packages(lock, [*KERNEL_PACKAGES, *roots])
        wanted = {name: expected[name] for name in CORE_FILES}
        for key in packages:
            entry = lock["packages"][key]
            wanted[entry["file_name"]] = entry["sha256"]
        names = files.order(wanted) if hasattr(files, "order") else list(wanted)
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        copied, entries, repacked = {}, {key: lock["packages"][key] for key in packages}, {}
        by_file = {entries[key]["file_name"]: key for key in packages}
        if trim:
            trimmed.check_users(entries)
        for name in names:
            data = files.read(name)
            if sha256(data) != wanted[name]:
                if isinstance(files, WebFolder):
                    files.forget(name)
                what = ("Pyodide " + VERSION + "'s" if name in CORE_FILES else "the lock file's")
                raise PyodideError(
                    f"{name} from {files.name} is not the file it should be: its sha256 is "
                    f"{sha256(data)}, {what} is {wanted[name]}. The source is damaged or not "
                    f"Pyodide {VERSION}; take the files from the official release again.")
            key = by_file.get(name)
            if trim and key and trimmed.trim_for(entries[key]["name"]):
                if trimmed.trim_for(entries[key]["name"]).missing_modules:
                    trimmed.check_sources(root / "simulators")
                new_name, data = trimmed.repack(entries[key], data)
                entries[key] = trimmed.trimmed_entry(entries[key], new_name, data)
                repacked[name], name = new_name, new_name
            (dest / name).write_bytes(data)
            copied[name] = len(data)
        served = {"info": lock.get("info", {}), "packages": entries}
        text = json.dumps(served, indent=None, separators=(",", ":"), sort_keys=True)
        (dest / LOCK).write_text(text, encoding="utf-8")
        copied[LOCK] = len(text.encode())
    finally:
        files.close()
    return {"files": copied, "packages": packages, "trimmed": repacked, "source": files.name}


def wheel_facts(wheel: Path) -> dict:
    """A wheel's name, version, requirements (with their specifiers, for Pyodide's platform)
    and the top-level names it can be imported as."""
    from packaging.requirements import Requirement

    with ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
        headers = Parser().parsestr(archive.read(meta).decode("utf-8"))
    requires = []
    for line in headers.get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(PYODIDE_ENVIRONMENT):
            requires.append(requirement)
    imports = sorted({n.split("/", 1)[0].removesuffix(".py") for n in names
                      if not n.split("/", 1)[0].endswith((".dist-info", ".data"))
                      and (n.endswith("/__init__.py") or "/" not in n and n.endswith(".py"))})
    return {"path": Path(wheel), "name": headers["Name"], "version": headers["Version"],
            "requires": requires, "imports": imports}


def serve_wheels(dest: Path, wheels, roots) -> list[str]:
    """Serve ``wheels`` (the site's own and the kernel's) from Pyodide's folder ``dest``, in its
    lock file, so that ``roots`` (names) and what they require load with Python in one batch:
    Pyodide fetches every wheel at once while it compiles, where the kernel would otherwise
    install them with piplite one after the other once Python runs (three rounds of requests and
    micropip's resolving, some seconds before a first result). A name with several wheels gets
    the newest that every requirement of it accepts; a requirement that neither ``wheels`` nor
    the lock file has fails the build. Returns the lock's names of the packages added."""
    from packaging.utils import canonicalize_name
    from packaging.version import Version

    lock_path = dest / LOCK
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    packages = lock["packages"]
    in_lock = {canonical(entry.get("name", key)) for key, entry in packages.items()} | {
        canonical(key) for key in packages}
    facts: dict[str, list[dict]] = {}
    for wheel in wheels:
        seen = wheel_facts(Path(wheel))
        facts.setdefault(canonicalize_name(seen["name"]), []).append(seen)
    specifiers: dict[str, list] = {}
    for group in facts.values():
        for seen in group:
            for requirement in seen["requires"]:
                specifiers.setdefault(canonicalize_name(requirement.name), []).append(
                    requirement.specifier)
    chosen: dict[str, dict] = {}
    todo = [canonicalize_name(r) for r in roots]
    while todo:
        name = todo.pop()
        if name in chosen or (name in in_lock and name not in facts):
            continue
        fitting = [seen for seen in facts.get(name, [])
                   if all(spec.contains(seen["version"], prereleases=True)
                          for spec in specifiers.get(name, []))]
        if not fitting:
            offered = ", ".join(s["path"].name for s in facts.get(name, [])) or "no wheel"
            raise PyodideError(f"{name} is needed by the apps or the kernel, and neither the lock "
                               f"file nor the site's wheels have one that fits ({offered})")
        seen = max(fitting, key=lambda s: Version(s["version"]))
        chosen[name] = seen
        todo += [canonicalize_name(r.name) for r in seen["requires"]]
    added = []
    for name, seen in sorted(chosen.items()):
        data = seen["path"].read_bytes()
        (dest / seen["path"].name).write_bytes(data)
        packages[name] = {
            "name": name, "version": seen["version"], "file_name": seen["path"].name,
            "install_dir": "site", "package_type": "package", "sha256": sha256(data),
            "imports": seen["imports"],
            "depends": sorted({canonicalize_name(r.name) for r in seen["requires"]}),
        }
        added.append(name)
    lock_path.write_text(json.dumps(lock, indent=None, separators=(",", ":"), sort_keys=True),
                         encoding="utf-8")
    return added


def app_roots(wheels) -> list[str]:
    """What the site's own wheels (the simulators and the widget packages) require: the apps'
    share of Pyodide's packages (numpy; IPython and traitlets, which the kernel loads anyway)."""
    names = []
    for wheel in wheels:
        names += [n for n in wheel_requirements(Path(wheel)) if n not in names]
    return names


def unpack_for_tests(archive: Path, dest: Path) -> Path:
    """A folder unpacked from ``archive`` (the tests use the test distribution both ways)."""
    with tarfile.open(archive) as tar:
        tar.extractall(dest, filter="data")
    return dest / "pyodide"


__all__ = ["assemble", "app_roots", "serve_wheels", "needed_packages", "open_source", "PyodideError",
           "OFFICIAL_ARCHIVE", "HOST", "VERSION", "unpack_for_tests"]
