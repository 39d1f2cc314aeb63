"""The website as readers get it: built once (book, in-browser apps, wheel), served like a static
host, and read in Debian's Chromium.

The shared build hosts the test Pyodide distribution (``site_helpers.TEST_PYODIDE``), so the
in-browser simulators really run here with no internet: ``test_in_browser_apps.py`` drives each
of them end to end. Below: how the apps are built (the notebook, the wheel, the package index,
where Pyodide comes from, including the public CDN that the published site uses by default), and
the lessons. The Voila version of each app (a real kernel on the machine) is checked for
accessibility and layout here too.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import zipfile
from pathlib import Path

import bs4
import pytest
import yaml

from tests.helpers import LAYOUTS

from site_helpers import (ROOT, Server, app_names, app_pages, build_site, describe, outside,
                          pages_showing_every_kind, read_json, run_axe, save, toc_pages)

pytestmark = pytest.mark.browser

PAGES = toc_pages()
EDITIONS = ["en", "zh"]
APPS = app_names()
APP_PAGES = app_pages()
A4_POINTS = (595, 842)  # 210 x 297 mm


def soup(site: Path, rel: str):
    path = site / rel
    assert path.exists(), f"{rel} was not built"
    return bs4.BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def site_url_setting() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    return config["sphinx"]["config"]["bh_site_url"]


def project_version() -> str:
    return build_site.package_version(ROOT)


# --------------------------------------------------------------------------- the in-browser apps

@pytest.mark.parametrize("rel", APP_PAGES)
def test_every_app_is_built_into_the_site(site, rel):
    assert (site / rel).exists(), f"{rel} is missing from the site"
    stem = Path(rel).name.removesuffix(".html")
    notebook = read_json(site / "apps" / "files" / f"{stem}.ipynb")
    original = read_json(ROOT / "simulators" / "apps" / f"{stem.removesuffix('.zh')}.ipynb")
    count = len(build_site.setup_cells([], "en"))
    setup, cells = notebook["cells"][:count], notebook["cells"][count:]
    assert all(build_site.SETUP_TAG in c["metadata"]["tags"] for c in setup)
    assert [c["source"] for c in cells] == [c["source"] for c in original["cells"]], \
        "the in-browser app must run the app notebook unchanged after its setup cells"
    lang = "zh" if stem.endswith(".zh") else "en"
    assert f"lang={lang}" in "".join("".join(c["source"]) for c in setup)


def inline_config(site: Path, rel: str) -> dict:
    """The JupyterLite configuration Voici writes into an app page."""
    tag = soup(site, rel).find("script", id="jupyter-config-data")
    assert tag is not None, f"{rel} has no JupyterLite configuration"
    return json.loads(tag.string)


@pytest.mark.parametrize("rel", APP_PAGES)
def test_an_app_page_loads_only_extensions_the_site_has(site, rel):
    """Every extension an app page lists (in its own configuration or in jupyter-lite.json) is
    in the site: one that is not costs a 404 and a console error on every visit."""
    listed = (inline_config(site, rel)["federated_extensions"]
              + read_json(site / "apps" / "jupyter-lite.json")["jupyter-config-data"]["federated_extensions"])
    missing = [e["name"] for e in listed
               if not (site / "apps" / "extensions" / e["name"] / e["load"]).is_file()]
    assert not missing, f"{rel} loads extensions the site does not have: {missing}"
    for name in build_site.UNUSED_EXTENSIONS:
        assert name not in {e["name"] for e in listed}, f"{rel} still lists {name}"


@pytest.mark.parametrize("rel", APP_PAGES)
def test_an_app_page_has_its_language_and_its_title(site, rel):
    """A screen reader reads a Chinese page with a Chinese voice, and the tab (and a bookmark)
    shows the app's name in the page's language, not its file name."""
    stem = Path(rel).name.removesuffix(".html")
    app, lang = stem.removesuffix(".zh"), ("zh" if stem.endswith(".zh") else "en")
    page = soup(site, rel)
    assert page.html["lang"] == {"en": "en", "zh": "zh-CN"}[lang]
    title = page.title.string.strip()
    assert title == build_site.app_titles(ROOT, lang)[app]
    assert stem not in title
    if lang == "zh":
        assert re.search(r"[\u4e00-\u9fff]", title), f"{rel}: the title {title!r} is not Chinese"
        # The 10-20 s while Python starts speak the page's language too.
        loading = page.find(id="loading_text").get_text()
        assert re.search(r"[\u4e00-\u9fff]", loading), f"{rel} says {loading!r} while it loads"


def test_the_wheel_in_the_browser_index_is_the_working_tree(built):
    """The wheel holds the package exactly as the working tree had it when the site was built
    (the build's copy of the tree: the tree itself may have moved on since)."""
    site, tree_root = built["html"], built["work"]
    name = build_site.package_name(ROOT)
    index = read_json(site / "apps" / "pypi" / "all.json")
    assert name in index, f"{name} is not in the in-browser package index"
    releases = index[name]["releases"]
    assert list(releases) == [project_version()], "the index must hold the working tree's version"
    (release,) = releases[project_version()]
    wheel = site / "apps" / "pypi" / release["url"].split("/")[-1]
    assert wheel.exists(), f"the index points to a missing wheel {wheel.name}"
    with zipfile.ZipFile(wheel) as archive:
        packed = {n: archive.read(n) for n in archive.namelist() if n.startswith("simulators/")}
    tree = {str(p.relative_to(tree_root)): p.read_bytes() for p in (tree_root / "simulators").rglob("*")
            if p.is_file() and p.suffix in (".py", ".json") and "__pycache__" not in p.parts
            and "apps" not in p.parts}
    missing = sorted(set(tree) - set(packed))
    assert not missing, f"the wheel lacks files of the working tree: {missing}"
    changed = sorted(n for n in tree if packed[n] != tree[n])
    assert not changed, f"the wheel differs from the working tree in {changed}"
    # A site that hosts Pyodide starts Python with the same wheel, from its lock file.
    pyodide = site / "apps" / "static" / "pyodide"
    if (pyodide / "pyodide-lock.json").is_file():
        entry = read_json(pyodide / "pyodide-lock.json")["packages"][name]
        assert (pyodide / entry["file_name"]).read_bytes() == wheel.read_bytes(), \
            "Python starts with another wheel of the simulators than the index holds"


def test_the_app_installs_that_version_and_nothing_from_pypi(site):
    settings = read_json(site / "apps" / "jupyter-lite.json")["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["disablePyPIFallback"] is True
    index = read_json(site / "apps" / "pypi" / "all.json")
    import ipywidgets

    assert ipywidgets.__version__ in index["ipywidgets"]["releases"]
    lock_path = site / "apps" / "static" / "pyodide" / "pyodide-lock.json"
    name = build_site.package_name(ROOT)
    if lock_path.is_file():
        # A site that hosts Pyodide starts Python with these versions (its lock file), and
        # Python is started with them; the app's setup cell then only imports them.
        lock = read_json(lock_path)["packages"]
        assert lock[name]["version"] == project_version()
        assert lock["ipywidgets"]["version"] == ipywidgets.__version__
        assert {name, "ipywidgets"} <= set(kernel["loadPyodideOptions"]["packages"])
    for stem in APPS:
        setup = "".join("".join(c["source"]) for c in read_json(site / "apps" / "files" / f"{stem}.ipynb")["cells"]
                        if build_site.SETUP_TAG in c["metadata"].get("tags", []))
        if lock_path.is_file():
            assert "piplite.install" not in setup and "import simulators, ipywidgets" in setup, setup
        else:
            assert f'"{name}=={project_version()}"' in setup
            assert f'"ipywidgets=={ipywidgets.__version__}"' in setup


def test_the_app_uses_the_pyodide_the_site_was_built_with(built):
    """A CDN setting is written into the kernel's settings as it is; an archive is hosted by the
    site, and the kernel is pointed at the site's own copy."""
    site = built["html"]
    settings = read_json(site / "apps" / "jupyter-lite.json")["jupyter-config-data"]
    kernel = settings["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    if not built["hosted_pyodide"]:
        assert kernel["pyodideUrl"] == built["pyodide"]
        return
    assert kernel.get("pyodideUrl", "./static/pyodide/pyodide.js") == "./static/pyodide/pyodide.js"
    with tarfile.open(built["pyodide"]) as archive:
        original = archive.extractfile("pyodide/pyodide.js").read()
    assert (site / "apps" / "static" / "pyodide" / "pyodide.js").read_bytes() == original
    for rel in APP_PAGES:
        inline = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>',
                           (site / rel).read_text(encoding="utf-8"), re.S)
        page_kernel = json.loads(inline.group(1))["litePluginSettings"][
            "@jupyterlite/pyodide-kernel-extension:kernel"]
        assert page_kernel["pyodideUrl"] == "../../static/pyodide/pyodide.js", rel
    # The lessons say so: the apps load from this site, not from a CDN (a reader's review found
    # the words naming cdn.jsdelivr.net on a site that hosts Python itself).
    for rel, here in (("book/late-payment/cost.html", "from this site"),
                      ("book/zh/late-payment/cost.html", "从这个网站")):
        words = soup(site, rel).select_one("div.bh-try").get_text(" ")
        assert here in words and "jsdelivr" not in words, f"{rel}: {words[:300]}"


def test_an_app_can_take_pyodide_from_the_cdn(tmp_path, browser):
    """The published site's default: Pyodide from the public CDN. The kernel's worker starts and
    asks the CDN for Pyodide (aborted here: no internet), and nothing else leaves the site."""
    cdn = build_site.bh_site.PYODIDE_CDN
    out = tmp_path / "apps"
    wheels = build_site.browser_wheels() + [build_site.build_wheel(ROOT, tmp_path / "wheels")]
    build_site.build_apps(ROOT, out, cdn, wheels)
    assert not (out / "static" / "pyodide").exists(), "a CDN build must not host Pyodide"
    server = Server(tmp_path)
    context = browser.new_context()
    try:
        page = context.new_page()
        requested = []
        context.on("request", lambda r: requested.append(r.url))
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        page.goto(f"{server.url}/apps/voici/render/{APPS[0]}.html")
        page.wait_for_event("worker", timeout=60_000)
        for _ in range(120):
            if cdn in requested:
                break
            page.wait_for_timeout(500)
        assert cdn in requested, "the kernel never asked the CDN for Pyodide"
        # (The worker may ask twice: its first try is aborted here, with no internet.)
        assert set(outside(requested, server.url)) == {cdn}, \
            f"the app page asked other hosts for {outside(requested, server.url)}"
    finally:
        context.close()
        server.close()


# A site that hosts Pyodide itself is built from a real (test) distribution, every file checked:
# tests/site/test_pyodide_dist.py, and test_in_browser_apps.py runs the apps on it.


# --------------------------------------------------------------------------- one visit a page

PAPER = round((210 - 32) / 25.4 * 96)  # the width of A4 less the print margins, in CSS pixels
PRINT_HIDDEN = (".bd-sidebar-primary", ".bd-header", ".bh-try", ".bd-footer")


@pytest.fixture(scope="session")
def visit(site_url, browser):
    """``visit(rel)``: what a reader's browser shows of a page, gathered in a single visit (the
    page is loaded once, then looked at as a phone, a laptop, a narrow phone and a printer
    would): how far its text moves while it loads at 412 px, the requests it made and its
    script errors, axe-core's violations at 1280 px, how far it scrolls sideways at 360 px, and
    its print to PDF."""
    seen = {}

    def look(rel: str) -> dict:
        if rel in seen:
            return seen[rel]
        # It opens on a phone-sized screen (Lighthouse's mobile one), where text that moves
        # hurts most, then is looked at as a laptop, a narrow phone and a printer.
        context = browser.new_context(viewport={"width": 412, "height": 823})
        page = context.new_page()
        page.set_default_timeout(30_000)
        requested, errors = [], []
        page.on("request", lambda r: requested.append(r.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        # How far the text moves after the page first shows (the layout-shift score).
        page.add_init_script("window.__bhShift = 0; new PerformanceObserver(list => { for (const e of "
                             "list.getEntries()) if (!e.hadRecentInput) window.__bhShift += e.value; })"
                             ".observe({type: 'layout-shift', buffered: true});")
        try:
            page.goto(f"{site_url}/{rel}")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            shift = page.evaluate("window.__bhShift")
            page.set_viewport_size({"width": 1280, "height": 900})
            page.mouse.wheel(0, 20_000)  # lazy pictures load too
            page.wait_for_timeout(300)
            report = {"requested": list(requested), "errors": list(errors), "shift": shift}
            page.mouse.wheel(0, -20_000)
            report["violations"] = run_axe(page)
            page.set_viewport_size({"width": 360, "height": 740})
            page.wait_for_timeout(200)
            report["overflow"] = overflow(page)
            page.set_viewport_size({"width": PAPER, "height": 1100})
            page.emulate_media(media="print")
            page.wait_for_timeout(100)
            report["printed_screen_parts"] = [
                hidden for hidden in PRINT_HIDDEN
                if page.evaluate(f"[...document.querySelectorAll('{hidden}')].some("
                                 "e => getComputedStyle(e).display !== 'none')")]
            report["pdf"] = page.pdf(prefer_css_page_size=True, print_background=False)
            # A sample letter prints on its own: its first line stands for the page's title.
            letter = page.locator("article .bh-letter p")
            report["title"] = (letter.first.inner_text() if letter.count()
                               else page.locator("article h1").first.inner_text().replace("#", ""))
            report["title"] = report["title"].strip().splitlines()[0][:60]
            report["widest"] = page.evaluate("""() => {
                const art = document.querySelector('article') || document.body;
                return Math.max(...[...art.querySelectorAll('*')].map(e => e.getBoundingClientRect().right));
            }""")
        finally:
            context.close()
        seen[rel] = report
        return report

    return look


@pytest.fixture(scope="session")
def visited(site) -> dict[str, list[str]]:
    """Per edition, the pages the browser visits for the checks that take seconds a page (other
    hosts, no app until asked, axe, layout shift, print): a few pages that between them hold
    every kind of content of that edition's pages (``pages_showing_every_kind``: 18 of 62 in
    each edition today). What every page must satisfy is checked on every page, more cheaply:
    in its HTML (``test_a_page_loads_nothing_from_other_hosts_by_its_html``) and, for the
    width of a phone, in one quick pass of the browser (``test_every_page_fits_a_phone``)."""
    return {edition: pages_showing_every_kind(site, toc_pages(edition)) for edition in EDITIONS}


def failures(pages, check) -> list[str]:
    """``check(rel)`` gives a problem (a sentence) or None, for each page; the problems."""
    return [problem for problem in map(check, pages) if problem]

# --------------------------------------------------------------------------- lessons: privacy

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_lesson_loads_nothing_from_other_hosts(site_url, visit, visited, edition):
    """No request leaves the site, no in-browser app loads before the reader asks (tens of
    megabytes with Python: a reader on a phone plan pays for nothing they did not ask for), and
    no script fails, while a lesson loads."""
    def check(rel):
        report = visit(rel)
        if outside(report["requested"], site_url):
            return f"{rel} asked other hosts for {outside(report['requested'], site_url)}"
        apps = [u for u in report["requested"] if "/apps/voici/" in u or "pyodide" in u]
        if apps:
            return f"{rel} loaded an in-browser app before the reader asked: {apps[:3]}"
        if report["errors"]:
            return f"{rel}: script errors {report['errors']}"
    assert failures(visited[edition], check) == []


#: What makes a browser fetch something as a page loads: (element, attribute).
LOADED = (("script", "src"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
          ("source", "src"), ("source", "srcset"), ("video", "src"), ("audio", "src"),
          ("video", "poster"), ("embed", "src"), ("object", "data"), ("input", "src"))
LINKS_LOADED = {"stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch",
                "preconnect", "dns-prefetch", "apple-touch-icon"}


def fetched_by_html(page) -> list[str]:
    """The addresses a page's HTML makes a browser fetch (not the links a reader may follow)."""
    found = []
    for name, attribute in LOADED:
        for element in page.find_all(name):
            value = element.get(attribute)
            if value:
                found += [part.strip().split(" ")[0] for part in value.split(",")] \
                    if attribute == "srcset" else [value]
    for link in page.find_all("link", href=True):
        if LINKS_LOADED & set(link.get("rel") or ()):
            found.append(link["href"])
    for element in page.find_all(style=True):
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", element["style"])
    for style in page.find_all("style"):
        found += re.findall(r"url\(\s*['\"]?([^'\")]+)", style.get_text())
    return found


@pytest.mark.parametrize("rel", PAGES)
def test_a_page_loads_nothing_from_other_hosts_by_its_html(site, rel):
    """Every page (the browser visits only some, above): nothing its HTML loads comes from
    another host, and no in-browser app is in it before the reader presses the button."""
    page = soup(site, rel)
    foreign = [u for u in fetched_by_html(page) if re.match(r"^(https?:)?//", u)]
    assert foreign == [], f"{rel} loads {foreign}"
    assert not [u for u in fetched_by_html(page) if "apps/voici/" in u or "pyodide" in u], \
        f"{rel} loads an in-browser app before the reader asks"


def test_the_stylesheets_load_nothing_from_other_hosts(site):
    for sheet in sorted(site.glob("**/_static/**/*.css")):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        foreign = re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")]+)", text)
        assert foreign == [], f"{sheet.relative_to(site)} loads {foreign}"


def test_the_checks_see_a_foreign_address():
    """The HTML check finds what it looks for (a page that loads a CDN's script and picture)."""
    page = bs4.BeautifulSoup('<script src="https://cdn.example/x.js"></script><img srcset="a.png 1x,'
                             ' //cdn.example/b.png 2x"><div style="background: url(http://e.x/y.png)">'
                             '</div><link rel="stylesheet" href="https://fonts.example/f.css">',
                             "html.parser")
    assert fetched_by_html(page) == ["https://cdn.example/x.js", "a.png", "//cdn.example/b.png",
                                     "https://fonts.example/f.css", "http://e.x/y.png"]


def lessons_with_apps(site) -> list[str]:
    return [rel for rel in PAGES if soup(site, rel).select("div.bh-try")]


def one_lesson_per_app(site) -> list[str]:
    """For each app and language, the first lesson that embeds it."""
    chosen = {}
    for rel in lessons_with_apps(site):
        for box in soup(site, rel).select("div.bh-try"):
            chosen.setdefault(box["data-bh-app"].rsplit("/", 1)[-1], rel)
    return chosen


def test_the_try_button_opens_the_app_only_when_pressed(site, site_url, browser):
    chosen = one_lesson_per_app(site)
    # Every simulator can be tried from a lesson, in each language.
    assert set(chosen) == {rel.rsplit("/", 1)[-1] for rel in APP_PAGES}, chosen
    for rel in sorted(set(chosen.values())):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        requested = []
        page.on("request", lambda r: requested.append(r.url))
        page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
        try:
            page.goto(f"{site_url}/{rel}")
            page.wait_for_load_state("networkidle")
            box = page.locator("div.bh-try").first
            preview = box.locator("img.bh-try-preview")
            assert preview.get_attribute("alt"), "the preview needs a text alternative"
            assert page.evaluate("img => img.naturalWidth", preview.element_handle()) > 0 or \
                preview.get_attribute("loading") == "lazy"
            assert not [u for u in requested if "/apps/voici/" in u]
            box.locator("button.bh-try-button").click()
            frame = box.locator("iframe.bh-try-frame")
            frame.wait_for(timeout=10_000)
            assert frame.get_attribute("title"), "the app's frame needs a title for screen readers"
            src = frame.get_attribute("src")
            lang = "zh" if "/zh/" in rel else "en"
            assert src.endswith(".zh.html") == (lang == "zh"), f"{rel} opens the app in the wrong language"
            page.wait_for_function("() => performance.getEntriesByType('resource').some("
                                   "e => e.name.includes('/apps/voici/render/'))", timeout=15_000)
        finally:
            context.close()


@pytest.mark.parametrize("rel", PAGES)
def test_preview_pictures_exist(site, rel):
    page = soup(site, rel)
    for img in page.select("div.bh-try img.bh-try-preview"):
        target = (site / rel).parent / img["src"]
        assert target.resolve().exists(), f"{rel}: the preview {img['src']} is missing"


# --------------------------------------------------------------------------- accessibility

@pytest.mark.parametrize("edition", EDITIONS)
def test_a_lesson_has_no_wcag_violation(visit, visited, edition):
    def check(rel):
        violations = visit(rel)["violations"]
        return f"{rel}:\n{describe(violations)}" if violations else None
    assert failures(visited[edition], check) == []


@pytest.mark.parametrize("rel", APP_PAGES)
def test_the_in_browser_app_page_has_no_wcag_violation_before_its_kernel(site_url, new_page, rel):
    """The page as it is while Python starts (its loading screen). Pyodide is held back, so
    that the page stays in that state (and the check does not wait for the kernel)."""
    page = new_page()
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    page.context.route(re.compile(r"/static/pyodide/"), lambda route: route.abort())
    page.goto(f"{site_url}/{rel}")
    page.wait_for_load_state("networkidle")
    violations = run_axe(page)
    assert not violations, f"{rel}:\n{describe(violations)}"


# --------------------------------------------------------------------------- phones

def overflow(page) -> int:
    """How far the page reaches past the right edge of the screen (0: no sideways scroll)."""
    return page.evaluate("""() => {
        const doc = document.scrollingElement || document.documentElement;
        let widest = doc.scrollWidth;
        const cells = document.querySelector('#rendered_cells');
        if (cells) widest = Math.max(widest, cells.scrollWidth);
        return widest - window.innerWidth;
    }""")


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_lesson_does_not_move_while_it_loads(visit, visited, edition):
    """Text that jumps after the page shows makes a reader lose their place (or tap the wrong
    link): the layout-shift score stays under 0.1, the "good" threshold of Web Vitals."""
    def check(rel):
        shift = visit(rel)["shift"]
        return f"{rel}: the page moves by {shift:.3f} as it loads" if shift >= 0.1 else None
    assert failures(visited[edition], check) == []


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_page_fits_a_phone(site_url, browser, edition):
    """Every page of the edition, at 360 px: nothing makes the reader scroll sideways. (One
    quick pass: the page is loaded and measured, no more.)"""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        def check(rel):
            page.goto(f"{site_url}/{rel}", wait_until="load")
            reach = overflow(page)
            return f"{rel} scrolls sideways at 360 px by {reach} px" if reach > 0 else None
        assert failures(toc_pages(edition), check) == []
    finally:
        context.close()


def test_the_phone_navigation_button_opens_the_navigation(site_url, new_page):
    """On a phone the visible menu button (in the article's header) opens the book's contents."""
    page = new_page(width=360, height=740)
    page.goto(f"{site_url}/{PAGES[1]}")
    page.wait_for_load_state("networkidle")
    page.locator("button.primary-toggle:visible").first.click()
    dialog = page.locator("dialog#pst-primary-sidebar-modal")
    dialog.wait_for(state="visible", timeout=5_000)
    assert dialog.locator("a.reference").count() > 10, "the navigation opened empty"


@pytest.mark.parametrize("width, lang", LAYOUTS)
@pytest.mark.parametrize("app", APPS)
def test_an_app_fits_and_has_no_wcag_violation(voila_url, new_page, app, width, lang):
    """Every app at a phone's width in both languages and a laptop's in English: it fits, every
    widget has a label a screen reader can read and the charts have their text (axe-core), and
    the picture is kept in artifacts/site/ for a person to look at."""
    page = new_page(width=width, height=800)
    page.goto(f"{voila_url}/voila/render/{app}.ipynb?lang={lang}")
    build_site.wait_for_app(page)
    assert overflow(page) <= 0, f"{app} ({lang}) scrolls sideways at {width} px"
    violations = run_axe(page)
    assert not violations, f"{app} ({lang}, {width} px):\n{describe(violations)}"
    height = page.evaluate("document.querySelector('#rendered_cells').scrollHeight")
    page.set_viewport_size({"width": width, "height": max(800, height)})
    page.wait_for_timeout(300)
    path = save(f"app-{app}-{lang}-{width}.png")
    page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000, "the screenshot is empty"


# --------------------------------------------------------------------------- what a page says

def test_every_page_has_its_own_description(site):
    seen = {}
    for rel in PAGES:
        tag = soup(site, rel).find("meta", attrs={"name": "description"})
        assert tag is not None, f"{rel} has no description"
        text = tag["content"]
        assert 20 <= len(text) <= 160, f"{rel}: a description of {len(text)} characters: {text!r}"
        assert text not in seen, f"{rel} and {seen.get(text)} share a description"
        seen[text] = rel


@pytest.mark.parametrize("rel", PAGES)
def test_social_preview_and_favicon(site, rel):
    page = soup(site, rel)
    image = page.find("meta", attrs={"property": "og:image"})
    assert image is not None and image["content"].startswith("http")
    base = site_url_setting().rstrip("/") + "/"
    assert image["content"].startswith(base)
    assert (site / image["content"][len(base):]).exists(), image["content"]
    # A Chinese page is shared with the Chinese picture, an English page with the English one.
    assert ("-zh" in image["content"]) == rel.startswith("book/zh/"), image["content"]
    for prop in ("og:title", "og:description", "og:url"):
        assert page.find("meta", attrs={"property": prop}), f"{rel} lacks {prop}"
    icon = page.find("link", rel="icon")
    assert icon is not None and ((site / rel).parent / icon["href"]).resolve().exists()


def test_every_icon_of_the_theme_is_drawn(site):
    """The theme's icons come from the site's own small stylesheet (no Font Awesome script):
    an icon without its shape would show as a filled square."""
    css = (site / "_static" / "icons.css").read_text(encoding="utf-8")
    drawn = set(re.findall(r"^\.fa-([a-z0-9-]+) \{ width: [\d.]+em; --bh-icon: url", css, re.M))
    for rel in PAGES + ["404.html"]:
        page = soup(site, rel)
        assert not page.find("script", src=re.compile("fontawesome")), f"{rel} loads Font Awesome"
        for icon in page.select(".fa-solid, .fa-regular, .fa-brands"):
            names = {c[3:] for c in icon["class"] if c.startswith("fa-")} - \
                {"solid", "regular", "brands", "lg", "xs", "sm", "xl", "fw", "2x", "3x"}
            assert names <= drawn, f"{rel}: no shape for the icon {names - drawn}"


def test_sitemap_and_robots(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    base = site_url_setting()
    assert locations and all(loc.startswith(base) for loc in locations), \
        f"the sitemap's addresses must start with the site's address {base}"
    for rel in PAGES:
        assert any(loc.endswith("/" + rel) for loc in locations), f"the sitemap lacks {rel}"
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: https?://\S+/sitemap\.xml$", robots, re.M)


def test_a_missing_page_gets_the_404_page(site_url, new_page):
    page = new_page(width=360, height=740)
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    response = page.goto(f"{site_url}/book/no/such/page.html")
    assert response.status == 404
    page.wait_for_load_state("networkidle")
    assert "Page not found" in page.locator("article h1").first.inner_text()
    # Its stylesheets, scripts and links work from any depth: nothing else fails to load, and
    # the theme's stylesheet is applied (the site's header is laid out, not plain text).
    assert failed == [response.url]
    sheets = page.evaluate("[...document.styleSheets].filter(s => s.href).map(s => s.cssRules.length)")
    assert sheets and min(sheets) > 0
    assert page.evaluate("getComputedStyle(document.querySelector('.bd-header')).display") == "flex"
    home = page.locator("article a", has_text="start here")
    home.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/index.html") or page.url.endswith("/book/index.html")
    assert "Page not found" not in page.locator("article h1").first.inner_text()


# --------------------------------------------------------------------------- printing

def pdf_page_sizes(pdf: bytes) -> set:
    return {tuple(round(float(v)) for v in m.groups())
            for m in re.finditer(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf)}


@pytest.mark.parametrize("edition", EDITIONS)
def test_a_page_prints_cleanly_on_a4(visit, visited, tmp_path, edition):
    def check(rel):
        report = visit(rel)
        if report["printed_screen_parts"]:
            return f"{rel}: {report['printed_screen_parts']} would be printed"
        pdf = report["pdf"]
        sizes = pdf_page_sizes(pdf)
        if sizes != {A4_POINTS}:
            return f"{rel} printed on {sizes}, not A4"
        path = tmp_path / "page.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                              text=True, check=True).stdout
        if "".join(report["title"].split()) not in "".join(text.split()):
            return f"{rel}: the title is not on paper"
        for screen_only in ("Skip to main content", "Try it in your browser", "在浏览器中试用"):
            if screen_only in text:
                return f"{rel}: {screen_only!r} is printed"
        # Nothing is cut at the right edge: every line of text stays within the paper.
        if report["widest"] > PAPER + 2:
            return f"{rel}: content {report['widest']:.0f} px wide on {PAPER} px of paper"
        first = save("print-" + rel.replace("/", "-").removesuffix(".html"))
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(first)],
                       check=True)
    assert failures(visited[edition], check) == []


ONE_SHEET = [rel for rel in PAGES
             if re.search(r"letters/(?!index)|loan-terms/checklist|late-payment/collection-log", rel)]


@pytest.fixture(scope="session")
def printed(site_url, browser):
    """``printed(rel)``: the page printed to PDF (as Chromium prints it, on A4), no more."""
    context = browser.new_context(viewport={"width": PAPER, "height": 1100})
    page = context.new_page()
    page.set_default_timeout(30_000)

    def make(rel: str) -> bytes:
        page.goto(f"{site_url}/{rel}")
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        return page.pdf(prefer_css_page_size=True, print_background=False)

    yield make
    context.close()


@pytest.mark.parametrize("rel", ONE_SHEET)
def test_a_letter_or_the_checklist_prints_on_one_sheet(printed, rel):
    """An educator prints a sample letter or the checklist as a one-page handout."""
    sheets = len(re.findall(rb"/Type\s*/Page(?!s)", printed(rel)))
    assert sheets == 1, f"{rel} prints on {sheets} sheets of A4"


def test_the_setup_cell_installs_from_the_index_unless_python_came_with_the_packages():
    """A site that takes Pyodide from a CDN installs the apps' wheels from its own index; a site
    that hosts Pyodide starts Python with them (its lock file) and the cell only imports them."""
    wanted = ["ipywidgets==8.1.9", "borrowers-handbook-simulators==0.1.0"]
    from_index = "".join(build_site.setup_cells(wanted, "zh")[1]["source"])
    assert "await piplite.install(" + json.dumps(wanted) + ")" in from_index
    with_python = "".join(build_site.setup_cells(wanted, "zh", ["simulators", "ipywidgets"])[1]["source"])
    assert "piplite" not in with_python and with_python.rstrip().endswith("import simulators, ipywidgets")
