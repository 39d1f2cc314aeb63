"""The stand-in wheels the site serves instead of jedi and jupyterlab_widgets
(tools/site/standins.py): they say what they are, satisfy what asks for them, and a completion
request gets an answer, without error, from the jedi stand-in (IPython's own kinds of completion:
modules, dictionary keys, magics; Python names were jedi's, and are not completed)."""

from __future__ import annotations

import zipfile
from email.parser import Parser
from importlib import metadata

from packaging.requirements import Requirement

from site_helpers import ROOT, python_with  # noqa: F401  (ROOT: puts tools/site on the path)

import standins  # noqa: E402


def _meta(wheel):
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        return Parser().parsestr(archive.read(name).decode("utf-8"))


def test_each_stand_in_says_what_it_is_and_is_the_same_every_build(tmp_path):
    first = standins.build(tmp_path / "a")
    again = standins.build(tmp_path / "b")
    assert [w.read_bytes() for w in first] == [w.read_bytes() for w in again]
    for wheel in first:
        meta = _meta(wheel)
        assert meta["Version"].endswith("+bh.standin")
        assert meta["Summary"].startswith("Stand-in for ")
        assert wheel.stat().st_size < 5_000


def test_ipywidgets_accepts_the_jupyterlab_widgets_stand_in(tmp_path):
    (wheel,) = [w for w in standins.build(tmp_path) if w.name.startswith("jupyterlab_widgets")]
    wanted = [Requirement(r) for r in metadata.requires("ipywidgets") or []
              if r.startswith("jupyterlab_widgets") or r.startswith("jupyterlab-widgets")]
    assert wanted, "ipywidgets no longer asks for jupyterlab_widgets: drop the stand-in"
    assert all(r.specifier.contains(_meta(wheel)["Version"]) for r in wanted)


def test_completion_works_with_the_jedi_stand_in(tmp_path):
    (wheel,) = [w for w in standins.build(tmp_path / "wheels") if w.name.startswith("jedi")]
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path / "site")
    # As the Pyodide kernel does: jedi switched on, then completion requests. Python names are
    # jedi's part (none with the stand-in); IPython's own kinds still complete; nothing fails.
    code = (
        "import warnings; warnings.simplefilter('ignore')\n"
        "import jedi; assert jedi.__version__.endswith('+bh.standin'), jedi.__file__\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "from IPython.core.completer import provisionalcompleter\n"
        "shell = InteractiveShell.instance()\n"
        "shell.Completer.use_jedi = True\n"
        "assert shell.complete('pri') == ('', []), shell.complete('pri')\n"
        "assert '%timeit' in shell.complete('%ti')[1]\n"
        "with provisionalcompleter():\n"
        "    found = [c.text for c in shell.Completer.completions('import o', 8)]\n"
        "    keys = [c.text for c in shell.Completer.completions('d={\"abc\": 1}; d[\"a', 18)]\n"
        "assert 'os' in found, found\n"
        "assert 'abc' in keys, keys\n"
        "print('ok')\n")
    python_with(code, tmp_path / "site")
