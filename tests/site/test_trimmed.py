"""The trimmed NumPy and Pygments the site serves (tools/site/trimmed.py): made the same at every
build from the checked source wheels, saying what they are and what they leave out, with their
licences; Pygments still colours Python and refuses other languages cleanly; and, in Chromium, an
app's kernel on the site's own Pyodide has all it needs from them: the first result, the friendly
message for a bad input, a traceback formatted in colour, IPython's code display, numpy.linalg.
It also checks that what the lesson says a first visit downloads is what it downloads. Runs on
the test distribution (shared/pyodide-test), with no network."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import zipfile
from email.parser import Parser

import pytest

from site_helpers import ROOT, TEST_PYODIDE, Server, build_site, python_with

import pyodide_dist  # noqa: E402  (tools/site is on the path through site_helpers)
import trimmed  # noqa: E402

needs_pyodide = pytest.mark.skipif(not TEST_PYODIDE.is_file(), reason="no test Pyodide here")


def source_wheels(tmp_path) -> dict:
    """name -> (lock entry, bytes) of the test distribution's wheels that the site trims."""
    folder = pyodide_dist.unpack_for_tests(TEST_PYODIDE, tmp_path / "unpacked")
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    found = {}
    for entry in lock["packages"].values():
        if trimmed.trim_for(entry["name"]):
            found[trimmed.canonical(entry["name"])] = (entry, (folder / entry["file_name"]).read_bytes())
    assert set(found) == set(trimmed.TRIMS)
    return found


def metadata(archive: zipfile.ZipFile):
    name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    return Parser().parsestr(archive.read(name).decode("utf-8"))


@needs_pyodide
def test_each_trimmed_wheel_is_the_same_every_build_and_says_what_it_is(tmp_path):
    for name, (entry, data) in source_wheels(tmp_path).items():
        file_name, first = trimmed.repack(entry, data)
        assert trimmed.repack(entry, data) == (file_name, first), f"{name}: not the same bytes twice"
        assert file_name.startswith(f"{entry['file_name'].split('-')[0]}-{entry['version']}+bh.trimmed-")
        assert len(first) < len(data)
        archive = zipfile.ZipFile(io.BytesIO(first))
        names = archive.namelist()
        meta = metadata(archive)
        assert meta["Version"] == entry["version"] + "+bh.trimmed"
        assert meta["Summary"].startswith("Trimmed for The Borrower's Handbook")
        (info,) = {n.split("/", 1)[0] for n in names if ".dist-info/" in n}
        assert info == f"{file_name.split('-')[0]}-{entry['version']}+bh.trimmed.dist-info"
        note = archive.read(f"{info}/BH-TRIMMED.txt").decode("utf-8")
        source = zipfile.ZipFile(io.BytesIO(data))
        left_out = [n for n in source.namelist() if trimmed.trim_for(name).drops(n)]
        assert left_out and all(f"  {n}\n" in note for n in left_out), "BH-TRIMMED.txt lists less"
        assert entry["sha256"] in note
        # Every licence of the source is in the trimmed wheel (in .dist-info/licenses/ if the
        # part it sat in is left out).
        for licence in [n for n in source.namelist() if trimmed._LICENCE.search(n)]:
            inside = licence.split("/", 1)[1] if ".dist-info/" in licence else licence
            assert [n for n in names if n.endswith(inside)], f"{name}: {licence} is missing"
        # The RECORD is true: each file with its sha256 and size, and nothing else.
        record = archive.read(f"{info}/RECORD").decode("utf-8").splitlines()
        listed = {}
        for line in record:
            path, digest, size = line.rsplit(",", 2)
            listed[path] = (digest, size)
        assert set(listed) == set(names)
        for path in names:
            if path.endswith("/RECORD"):
                continue
            content = archive.read(path)
            digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode()
            assert listed[path] == (f"sha256={digest}", str(len(content))), path


@needs_pyodide
def test_numpy_keeps_what_import_numpy_and_the_engines_load(tmp_path):
    entry, data = source_wheels(tmp_path)["numpy"]
    names = set(zipfile.ZipFile(io.BytesIO(trimmed.repack(entry, data)[1])).namelist())
    for kept in ("numpy/__init__.pyc", "numpy/_core/_multiarray_umath.cpython-313-wasm32-emscripten.so",
                 "numpy/linalg/_umath_linalg.cpython-313-wasm32-emscripten.so",
                 "numpy/lib/_function_base_impl.pyc", "numpy/_typing/__init__.pyc",
                 "numpy/matrixlib/defmatrix.pyc"):
        assert kept in names
    for package in trimmed.NUMPY_DROPPED_PACKAGES:
        assert not [n for n in names if n.startswith(f"numpy/{package}/")], package
    assert not [n for n in names if n.endswith((".pyi", ".pxd", ".h"))]


@needs_pyodide
def test_the_trimmed_pygments_colours_python_and_refuses_other_languages(tmp_path):
    """Under this machine's Python (Pygments is pure Python): Python highlights in both of the
    formatters IPython uses, a removed language fails with Pygments' own ClassNotFound, the
    listing of lexers has only those kept, and IPython formats a traceback in colour with it."""
    entry, data = source_wheels(tmp_path)["pygments"]
    zipfile.ZipFile(io.BytesIO(trimmed.repack(entry, data)[1])).extractall(tmp_path / "site")
    (tmp_path / "original_mapping.py").write_bytes(
        zipfile.ZipFile(io.BytesIO(data)).read("pygments/lexers/_mapping.py"))
    code = (
        "import pygments, pathlib, sys\n"
        f"assert pathlib.Path(pygments.__file__).is_relative_to({str(tmp_path / 'site')!r}), pygments.__file__\n"
        # No Pygments plug-ins, as in the browser (here, the book's tools install some)
        "import pygments.plugin; pygments.plugin.iter_entry_points = lambda group_name: []\n"
        "from pygments import highlight\n"
        "from pygments.lexers import get_lexer_by_name, get_all_lexers, PythonLexer\n"
        "from pygments.formatters import HtmlFormatter, Terminal256Formatter\n"
        "from pygments.util import ClassNotFound\n"
        "assert 'class=\"k\"' in highlight('def f(): pass', PythonLexer(), HtmlFormatter())\n"
        "assert '\\x1b[' in highlight('def f(): pass', get_lexer_by_name('python'), Terminal256Formatter())\n"
        "for missing in ('php', 'c', 'html'):\n"
        "    try:\n"
        "        get_lexer_by_name(missing)\n"
        "    except ClassNotFound:\n"
        "        pass\n"
        "    else:\n"
        "        raise AssertionError(missing + ' found')\n"
        "names = {l[0] for l in get_all_lexers(plugins=False)}\n"
        "assert 'Python' in names and 'PHP' not in names, names\n"
        # The table made again is Pygments' own, for the lexers kept.
        "import ast, pygments.lexers._mapping as made\n"
        f"tree = ast.parse(open({str(tmp_path / 'original_mapping.py')!r}).read())\n"
        "original = ast.literal_eval(tree.body[-1].value)\n"
        "kept = {k: v for k, v in original.items() if v[0] in ('pygments.lexers.python', 'pygments.lexers.special')}\n"
        "assert made.LEXERS == kept, (made.LEXERS, kept)\n"
        "from IPython.core.interactiveshell import InteractiveShell\n"
        "shell = InteractiveShell.instance(colors='linux')\n"
        "try:\n"
        "    1 / 0\n"
        "except ZeroDivisionError:\n"
        "    text = '\\n'.join(shell.InteractiveTB.structured_traceback(*sys.exc_info()))\n"
        "assert 'ZeroDivisionError' in text and '\\x1b[' in text, text\n"
        "print('ok')\n")
    python_with(code, tmp_path / "site")


@needs_pyodide
def test_a_wheel_of_compiled_files_only_is_trimmed_alike(tmp_path):
    """Pyodide's own distribution holds .pyc files only: the same modules are kept, and the
    table of lexers is made again all the same."""
    entry, data = source_wheels(tmp_path)["pygments"]
    source, compiled = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(compiled, "w") as out:
        for info in source.infolist():
            name = info.filename[:-3] + ".pyc" if info.filename.endswith(".py") else info.filename
            out.writestr(name, source.read(info) if ".dist-info/" in name else b"compiled")
    _, from_sources = trimmed.repack(entry, data)
    _, from_compiled = trimmed.repack(entry, compiled.getvalue())
    kept = zipfile.ZipFile(io.BytesIO(from_sources)).namelist()
    made = zipfile.ZipFile(io.BytesIO(from_compiled))
    assert [n if n == "pygments/lexers/_mapping.py" or ".dist-info/" in n or not n.endswith(".py")
            else n + "c" for n in kept] == made.namelist()
    assert made.read("pygments/lexers/_mapping.py") == \
        zipfile.ZipFile(io.BytesIO(from_sources)).read("pygments/lexers/_mapping.py")


def test_the_build_stops_if_the_simulators_use_what_numpy_leaves_out(tmp_path):
    package = tmp_path / "simulators"
    (package / "core").mkdir(parents=True)
    (package / "core" / "fine.py").write_text("import numpy as np\nx = np.max(np.linalg.inv([[1.0]]))\n")
    trimmed.check_sources(package)
    (package / "core" / "draws.py").write_text("import numpy as np\nrng = np.random.default_rng()\n")
    with pytest.raises(SystemExit, match=r"draws\.py uses numpy\.random"):
        trimmed.check_sources(package)
    trimmed.check_sources(ROOT / "simulators")  # the real code uses none of them


# --------------------------------------------------------------------------- on the site

def test_the_site_serves_the_trimmed_wheels(built):
    if not built["hosted_pyodide"]:
        pytest.skip("the site does not host Pyodide")
    (folder,) = {p.parent for p in built["html"].glob("apps/**/pyodide/pyodide-lock.json")}
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    for key in ("numpy", "pygments"):
        entry = lock["packages"][key]
        assert entry["version"].endswith("+bh.trimmed") and trimmed.is_trimmed(entry["file_name"])
        data = (folder / entry["file_name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert metadata(zipfile.ZipFile(io.BytesIO(data)))["Summary"].startswith("Trimmed for")
    served = {p.name for p in folder.glob("*.whl")}
    assert not [n for n in served if n.startswith(("numpy-", "pygments-")) and not trimmed.is_trimmed(n)]


#: Added to an app's last cell: a button that asks the kernel what the tests below check.
PROBE = r'''
import json as _json, sys as _sys, ipywidgets as _w
from IPython.display import display as _display
_said = _w.HTML(value="", _dom_classes=["bh-probe"])
def _probe(_button):
    said = {}
    try:
        1 / 0
    except ZeroDivisionError:
        said["traceback"] = "\n".join(get_ipython().InteractiveTB.structured_traceback(*_sys.exc_info()))
    from importlib import metadata
    said["versions"] = [metadata.version("numpy"), metadata.version("pygments")]
    from IPython.display import Code
    said["code"] = Code("total = principal * (1 + rate)", language="python")._repr_html_()
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
    try:
        get_lexer_by_name("php")
        said["php"] = "found"
    except ClassNotFound:
        said["php"] = "ClassNotFound"
    try:
        import numpy.random
        said["random"] = "imported"
    except ModuleNotFoundError:
        said["random"] = "ModuleNotFoundError"
    import numpy as np
    said["solve"] = np.linalg.solve(np.array([[2.0, 0.0], [0.0, 4.0]]), np.array([2.0, 2.0])).tolist()
    said["modules"] = sorted(m for m in _sys.modules if m.split(".")[0] in ("numpy", "pygments"))
    said["from_source"] = sorted(m for m, v in list(_sys.modules.items())
                                 if (getattr(v, "__file__", None) or "").endswith(".py")
                                 and "site-packages" in v.__file__ and not m.startswith("simulators"))
    _said.value = "<pre>" + _json.dumps(said).replace("&", "&amp;").replace("<", "&lt;") + "</pre>"
_button = _w.Button(description="probe", _dom_classes=["bh-probe-button"])
_button.on_click(_probe)
_display(_w.VBox([_button, _said]))
'''


def probe_site(site, dest, app: str):
    """A copy of the site's apps in which the page of ``app`` has the probe."""
    shutil.copytree(site / "apps", dest / "apps", ignore=shutil.ignore_patterns("previews"))
    page = dest / "apps" / "voici" / "render" / f"{app}.html"
    text = page.read_text(encoding="utf-8")
    found = re.search(r'(<script id="jupyter-config-data" type="application/json">)(.*?)(</script>)',
                      text, re.S)
    data = json.loads(found.group(2))
    last = data["notebookSrc"]["cells"][-1]
    last["source"] = PROBE + "\n" + "".join(last["source"])
    page.write_text(text[:found.start(2)] + json.dumps(data) + text[found.end(2):], encoding="utf-8")
    return dest


@pytest.mark.browser
def test_an_apps_kernel_has_what_it_needs_from_the_trimmed_wheels(built, browser, tmp_path):
    if not built["hosted_pyodide"]:
        pytest.skip("the site does not host Pyodide: no kernel starts here")
    from test_in_browser_apps import FIRST_RESULT_MS, Watch, number_fields

    from simulators.core import i18n

    server = Server(probe_site(built["html"], tmp_path, "late_payment.zh"))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context, server.url)
    finished = []
    context.on("requestfinished", lambda request: finished.append(request))
    try:
        page = watch.page(context)
        page.goto(f"{server.url}/apps/voici/render/late_payment.zh.html")
        page.wait_for_selector(".bh-sentence p", timeout=FIRST_RESULT_MS)
        page.wait_for_load_state("networkidle")
        # What the lesson tells the reader a first visit downloads ("about 11 MB") is what it
        # does, to the MB (as benchmarks/bench_browser.py counts: bodies and headers as sent).
        sent = 0
        for request in finished:
            try:
                sizes = request.sizes()
            except Exception:  # a request of a worker that has ended
                continue
            sent += max(sizes["responseBodySize"], 0) + max(sizes["responseHeadersSize"], 0)
        said = build_site.bh_site.APP_FIRST_VISIT_MB
        assert abs(sent / 1e6 - said) <= 1, f"a first visit downloads {sent / 1e6:.1f} MB, the words say {said}"
        wheels = {u.split("?")[0].rsplit("/", 1)[-1] for u in watch.requested if u.split("?")[0].endswith(".whl")}
        assert [w for w in wheels if w.startswith("numpy-2.2.5+bh.trimmed-")], sorted(wheels)
        assert [w for w in wheels if w.startswith("pygments-2.19.1+bh.trimmed-")], sorted(wheels)
        assert not [w for w in wheels if w.startswith(("numpy-", "pygments-")) and not trimmed.is_trimmed(w)]
        # A bad input: the friendly message, no traceback.
        number_fields(page)[0].fill("abc")
        alert = page.locator(".bh-app [role='alert']").first
        alert.wait_for(state="visible")
        assert i18n.t("zh", "ui.errors.title") in alert.inner_text()
        assert "Traceback" not in page.inner_text("body")
        page.locator(".bh-probe-button").click()
        page.locator(".bh-probe pre").wait_for(state="attached", timeout=60_000)
        said = json.loads(page.locator(".bh-probe pre").inner_text())
        assert "ZeroDivisionError" in said["traceback"] and "\x1b[" in said["traceback"], said["traceback"]
        assert said["versions"] == ["2.2.5+bh.trimmed", "2.19.1+bh.trimmed"]
        assert '<span class="n">total</span>' in said["code"], said["code"]
        assert said["php"] == "ClassNotFound"
        assert said["random"] == "ModuleNotFoundError"
        assert said["solve"] == [1.0, 0.5]
        assert "pygments.lexers.python" in said["modules"] and "numpy.linalg" in said["modules"]
        # Every module of the served wheels came as bytecode (tools/site/compiled.py): the
        # browser compiled none of them (the simulators' own package is served as source).
        assert said["from_source"] == [], said["from_source"]
        assert watch.problems() == [], str(watch)
    finally:
        context.close()
        server.close()


def test_the_build_stops_if_another_package_depends_on_a_trimmed_one():
    served = {"ipython": {"name": "ipython", "version": "9.0.2", "depends": ["pygments", "decorator"]},
              "pygments": {"name": "Pygments", "version": "2.19.1", "depends": []}}
    trimmed.check_users(served)
    served["lexers"] = {"name": "ipython-pygments-lexers", "version": "1.1.1", "depends": ["pygments"]}
    with pytest.raises(SystemExit, match="trimming pygments: ipython-pygments-lexers 1.1.1 depends on it"):
        trimmed.check_users(served)
