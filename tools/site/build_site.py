"""Build the whole website: the book, the in-browser simulators, and their preview pictures.

    python tools/site/build_site.py                 # into _build/html
    python tools/site/build_site.py --root COPY     # a copy of the repository (the tests do this)
    python tools/site/build_site.py --skip-book     # the in-browser apps only (after a book build)

Steps:

1. the book, with ``jupyter-book build -W -n --keep-going`` (a warning fails the build), twice:
   the English edition (``_toc.yml``) into the site's root, then the Chinese edition
   (``_toc_zh.yml``, ``_config_zh.yml``, ``language: zh_CN``) on its own, moved into the site by
   ``book/_ext/editions.py`` (its pages at ``book/zh/``, its search and files under ``zh/``); the
   site's ``index.html`` lets the reader choose;
2. a wheel of the ``simulators`` package, built from the working tree (so the browser runs exactly
   the code of the repository), and the wheels of the pure-Python widget packages it needs that
   Pyodide does not ship (downloaded once with pip into a cache in the virtual environment);
3. every notebook of ``simulators/apps/`` built with Voici (JupyterLite + Pyodide) into
   ``apps/`` of the site, in English and in Chinese; each gets one cell first that installs the
   wheels from the site's own package index;
4. a preview picture of every app in each language (the app served by Voila and photographed in
   Chromium), kept in a cache until the package or the app changes.

Where the browser gets Pyodide is the setting ``bh_pyodide`` of ``_config.yml`` (see
``book/_ext/website.py``); ``--pyodide`` or the environment variable ``BH_PYODIDE`` override it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.error
import urllib.request
from importlib import metadata
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "book" / "_ext"))

import website as bh_site  # noqa: E402  (book/_ext/website.py: the settings and paths it shares)
import editions as bh_editions  # noqa: E402  (book/_ext/editions.py: the two editions)

sys.path.insert(0, str(HERE))
import compiled  # noqa: E402  (the served wheels as bytecode, compiled by Pyodide's Python)
import pyodide_dist  # noqa: E402  (Pyodide hosted by the site: only what the apps need, checked)
import standins  # noqa: E402  (stand-ins for packages the kernel installs but the apps never use)

#: Pure-Python packages the apps import that Pyodide's own distribution does not have (numpy,
#: traitlets and IPython come with Pyodide; widgetsnbextension with the Pyodide kernel). Pyodide
#: 0.29.0 ships no ``comm``, which the Pyodide kernel installs at start-up: without its wheel
#: here, and with the PyPI fallback off, the kernel never starts. ipywidgets' other requirement,
#: jupyterlab_widgets, and jedi, which the kernel installs, are served as stand-ins
#: (tools/site/standins.py: 1.9 MB less to download).
BROWSER_WHEELS = ("comm", "ipywidgets")
LANGS = ("en", "zh")
CHROMIUM = os.environ.get("BH_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
SETUP_TAG = "bh-in-browser-setup"


def say(message: str):
    print(f"==> {message}", file=sys.stderr, flush=True)


def bin_path(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else (shutil.which(name) or name)


# --------------------------------------------------------------------------- settings

def pyodide_setting(root: Path, override: str | None = None) -> str:
    """The one setting for where the browser gets Pyodide (see book/_ext/website.py)."""
    if override:
        return override
    if os.environ.get("BH_PYODIDE"):
        return os.environ["BH_PYODIDE"]
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    value = (((config or {}).get("sphinx") or {}).get("config") or {}).get("bh_pyodide")
    return value or bh_site.PYODIDE_CDN


def package_version(root: Path) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def package_name(root: Path) -> str:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"]


def apps(root: Path) -> list[Path]:
    return sorted((root / "simulators" / "apps").glob("*.ipynb"))


# --------------------------------------------------------------------------- the book

def site_url(root: Path) -> str:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return (((config or {}).get("sphinx") or {}).get("config") or {}).get(
        "bh_site_url", "http://localhost:8000/")


def _jupyter_book(cmd: list, root: Path, log: Path, pyodide: str | None = None) -> subprocess.Popen:
    """Start ``jupyter-book`` with its output going to ``log``; ``pyodide``: the setting the
    apps are built with, which the lessons' words on where the apps load from follow."""
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    if pyodide:
        env["BH_PYODIDE"] = pyodide
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.Popen(cmd, cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)


#: What a notebook's failure says when its kernel could not bind the port it was given.
_KERNEL_PORT_TAKEN = "Address already in use"


def build_book(root: Path, out: Path, quiet: bool = False, pyodide: str | None = None):
    """Both editions, built at the same time (each Sphinx build keeps one core busy; on two
    cores this takes about as long as the longer of the two). Each build's output goes to a log
    beside the site (``book-en.log``, ``book-zh.log``); ``quiet``: show a log only if its build
    fails, else the whole log of each build as it ends."""
    cmd = [bin_path("jupyter-book"), "build", str(root), "-W", "-n", "--keep-going"]
    if out.resolve() != (root / "_build" / "html").resolve():
        cmd += ["--path-output", str(out.parent.parent)]
    # The Chinese edition: a build of its own (its own execution cache beside it), moved into
    # the site afterwards.
    zh_work = out.parent / "zh-edition"
    zh_work.mkdir(parents=True, exist_ok=True)
    config = zh_work / "_config.yml"
    config.write_text(yaml.safe_dump(bh_editions.merged_config(root), allow_unicode=True,
                                     sort_keys=False), encoding="utf-8")
    zh_html = zh_work / "_build" / "html"
    zh_cmd = [bin_path("jupyter-book"), "build", str(root), "-W", "-n", "--keep-going",
              "--toc", str(root / "_toc_zh.yml"), "--config", str(config),
              "--path-output", str(zh_work)]
    logs = {"English": out.parent / "book-en.log", "Chinese": out.parent / "book-zh.log"}
    say(f"Building the book: the English and the Chinese editions at once (warnings are errors; "
        f"their output: {logs['English']}, {logs['Chinese']})")
    started = {"English": _jupyter_book(cmd, root, logs["English"], pyodide),
               "Chinese": _jupyter_book(zh_cmd, root, logs["Chinese"], pyodide)}
    commands = {"English": cmd, "Chinese": zh_cmd}
    failed = []
    try:
        for what, proc in started.items():
            code = proc.wait()
            text = logs[what].read_text(encoding="utf-8", errors="replace")
            if code != 0 and _KERNEL_PORT_TAKEN in text:
                # Two builds start Jupyter kernels at the same time: now and then both pick the
                # same free port and one kernel cannot bind it. Built again on its own, only the
                # notebooks that failed run again (the others come from the execution cache).
                say(f"The {what} edition's build lost a kernel's port to the other build: "
                    "building it again")
                started[what] = proc = _jupyter_book(commands[what], root, logs[what], pyodide)
                code = proc.wait()
                text = logs[what].read_text(encoding="utf-8", errors="replace")
            if code != 0:
                failed.append(f"the {what} book build failed ({code}):\n{text[-8000:]}")
            elif not quiet:
                print(text, file=sys.stderr, flush=True)
    finally:  # interrupted (Ctrl+C, a stop): no build is left running on its own
        for proc in started.values():
            if proc.poll() is None:
                proc.terminate()
                proc.wait()
    if failed:
        raise SystemExit("\n".join(failed))
    bh_editions.relocate(zh_html, out)
    (out / "index.html").write_text(bh_editions.chooser(site_url(root)), encoding="utf-8")


# --------------------------------------------------------------------------- the wheels

def browser_pyproject(root: Path) -> str:
    """The project's pyproject.toml for the browser's wheel: the ``simulators`` package only,
    without the workshop server (``handbook_workshop``, its data and its command), which the
    browser never runs and whose folder the wheel's scratch copy does not hold."""
    lines = []
    for line in (root / "pyproject.toml").read_text(encoding="utf-8").splitlines():
        if line.startswith("handbook_workshop =") or line.startswith("handbook-workshop ="):
            continue
        if "handbook_workshop" in line and line.lstrip().startswith("#"):
            continue
        lines.append(line.replace(', "handbook_workshop"', ""))
    text = "\n".join(lines) + "\n"
    return text.replace("[project.scripts]\n\n", "")


def build_wheel(root: Path, dest: Path) -> Path:
    """A wheel of the package as it is in the working tree (built in a scratch copy so that the
    build leaves nothing in the tree)."""
    with tempfile.TemporaryDirectory(prefix="bh-wheel-") as scratch:
        src = Path(scratch) / "src"
        src.mkdir()
        (src / "pyproject.toml").write_text(browser_pyproject(root), encoding="utf-8")
        shutil.copytree(root / "simulators", src / "simulators",
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "apps"))
        dest.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                        "--quiet", "--wheel-dir", str(dest), str(src)], check=True,
                       stdout=subprocess.DEVNULL)
    name = package_name(root).replace("-", "_")
    wheel = dest / f"{name}-{package_version(root)}-py3-none-any.whl"
    if not wheel.exists():
        raise SystemExit(f"the wheel {wheel.name} was not built")
    return wheel


def wheel_cache() -> Path:
    """Downloaded wheels live beside the virtual environment: a workshop laptop prepared once
    builds the site again with no connection."""
    return Path(sys.prefix) / "handbook-wheels"


def browser_wheels() -> list[Path]:
    """The wheels of BROWSER_WHEELS, at the versions installed here, and the stand-ins
    (tools/site/standins.py, written into the cache at each build)."""
    cache = wheel_cache()
    cache.mkdir(parents=True, exist_ok=True)
    found = []
    for dist in BROWSER_WHEELS:
        version = metadata.version(dist)
        pattern = f"{dist.replace('-', '_')}-{version}-py3-none-any.whl"
        wheel = cache / pattern
        if not wheel.exists():
            say(f"Downloading the wheel of {dist} {version} for the browser")
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                            "--only-binary=:all:", "--dest", str(cache), f"{dist}=={version}"],
                           check=True)
        if not wheel.exists():
            raise SystemExit(f"pip did not give {pattern}")
        found.append(wheel)
    return found + standins.build(cache / "standins")


# --------------------------------------------------------------------------- the apps

#: Where the setup cell receives the page's query string (see setup_cells).
PAGE_QUERY_PLACEHOLDER = "__BH_PAGE_QUERY__"

#: Put into every app page just before Voici's own script: the kernel runs in a web worker, which
#: cannot see the page's address, so the page writes its query string into the setup cell of the
#: notebook Voici is about to read (the jupyter-config-data it reads at start). Everything but
#: letters, digits and - _ . is percent-encoded, so nothing in the address can end the Python
#: string it lands in.
PAGE_QUERY_SCRIPT = (
    "<script>(() => { const data = document.getElementById('jupyter-config-data');"
    " if (!data) return;"
    " const query = encodeURIComponent(location.search.replace(/^\\?/, ''))"
    ".replace(/[^A-Za-z0-9%_.-]/g, c => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));"
    f" data.textContent = data.textContent.split('{PAGE_QUERY_PLACEHOLDER}').join(query);"
    " })();</script>\n")


def with_page_query(text: str) -> str:
    """An app page that hands its query string to the app (PAGE_QUERY_SCRIPT)."""
    marker = '<script src="../build/voici.js"></script>'
    if PAGE_QUERY_PLACEHOLDER not in text:  # a page of Voici's own (the tree), not an app
        return text
    if text.count(marker) != 1:
        raise SystemExit("an app page has no single voici.js script to hand its query string "
                         "to the app")
    return text.replace(marker, PAGE_QUERY_SCRIPT + marker, 1)


def setup_cells(requirements: list[str], lang: str, imports: list[str] | None = None) -> list[dict]:
    """The cells the in-browser copy of an app runs first. The first gives the app its language
    the way Voila does, through QUERY_STRING: it runs as soon as Python has started, which tells
    the loading screen that its first step is over. The second installs the wheels from the
    site's own index (quietly: Voici shows what a cell prints) or, where they came with Python
    (a site that hosts Pyodide, ``imports`` given), imports them."""
    first = [
        "# Added by tools/site/build_site.py for the in-browser version (Voici).\n",
        "# The page's own query string (scenario=, present=, ...) is written in below by the page\n",
        "# before Voici starts (PAGE_QUERY_SCRIPT), percent-encoded; the page's language wins.\n",
        "import os, urllib.parse\n",
        f"_page = urllib.parse.unquote({PAGE_QUERY_PLACEHOLDER!r})\n",
        "_asked = [(k, v) for k, v in urllib.parse.parse_qsl(_page) if k != 'lang']\n",
        f"os.environ['QUERY_STRING'] = {json.dumps('lang=' + lang)} + "
        "''.join('&' + urllib.parse.urlencode([kv]) for kv in _asked)",
    ]
    install = [
        "import piplite\n",
        f"await piplite.install({json.dumps(requirements)})",
    ] if imports is None else [
        "# The apps' packages came with Python (the site's Pyodide lock file): import them.\n",
        f"import {', '.join(imports)}",
    ]
    return [{"cell_type": "code", "execution_count": None, "id": f"bh-in-browser-setup-{n}",
             "metadata": {"tags": [SETUP_TAG]}, "outputs": [], "source": source}
            for n, source in ((1, first), (2, install))]


def in_browser_notebook(path: Path, requirements: list[str], lang: str,
                        imports: list[str] | None = None) -> dict:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"] = setup_cells(requirements, lang, imports) + notebook["cells"]
    notebook["metadata"]["kernelspec"] = {"display_name": "Python (Pyodide)", "language": "python",
                                          "name": "python"}
    return notebook


def lite_settings(pyodide: str, preload: list[str]) -> dict:
    """JupyterLite's settings: where Pyodide is (unless the build hosts it, which JupyterLite
    then fills in), and no fallback to PyPI: every package comes from the site or Pyodide.

    ``preload``: Pyodide's packages to load while Python starts, in one go (the kernel's own and
    NumPy), instead of one after the other as the kernel and then the app's first cell ask.
    The service worker is left out: it only keeps the kernel's files in step with JupyterLite's
    file browser, which an app has not got, at the cost of some fifty requests at start-up."""
    kernel = {"disablePyPIFallback": True, "loadPyodideOptions": {"packages": preload}}
    if bh_site.is_cdn(pyodide):
        kernel["pyodideUrl"] = pyodide
    return {"jupyter-lite.json": {"jupyter-config-data": {
        "disabledExtensions": list(DISABLED_PLUGINS),
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": kernel}}}}


#: JupyterLite plugins the apps do without (see lite_settings).
DISABLED_PLUGINS = ("@jupyterlite/application-extension:service-worker-manager",)

#: In Voici's own code (voici/build/), the line that adds JupyterLite's service-worker manager to
#: the plugins it starts with: Voici adds it whatever ``disabledExtensions`` says.
_SERVICE_WORKER_PLUGIN = re.compile(
    r'[A-Za-z_$][\w$]*\(\d+\)\.default\.filter\(\(\w=>"@jupyterlite/application-extension:'
    r'service-worker-manager"===\w\.id\)\)')


def without_service_worker(out: Path) -> None:
    """Voici without JupyterLite's service worker. It only keeps the kernel's files in step with
    the file browser, which an app has not got, and costs a reader dearly: some 130 requests to
    ``apps/api/`` at every start (the kernel's file system asks through it, one request after the
    other), a detour through it for every file the kernel fetches, and on the next visit a page
    that loads twice over (the worker of the last visit is unregistered and registered again). Without it
    the kernel says "Pyodide contents will NOT be synced" in the console (a warning) and keeps
    its files to itself. The bundle is not content-named (``no-cache``), so a rebuilt site is
    never served stale."""
    found = 0
    for script in (out / "voici" / "build").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        cleaned, count = _SERVICE_WORKER_PLUGIN.subn("[]", text)
        if count:
            script.write_text(cleaned, encoding="utf-8")
            found += count
    if found != 1:
        raise SystemExit(f"Voici's code adds JupyterLite's service worker {found} times instead of "
                         f"once (a new Voici?): see without_service_worker in build_site.py")


# The Voila template asks a CDN for Font Awesome; the apps use no icon, so the page does without.
_CDN_LINK = re.compile(r'<link[^>]+href="https://cdn\.jsdelivr\.net/npm/@fortawesome[^"]*"[^>]*>\s*')


#: Lab extensions that JupyterLite finds installed beside Voici but the apps do not use. The xeus
#: one would also fetch a file from GitHub when an app opens.
UNUSED_EXTENSIONS = ("@jupyterlite/xeus-extension", "jupyterlab-jupytext")


#: The configuration Voici writes into each of its pages (JupyterLite merges it with
#: jupyter-lite.json: an extension listed in either is loaded).
_INLINE_CONFIG = re.compile(r'(<script id="jupyter-config-data" type="application/json">)(.*?)'
                            r'(</script>)', re.S)


def _without(data: dict, names) -> dict:
    data["federated_extensions"] = [e for e in data.get("federated_extensions", [])
                                    if e["name"] not in names]
    return data


def drop_extensions(out: Path, names) -> None:
    """Remove the extensions ``names`` from the site: their files, jupyter-lite.json, and the
    configuration written into every page (a page that still listed one would ask for its
    deleted files: a 404 and a console error on every visit)."""
    config_path = out / "jupyter-lite.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    _without(config["jupyter-config-data"], names)
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    for name in names:
        shutil.rmtree(out / "extensions" / name, ignore_errors=True)
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")

        def rewrite(match):
            data = _without(json.loads(match.group(2)), names)
            # "</" never ends the script early, whatever the notebook holds.
            inline = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            return f"{match.group(1)}\n      {inline}\n    {match.group(3)}"

        cleaned = _INLINE_CONFIG.sub(rewrite, text)
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")


#: The catalog key of each app's title (the words of its heading), in simulators/locales/.
APP_TITLE_KEYS = {"late_payment": "ui.title", "credit_record": "credit.title",
                  "minimum_payment": "mp.title", "repayment_plan": "rp.title",
                  "true_cost": "tc.title"}
#: The language of a page, as HTML names it.
HTML_LANG = {"en": "en", "zh": "zh-CN"}
#: The script that makes an app page's loading screen speak its language, report its steps to
#: the lesson, and give up with a way back instead of spinning for ever (tools/site/app-loading.js).
LOADING_SCRIPT = HERE / "app-loading.js"
_LOADING_FUNCTION = re.compile(r"window\.update_loading_text = function.*?</script>", re.S)


def app_titles(root: Path, lang: str) -> dict:
    """Each app's title in ``lang``, read from the message catalogs of the working tree
    (``locales/LANG.json`` and ``locales/*/LANG.json``)."""
    locales = root / "simulators" / "locales"
    catalog = {}
    for path in [locales / f"{lang}.json", *sorted(locales.glob(f"*/{lang}.json"))]:
        catalog.update(json.loads(path.read_text(encoding="utf-8")))
    titles = {}
    for notebook in apps(root):
        key = APP_TITLE_KEYS.get(notebook.stem)
        if key is None or key not in catalog:
            raise SystemExit(f"no title for the app {notebook.stem} in {lang}: add its catalog "
                             f"key to APP_TITLE_KEYS in tools/site/build_site.py")
        titles[notebook.stem] = catalog[key]
    return titles


def name_pages(root: Path, out: Path) -> None:
    """Give every app page its language and its title in that language (Voici writes
    ``<html lang="en">`` and the notebook's file name as the title)."""
    from html import escape

    for lang in LANGS:
        for name, title in app_titles(root, lang).items():
            page = out / "voici" / "render" / f"{name}{'.zh' if lang == 'zh' else ''}.html"
            text = page.read_text(encoding="utf-8")
            text, langs = re.subn(r'<html lang="[^"]*"', f'<html lang="{HTML_LANG[lang]}"', text,
                                  count=1)
            text, titles = re.subn(r"<title>[^<]*</title>", f"<title>{escape(title)}</title>",
                                   text, count=1)
            if not (langs and titles):
                raise SystemExit(f"{page.name}: Voici wrote no <html lang> or <title> to replace")
            text = loading_words(text, lang, app_timeout(root))
            page.write_text(text, encoding="utf-8")


def app_timeout(root: Path) -> int:
    """``bh_app_timeout`` of _config.yml (seconds without a step forward before an app gives up)."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    value = (((config or {}).get("sphinx") or {}).get("config") or {}).get("bh_app_timeout")
    return int(value or bh_site.APP_TIMEOUT_S)


def loading_words(text: str, lang: str, seconds: int) -> str:
    """The loading screen of a Voici page in the page's language, with its steps, the size to
    expect, and a way back when the app does not start (tools/site/app-loading.js)."""
    words = bh_site.WORDS[lang]
    said = {key: words[key] for key in ("steps", "step", "why_time", "why_error", "failed_page",
                                        "back_page")}
    said["loading"] = words["loading"].format(mb=bh_site.APP_FIRST_VISIT_MB)
    said["home"] = "../../../" + ("book/zh/index.html" if lang == "zh" else "index.html")
    first = said["step"].format(index=1, count=len(said["steps"]), text=said["steps"][0])
    from html import escape

    text = text.replace('<h2 id="loading_text">Running ...</h2>',
                        f'<h2 id="loading_text">{escape(first)}</h2>', 1)
    script = (LOADING_SCRIPT.read_text(encoding="utf-8")
              .replace("__WORDS__", json.dumps(said, ensure_ascii=False).replace("</", "<\\/"))
              .replace("__SECONDS__", str(int(seconds))))
    found = _LOADING_FUNCTION.search(text)
    if found is None:
        raise SystemExit("Voici's page has no update_loading_text to put in other words")
    return text[:found.end()] + "\n<script>\n" + script + "</script>" + text[found.end():]


def preload_names(preload: list[str], apps_need: list[str]) -> list[str]:
    """What a site that hosts Pyodide starts Python with: the kernel's packages as its worker
    spells them (so that it installs none of them itself), and the apps' requirements."""
    names = [*pyodide_dist.KERNEL_PRELOADS]
    return names + [n for n in [*preload, *apps_need] if n not in names]


def kernel_wheels() -> list[Path]:
    """The wheels of jupyterlite-pyodide-kernel's own index (piplite, ipykernel,
    pyodide_kernel, widgetsnbextension), as installed beside Voici (Voici copies the same)."""
    from jupyter_core.paths import jupyter_path

    for folder in jupyter_path("labextensions"):
        pypi = Path(folder) / "@jupyterlite" / "pyodide-kernel-extension" / "static" / "pypi"
        if pypi.is_dir():
            return sorted(pypi.glob("*.whl"))
    raise SystemExit("jupyterlite-pyodide-kernel's wheels are not installed (no "
                     "@jupyterlite/pyodide-kernel-extension/static/pypi in the Jupyter paths)")


def app_imports(wheels: list[Path], name: str) -> list[str]:
    """What the setup cell imports when the apps' packages come with Python: the simulators'
    package and the widgets, so that the loading screen's second step is their import."""
    ours = [w for w in wheels if w.name.startswith(name.replace("-", "_") + "-")]
    return [*pyodide_dist.wheel_facts(ours[0])["imports"], "ipywidgets"] if ours else ["ipywidgets"]


def preloaded(wheels: list[Path]) -> list[str]:
    """The Pyodide packages loaded with Python (see lite_settings): the kernel's, and those of
    the apps' own requirements that Pyodide provides rather than the site (NumPy)."""
    site = {w.name.split("-")[0].lower().replace("_", "-") for w in wheels}
    kernel = list(pyodide_dist.KERNEL_PACKAGES)
    apps_need = [n for n in pyodide_dist.app_roots(wheels)
                 if n.lower().replace("_", "-") not in site and n in PYODIDE_PROVIDES]
    return kernel + [n for n in apps_need if n not in kernel]


#: Of what the site's wheels require, what Pyodide's distribution provides (the rest comes from
#: the site's own index, or with the kernel).
PYODIDE_PROVIDES = ("numpy",)


def build_apps(root: Path, out: Path, pyodide: str, wheels: list[Path],
               pyodide_cache: Path | None = None) -> list[str]:
    """Voici-build every app, in each language, into ``out`` (the site's ``apps/``). Unless
    ``pyodide`` is a CDN's pyodide.js, the site hosts Pyodide: only the files the apps need,
    taken from the source ``pyodide`` names and checked (tools/site/pyodide_dist.py), with the
    site's own wheels and the kernel's in its lock file, all loaded with Python in one batch."""
    name = package_name(root)
    version = package_version(root)
    requirements = [f"{w.name.split('-')[0]}=={w.name.split('-')[1]}" for w in wheels
                    if not w.name.startswith(name.replace("-", "_")) and not standins.is_standin(w)]
    requirements.append(f"{name}=={version}")
    built = []
    with tempfile.TemporaryDirectory(prefix="bh-voici-") as scratch:
        lite = Path(scratch)
        contents = lite / "content"
        contents.mkdir()
        preload, imports = preloaded(wheels), None
        if not bh_site.is_cdn(pyodide):
            # Where JupyterLite looks for a Pyodide of the site's own: it copies it into
            # static/pyodide/ and points the kernel there.
            say(f"Hosting Pyodide: the files the apps need, from {pyodide}")
            hosted = pyodide_dist.assemble(pyodide, lite / "static" / "pyodide",
                                           pyodide_dist.app_roots(wheels), root, pyodide_cache)
            say(f"Pyodide on the site: {len(hosted['files'])} files, "
                f"{sum(hosted['files'].values()) / 1e6:.1f} MB ({', '.join(hosted['packages'])})")
            if hosted.get("trimmed"):
                say("Trimmed for the apps (tools/site/trimmed.py): " + ", ".join(hosted["trimmed"].values()))
            apps_need = [r.split("==")[0] for r in requirements]
            added = pyodide_dist.serve_wheels(lite / "static" / "pyodide",
                                              [*wheels, *kernel_wheels()],
                                              [*pyodide_dist.KERNEL_PRELOADS, *apps_need])
            say("Loaded with Python from the site's lock file: " + ", ".join(added))
            done = compiled.compile_served(lite / "static" / "pyodide", keep_source=[name])
            say(f"Compiled to bytecode by Pyodide's Python (tools/site/compiled.py): {len(done)} "
                "wheels")
            preload = preload_names(preload, apps_need)
            imports = app_imports(wheels, name)
        for notebook in apps(root):
            for lang in LANGS:
                stem = notebook.stem + (".zh" if lang == "zh" else "")
                (contents / f"{stem}.ipynb").write_text(
                    json.dumps(in_browser_notebook(notebook, requirements, lang, imports),
                               indent=1), encoding="utf-8")
                built.append(stem)
        (lite / "jupyter-lite.json").write_text(
            json.dumps(lite_settings(pyodide, preload)["jupyter-lite.json"]), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        cmd = [bin_path("voici"), "build", "--contents", str(contents), "--output-dir", str(out),
               "--lite-dir", str(lite), "--disable-addons", "jupyterlite-xeus", "--no-sourcemaps"]
        for wheel in wheels:
            cmd += ["--piplite-wheels", str(wheel)]
        say(f"Building the in-browser simulators with Voici ({len(built)} pages)")
        env = {k: v for k, v in os.environ.items() if k != "JUPYTERLITE_PYODIDE_URL"}
        done = subprocess.run(cmd, cwd=lite, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            raise SystemExit(f"voici build failed:\n{done.stdout[-6000:]}\n{done.stderr[-6000:]}")
    drop_extensions(out, UNUSED_EXTENSIONS)
    without_service_worker(out)
    name_pages(root, out)
    for page in (out / "voici").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        cleaned = with_page_query(_CDN_LINK.sub("", text))
        if cleaned != text:
            page.write_text(cleaned, encoding="utf-8")
    return built


# --------------------------------------------------------------------------- previews

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    digest.update(repr(bh_site.PREVIEW_SIZE).encode())
    files = sorted((root / "simulators").rglob("*.py")) + sorted((root / "simulators").rglob("*.json"))
    for path in files + apps(root):
        if "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def wait_for_app(page, timeout_ms: int = 90_000):
    """An app is ready when Voila has put its widgets on the page and has finished loading."""
    page.wait_for_selector("#rendered_cells .jupyter-widgets", timeout=timeout_ms)
    page.wait_for_function("!document.querySelector('#loading') || "
                           "getComputedStyle(document.querySelector('#loading')).display === 'none'",
                           timeout=timeout_ms)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)


def start_voila(root: Path, timeout: float = 90.0):
    port = _free_port()
    log = tempfile.NamedTemporaryFile(prefix="voila-", suffix=".log", delete=False)
    proc = subprocess.Popen([bin_path("voila"), "simulators/apps", "--no-browser", f"--port={port}",
                             "--Voila.ip=127.0.0.1"], cwd=root, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Voila exited early:\n{Path(log.name).read_text()}")
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                return base, proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"Voila did not start:\n{Path(log.name).read_text()}")


def build_previews(root: Path, out: Path, cache: Path):
    """A picture of the top of every app in each language (JPEG: small enough for a lesson)."""
    stamp = cache / "fingerprint"
    current = _fingerprint(root)
    wanted = [f"{nb.stem}.{lang}.jpg" for nb in apps(root) for lang in LANGS]
    if not (stamp.exists() and stamp.read_text() == current
            and all((cache / name).exists() for name in wanted)):
        say("Taking the preview pictures of the apps")
        cache.mkdir(parents=True, exist_ok=True)
        from playwright.sync_api import sync_playwright

        base, proc = start_voila(root)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                width, height = bh_site.PREVIEW_SIZE
                for nb in apps(root):
                    for lang in LANGS:
                        page = browser.new_page(viewport={"width": width, "height": height})
                        page.goto(f"{base}/voila/render/{nb.name}?lang={lang}")
                        wait_for_app(page)
                        page.screenshot(path=str(cache / f"{nb.stem}.{lang}.jpg"), type="jpeg",
                                        quality=70)
                        page.close()
                browser.close()
        finally:
            proc.terminate()
            proc.wait(timeout=20)
        stamp.write_text(current)
    out.mkdir(parents=True, exist_ok=True)
    for name in wanted:
        shutil.copy2(cache / name, out / name)


# --------------------------------------------------------------------------- the instructor's kit

KIT = {"en": "book/reference/kit", "zh": "book/zh/reference/kit"}


def kit_plans(root: Path) -> dict:
    """{plan: [(docname, sheets), ...]} for each language, from book/reference/kit/plans.yml."""
    plans = yaml.safe_load((root / KIT["en"] / "plans.yml").read_text(encoding="utf-8"))
    out = {}
    for lang, folder in KIT.items():
        for plan, pages in plans.items():
            out[(plan, lang)] = [(posixpath.normpath(f"{folder}/{p['page']}"), p["sheets"]) for p in pages]
    return out


#: The packs of a plan (plans.yml, "pack"): everything (None), and what is printed once for each
#: participant or once for the facilitator.
KIT_PACKS = (None, "participant", "facilitator")


def kit_packs(root: Path) -> dict:
    """{(plan, lang, pack): [(docname, sheets), ...]}: the pages of each of a plan's PDFs."""
    plans = yaml.safe_load((root / KIT["en"] / "plans.yml").read_text(encoding="utf-8"))
    out = {}
    for lang, folder in KIT.items():
        for plan, pages in plans.items():
            for pack in KIT_PACKS:
                out[(plan, lang, pack)] = [(posixpath.normpath(f"{folder}/{p['page']}"), p["sheets"])
                                           for p in pages if pack in (None, p["pack"])]
    return out


def kit_pdf(html: Path, plan: str, lang: str, pack: str | None = None) -> Path:
    return html / KIT[lang] / f"plan-{plan}{'-' + pack if pack else ''}.{lang}.pdf"


def pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info)[1])


def print_kit(root: Path, html: Path):
    """Three PDFs per plan and language (A4, page numbers at the foot): "print everything", the
    participant pack (one copy each) and the facilitator pack (one copy), each page of the plan
    printed by Chromium as a reader's browser prints it, then joined. The pages that link a PDF
    ({kit-pdf}, book/_ext/kit.py) then say how many pages it has."""
    if not shutil.which("pdfunite"):
        say("pdfunite (poppler-utils) not found: the kit's PDFs are not made")
        return
    say("Printing the instructor's kit: three PDFs per plan and language")
    from playwright.sync_api import sync_playwright

    counts = {}
    with tempfile.TemporaryDirectory(prefix="bh-kit-") as scratch, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1024, "height": 768})
        printed = {}
        # Twice: the guides print the page counts of the PDFs they are in, known after the first.
        for round_ in range(2):
            for (plan, lang, pack), pages in kit_packs(root).items():
                parts = []
                for docname, _sheets in pages:
                    if docname not in printed:
                        page.goto((html / f"{docname}.html").as_uri())
                        page.wait_for_load_state("load")
                        page.emulate_media(media="print")
                        target = Path(scratch) / f"{docname.replace('/', '_')}.{round_}.pdf"
                        target.write_bytes(page.pdf(format="A4", prefer_css_page_size=True))
                        printed[docname] = target
                    parts.append(str(printed[docname]))
                out = kit_pdf(html, plan, lang, pack)
                out.parent.mkdir(parents=True, exist_ok=True)
                subprocess.run(["pdfunite", *parts, str(out)], check=True)
                counts[out.name] = pdf_pages(out)
            for docname in fill_kit_page_counts(html, counts):
                printed.pop(docname, None)
        browser.close()


def fill_kit_page_counts(html: Path, counts: dict):
    """Each link to a kit PDF says how many A4 pages it has, counted in the PDF just made.
    Returns the docnames of the pages that changed."""
    mark = re.compile(r'<span class="bh-kit-sheets" data-bh-pdf="([^"]+)">[^<]*</span>')
    changed = []
    for folder in KIT.values():
        lang = "zh" if "/zh/" in folder else "en"
        words = "{}页" if lang == "zh" else "{} pages"
        for path in [*(html / folder).glob("*.html"), *(html / folder).parent.glob("workshop.html")]:
            text = path.read_text(encoding="utf-8")
            if "bh-kit-sheets" not in text:
                continue
            new = mark.sub(lambda m: (m[0] if m[1] not in counts else
                                      f'<span class="bh-kit-sheets" data-bh-pdf="{m[1]}">'
                                      f'{words.format(counts[m[1]])}</span>'), text)
            if new != text:
                path.write_text(new, encoding="utf-8")
                changed.append(str(path.relative_to(html).with_suffix("")))
    return changed


# --------------------------------------------------------------------------- all of it

def build(root: Path, html: Path, pyodide: str | None = None, book: bool = True,
          previews: bool = True, quiet: bool = False) -> dict:
    root = root.resolve()
    html = html.resolve()
    setting = pyodide_setting(root, pyodide)
    if book:
        build_book(root, html, quiet, setting)
        print_kit(root, html)
    with tempfile.TemporaryDirectory(prefix="bh-wheels-") as scratch:
        say("Building the simulators wheel from the working tree")
        own = build_wheel(root, Path(scratch))
        wheels = browser_wheels() + [own]
        built = build_apps(root, html / "apps", setting, wheels)
    if previews:
        build_previews(root, html / "apps" / "previews", html.parent / "site-cache" / "previews")
    say(f"The site is in {html} (apps: {', '.join(built)}; Pyodide: {setting})")
    return {"apps": built, "pyodide": setting}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=REPO, help="the repository (default: this one)")
    parser.add_argument("--out", type=Path, help="the HTML folder (default: ROOT/_build/html)")
    parser.add_argument("--pyodide", help="override the bh_pyodide setting")
    parser.add_argument("--skip-book", action="store_true", help="build the apps only")
    parser.add_argument("--skip-previews", action="store_true", help="no preview pictures")
    args = parser.parse_args(argv)
    out = args.out or args.root / "_build" / "html"
    build(args.root, out, args.pyodide, book=not args.skip_book, previews=not args.skip_previews)


if __name__ == "__main__":
    main()
