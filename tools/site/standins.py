"""Stand-in wheels: tiny packages the site serves instead of two that the in-browser apps never use.

The Pyodide kernel (jupyterlite-pyodide-kernel 0.7.0) installs **jedi** when it starts, for code
completion in a notebook; ipywidgets requires **jupyterlab_widgets**, which holds the JupyterLab
extension of the widgets (JavaScript for a JupyterLab server, which the site already has in its
``apps/extensions/``). An app has no code cell to complete and no JupyterLab server, and the two
weigh 1.9 MB of a reader's first download (jedi 1.57 MB, parso 0.10 MB, jupyterlab_widgets
0.22 MB). Each stand-in says what it is in its metadata, has a version of its own (the real one's
with the local label ``+bh.standin``, so that ``pip list`` in the browser shows it), and does
nothing:

- ``jedi``: importable, so that IPython finds "jedi" and the kernel can switch it on; its
  ``Interpreter`` completes nothing. A completion request (there is none in an app: it has no code
  cell) gets an answer without error: IPython's own kinds of completion (modules after
  ``import``, dictionary keys, magics, file names), and no Python names, which were jedi's part.
- ``jupyterlab_widgets``: importable, with no extension to offer.

The wheels are written by :func:`build` at each site build, byte for byte the same each time.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

TAG = "bh.standin"
_DATE = (2020, 1, 1, 0, 0, 0)

_JEDI_DOC = '''"""Stand-in for jedi in the in-browser apps of The Borrower's Handbook: NOT jedi.

It completes nothing. The apps have no code cell to complete, and the real jedi (with parso) is
1.7 MB of a reader's download. IPython's own kinds of completion still work without it.
"""
'''

#: name -> (version, summary, {path: text})
STANDINS = {
    "jedi": ("0.19.2+" + TAG,
             "Stand-in for jedi in The Borrower's Handbook's in-browser apps: completes nothing",
             {
                 "jedi/__init__.py": _JEDI_DOC + (
                     "from . import settings  # noqa: F401\n"
                     "from .api import Interpreter, Script  # noqa: F401\n\n"
                     f"__version__ = \"0.19.2+{TAG}\"\n"),
                 "jedi/settings.py": ('"""What IPython sets on jedi (kept, used by nothing)."""\n\n'
                                      "case_insensitive_completion = True\n"),
                 "jedi/api/__init__.py": (
                     '"""The part of jedi\'s API that IPython calls, completing nothing."""\n\n\n'
                     "class _Module:\n"
                     "    class tree_node:\n"
                     "        children = ()\n\n\n"
                     "class Interpreter:\n"
                     "    def __init__(self, code='', namespaces=(), **kwargs):\n"
                     "        self.code = code\n\n"
                     "    def _get_module(self):\n"
                     "        return _Module()\n\n"
                     "    def complete(self, line=None, column=None, **kwargs):\n"
                     "        return []\n\n"
                     "    def infer(self, line=None, column=None, **kwargs):\n"
                     "        return []\n\n"
                     "    def get_signatures(self, line=None, column=None):\n"
                     "        return []\n\n\n"
                     "Script = Interpreter\n"),
                 "jedi/api/helpers.py": '"""Nothing: the stand-in has no helpers."""\n',
                 "jedi/api/classes.py": ('"""The class name IPython refers to."""\n\n\n'
                                         "class Completion:\n"
                                         "    pass\n"),
             }),
    "jupyterlab_widgets": (
        "3.0.17+" + TAG,
        "Stand-in for jupyterlab_widgets in The Borrower's Handbook's in-browser apps: no extension",
        {
            "jupyterlab_widgets/__init__.py": (
                '"""Stand-in for jupyterlab_widgets in the in-browser apps of The Borrower\'s\n'
                "Handbook: NOT the JupyterLab extension, which the site serves itself.\n"
                '"""\n\n'
                f"__version__ = \"3.0.17+{TAG}\"\n\n\n"
                "def _jupyter_labextension_paths():\n"
                "    return []\n"),
        }),
}


def _record_line(path: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{path},sha256={digest},{len(data)}"


def wheel_name(name: str) -> str:
    return f"{name}-{STANDINS[name][0]}-py3-none-any.whl"


def build_one(name: str, dest: Path) -> Path:
    version, summary, files = STANDINS[name]
    info = f"{name}-{version}.dist-info"
    contents = dict(files)
    contents[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\nSummary: {summary}\n"
        "License: MIT\n\n"
        f"Made by tools/site/standins.py of The Borrower's Handbook. {summary}.\n")
    contents[f"{info}/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: bh-standins\n"
                                 "Root-Is-Purelib: true\nTag: py3-none-any\n")
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / wheel_name(name)
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, text in contents.items():
            data = text.encode("utf-8")
            archive.writestr(zipfile.ZipInfo(member, date_time=_DATE), data,
                             compress_type=zipfile.ZIP_DEFLATED)
            record.append(_record_line(member, data))
        record.append(f"{info}/RECORD,,")
        archive.writestr(zipfile.ZipInfo(f"{info}/RECORD", date_time=_DATE),
                         "\n".join(record) + "\n", compress_type=zipfile.ZIP_DEFLATED)
    return path


def build(dest: Path) -> list[Path]:
    """Write every stand-in wheel into ``dest``; returns their paths."""
    return [build_one(name, dest) for name in STANDINS]


def is_standin(wheel: Path) -> bool:
    return f"+{TAG}-" in Path(wheel).name
