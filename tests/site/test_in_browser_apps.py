"""The in-browser simulators, end to end: every app of ``simulators/apps/``, in each language, as
the website serves it (Voici: JupyterLite and Pyodide in the reader's browser), driven in Debian's
Chromium the way a reader uses it.

The shared site build hosts the test Pyodide distribution (``site_helpers.TEST_PYODIDE``), so the
kernel really starts here, with no internet. One visit a page (a kernel start takes 10-20 s):

- the first result appears: the headline sentence, the very one the same notebook gives in
  Python, and the chart;
- the page has the app's title and language (and its loading screen speaks that language);
- changing an input updates the sentence and the chart;
- a closed section ("Disclosure") opens and shows what it holds;
- "abc" typed in a number field brings the error summary (role="alert") and the message under the
  field, in the page's language, with no traceback;
- at no point does the page ask another host for anything, get a 404, or log an error.

Pictures at 360 and 1280 px go to artifacts/site/ (``inbrowser-APP-LANG-WIDTH.png``) for a
person to look at.
"""

from __future__ import annotations

import ast
import json
import os
import re
from html import unescape
from pathlib import Path

import pytest

from site_helpers import ROOT, TEST_PYODIDE, app_pages, build_site, outside, save

pytestmark = pytest.mark.browser

FIRST_RESULT_MS = 120_000  # Pyodide, NumPy, the widgets and the package, then the app
STEP_MS = 30_000

#: The field the test changes, by its label's catalog key, where the app's first number field
#: does not move its headline (the credit record depends on how late, not how much).
CHANGED_FIELD = {"credit_record": "ui.late.days_late"}

NUMBER = re.compile(r"^-?[\d,]+(\.\d+)?$")


@pytest.fixture(scope="module")
def hosted(built):
    if not built["hosted_pyodide"]:
        pytest.skip(f"the test Pyodide {TEST_PYODIDE} is missing: the site was built with "
                    f"{built['pyodide']}, and no app can start its kernel here")


# --------------------------------------------------------------------------- what Python says

def _walk(widget, out):
    out.append(widget)
    for child in getattr(widget, "children", ()) or ():
        _walk(child, out)
    return out


def expected_sentences(app: str, lang: str, query: str = "") -> list[str]:
    """The headline paragraphs the app's notebook shows when run in Python, in ``lang`` and with
    what else the address asks (``query``, e.g. a scenario); the in-browser copy runs the same
    cells after its setup cell."""
    from ipywidgets import HTML

    notebook = json.loads((ROOT / "simulators" / "apps" / f"{app}.ipynb").read_text(encoding="utf-8"))
    source = "\n".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "code")
    tree = ast.parse(source)
    last = ast.Expression(tree.body.pop().value)
    saved = os.environ.get("QUERY_STRING")
    os.environ["QUERY_STRING"] = f"lang={lang}" + (f"&{query}" if query else "")
    try:
        scope: dict = {}
        exec(compile(tree, app, "exec"), scope)
        shown = eval(compile(last, app, "eval"), scope)
    finally:
        if saved is None:
            os.environ.pop("QUERY_STRING", None)
        else:
            os.environ["QUERY_STRING"] = saved
    root = getattr(shown, "root", shown)
    (sentence,) = [w for w in _walk(root, []) if isinstance(w, HTML) and "bh-sentence" in w._dom_classes]
    paragraphs = re.findall(r"<p[^>]*>(.*?)</p>", sentence.value, re.S)
    return [" ".join(unescape(re.sub(r"<[^>]+>", "", p)).split()) for p in paragraphs]


# --------------------------------------------------------------------------- what the page does

class Watch:
    """Everything that goes wrong in a browser context: requests to other hosts (aborted, as
    with no internet), responses of 400 or more, console errors and uncaught page errors. The
    context's events include the requests of the kernel's web worker."""

    def __init__(self, context, base: str):
        self.base = base
        self.requested: list[str] = []
        self.failed: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda r: self.requested.append(r.url))
        context.on("response", lambda r: self.failed.append(f"{r.status} {r.url}")
                   if r.status >= 400 else None)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())

    def page(self, context):
        page = context.new_page()
        page.set_default_timeout(STEP_MS)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", lambda msg: self.errors.append(f"console error: {msg.text}")
                if msg.type == "error" else None)
        return page

    def problems(self) -> list[str]:
        return ([f"asked another host: {u}" for u in outside(self.requested, self.base)]
                + [f"failed: {f}" for f in self.failed] + self.errors)

    def __str__(self):
        return "\n".join(self.problems()) or "(no request, response or console problem)"


def sentences(page) -> list[str]:
    return [" ".join(t.split()) for t in page.locator(".bh-sentence p").all_inner_texts()]


def chart(page) -> str:
    return page.locator(".bh-chart-wide svg").first.evaluate("svg => svg.outerHTML")


def number_fields(page):
    """The app's visible text inputs that hold a number, in page order."""
    return [field for field in page.locator(".bh-inputs input[type='text']").all()
            if field.is_visible() and NUMBER.match(field.input_value().strip())]


def message_under(field):
    """The message line under a field (components.Field: the input's widget, then its message)."""
    widget = field.locator("xpath=ancestor::*[contains(concat(' ', @class, ' '), ' bh-field ')][1]")
    return widget.locator("xpath=following-sibling::*[contains(concat(' ', @class, ' '), ' bh-msg ')][1]")


def picture(page, name: str, width: int):
    """The whole app at ``width`` (the page scrolls inside Voici's cells, so the window is made
    as tall as the app)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.wait_for_timeout(300)
    height = page.evaluate("Math.max(document.documentElement.scrollHeight, "
                           "(document.querySelector('#rendered_cells') || document.body).scrollHeight)")
    page.set_viewport_size({"width": width, "height": max(800, height)})
    page.wait_for_timeout(300)
    page.screenshot(path=str(save(f"inbrowser-{name}-{width}.png")))


def sideways(page) -> int:
    return page.evaluate("""() => {
        const doc = document.scrollingElement || document.documentElement;
        const cells = document.querySelector('#rendered_cells');
        return Math.max(doc.scrollWidth, cells ? cells.scrollWidth : 0) - window.innerWidth;
    }""")


LOADING_TEXT = ("() => { const box = document.getElementById('loading'); const text = "
                "document.getElementById('loading_text'); return box && text && "
                "getComputedStyle(box).display !== 'none' ? text.innerText : null; }")


def first_result(page, watch: Watch, loading: set) -> bool:
    """Wait for the sentence and the chart, keeping in ``loading`` what the loading screen says
    meanwhile; give up at once if the page reports an error (a kernel that failed to start or
    a cell that raised will never show them)."""
    for _ in range(FIRST_RESULT_MS // 500):
        said = page.evaluate(LOADING_TEXT)
        if said:
            loading.add(said.strip())
        if (page.locator(".bh-sentence p").count()
                and page.locator(".bh-chart-wide svg").first.is_visible()):
            return True
        if any(e.startswith("page error") for e in watch.errors):
            page.wait_for_timeout(1000)  # the rest of the error's lines
            return False
        page.wait_for_timeout(500)
    return False


#: The apps visited in English; every other app is visited in Chinese (the main edition). Each
#: app is started once, in one language, to keep the test command within its time: the words of
#: both languages are checked in Python for every app (tests/unit), the loading screen's Chinese
#: below, and each app page's language and title for both languages in test_site.py.
ENGLISH_VISITS = {"credit_record", "repayment_plan"}


def visited_pages() -> list[str]:
    return [rel for rel in app_pages()
            if rel.endswith(".zh.html") != (Path(rel).name.split(".")[0] in ENGLISH_VISITS)]


@pytest.mark.parametrize("rel", visited_pages())
def test_an_app_works_in_the_browser(hosted, site_url, browser, rel):
    from simulators.core import i18n

    stem = Path(rel).name.removesuffix(".html")
    app, lang = stem.removesuffix(".zh"), ("zh" if stem.endswith(".zh") else "en")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watch = Watch(context, site_url)
    try:
        page = watch.page(context)
        page.goto(f"{site_url}/{rel}")

        # The first result: the sentence Python gives for this notebook, and the chart.
        loading: set = set()
        if not first_result(page, watch, loading):
            save(f"inbrowser-{stem}-failed.png").write_bytes(page.screenshot())
            why = ("the page raised an error" if any(e.startswith("page error") for e in watch.errors)
                   else f"none within {FIRST_RESULT_MS // 1000} s")
            raise AssertionError(f"{rel}: no result ({why})\n{watch}")
        assert sentences(page) == expected_sentences(app, lang), \
            f"{rel} does not say what the notebook says in Python"
        assert page.evaluate("document.documentElement.lang") == build_site.HTML_LANG[lang]
        if lang == "zh":
            english = [t for t in loading if not re.search(r"[\u4e00-\u9fff]", t)]
            assert not english, f"{rel} says {english} while Python starts"
        assert page.title() == build_site.app_titles(ROOT, lang)[app]
        assert page.locator("h1").first.inner_text().strip() == page.title(), \
            "the page's title is not the app's heading"
        assert any(u.startswith(site_url) and u.endswith("/pyodide.asm.wasm") for u in watch.requested), \
            "the kernel did not load Pyodide from the site"
        # Lighter: the stand-ins, not jedi (with parso) nor the JupyterLab extension's wheel, and no
        # service worker relaying the kernel's file system (one request after another to apps/api/).
        wheels = {u.split("?")[0].rsplit("/", 1)[-1] for u in watch.requested if ".whl" in u}
        assert [w for w in wheels if w.startswith("jedi-0.19.2+bh.standin-")], sorted(wheels)
        assert [w for w in wheels if w.startswith("jupyterlab_widgets-3.0.17+bh.standin-")], sorted(wheels)
        assert not [w for w in wheels if w.startswith(("parso-", "jedi-0", "jupyterlab_widgets-3.0.17-"))
                    and "+bh.standin" not in w], sorted(wheels)
        assert not [u for u in watch.requested if "/apps/api/" in u or "service-worker" in u], \
            "the page still goes through JupyterLite's service worker"
        # Faster: Python starts with every package the app needs, all fetched at once from the
        # site's Pyodide folder; no package index is asked, nothing is installed one by one.
        fetched = [u.split("?")[0] for u in watch.requested if ".whl" in u or u.split("?")[0].endswith("all.json")]
        assert fetched and all("/apps/static/pyodide/" in u and u.endswith(".whl") for u in fetched), \
            sorted(u for u in fetched if "/apps/static/pyodide/" not in u)

        # As a laptop and as a phone show it (the phone gets the narrow chart, no sideways scroll).
        picture(page, stem, 1280)
        picture(page, stem, 360)
        assert page.locator(".bh-chart-narrow svg").first.is_visible(), "no chart at 360 px"
        assert sideways(page) <= 0, f"{rel} scrolls sideways at 360 px by {sideways(page)} px"
        page.set_viewport_size({"width": 1280, "height": 900})

        # An input changes: the sentence and the chart follow.
        before, drawn = sentences(page), chart(page)
        shown = "|".join(page.locator(".bh-sentence p").all_inner_texts())
        if app in CHANGED_FIELD:
            field = page.get_by_label(i18n.t(lang, CHANGED_FIELD[app]), exact=True).first
        else:
            field = number_fields(page)[0]
        value = float(field.input_value().replace(",", ""))
        field.fill(f"{value * 2:g}")
        try:
            page.wait_for_function("old => { const p = [...document.querySelectorAll('.bh-sentence p')]"
                                   ".map(e => e.innerText).join('|'); return p && p !== old; }",
                                   arg=shown)
        except Exception:
            raise AssertionError(f"{rel}: the sentence did not follow the change of "
                                 f"{field.get_attribute('id')} to {field.input_value()!r}: "
                                 f"{sentences(page)}\n{watch}") from None
        assert sentences(page) != before
        try:
            page.wait_for_function("old => document.querySelector('.bh-chart-wide svg').outerHTML !== old",
                                   arg=drawn)
        except Exception:
            raise AssertionError(f"{rel}: the chart did not follow the change\n{watch}") from None

        # A closed section opens and shows what it holds.
        buttons = page.locator("button.bh-disclosure")
        closed = [i for i in range(buttons.count())
                  if buttons.nth(i).is_visible() and buttons.nth(i).inner_text().startswith("▸")]
        assert closed, f"{rel} shows no closed section"
        button = buttons.nth(closed[0])
        body = button.locator("xpath=following-sibling::*[contains(concat(' ', @class, ' '), "
                              "' bh-disclosure-body ')][1]")
        assert body.is_hidden(), "a closed section shows its body"
        title = button.inner_text().strip()
        button.click()
        try:
            body.wait_for(state="visible")
        except Exception:
            raise AssertionError(f"{rel}: the section {title!r} does not open (its button says "
                                 f"{button.inner_text().strip()!r})\n{watch}") from None
        assert button.inner_text().strip().startswith("▾")
        assert body.inner_text().strip() or body.locator("input, select, svg, table").count(), \
            "the opened section is empty"

        # Not a number: the summary and the field's own message, in the page's language.
        field = number_fields(page)[0]
        field.fill("abc")
        alert = page.locator(".bh-app [role='alert']").first
        try:
            alert.wait_for(state="visible")
        except Exception:
            raise AssertionError(f"{rel}: no error summary after 'abc' in a number field\n"
                                 f"{watch}") from None
        assert i18n.t(lang, "ui.errors.title") in alert.inner_text()
        said = i18n.t(lang, "error.not_a_number", field="\0").split("\0")[1].strip("：: ")
        message = message_under(field).locator(".bh-error")
        message.wait_for(state="visible")
        assert said in message.inner_text(), f"{rel}: the field's message is {message.inner_text()!r}"
        assert said in alert.inner_text()
        assert field.input_value() == "abc", "what the reader typed was lost"
        assert "Traceback" not in page.inner_text("body")
        picture(page, f"{stem}-errors", 1280)

        assert watch.problems() == [], f"{rel}:\n{watch}"
    finally:
        context.close()


def test_an_app_takes_its_scenario_from_the_address(hosted, site_url, browser):
    """A demo link of the instructor's kit (scenario= and present=1) opens the in-browser app
    with that scenario. The kernel runs in a web worker, which cannot see the page's address: the
    page hands its query string to the setup cell (build_site.PAGE_QUERY_SCRIPT); the page's own
    language wins over a lang= in the address."""
    from simulators.core import i18n
    from simulators.ui import links

    data = json.loads((ROOT / "examples" / "offer-daily-30-days.json").read_text(encoding="utf-8"))
    query = links.scenario_link("true_cost", data, "zh", present=True).split("?", 1)[1]
    asked = "&".join(kv for kv in query.split("&") if not kv.startswith("lang="))
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    watch = Watch(context, site_url)
    try:
        page = watch.page(context)
        # An English lang= in the address of the Chinese page: the page stays Chinese.
        page.goto(f"{site_url}/apps/voici/render/true_cost.zh.html?lang=en&{asked}")
        try:  # (in the projector's layout the chart may be the compact one: wait for words)
            page.wait_for_selector(".bh-sentence p", timeout=FIRST_RESULT_MS)
        except Exception:
            raise AssertionError(f"no result for the scenario link\n{watch}") from None
        expected = expected_sentences("true_cost", "zh", asked)
        assert expected != expected_sentences("true_cost", "zh"), "the example is the default"
        assert sentences(page) == expected, "the app did not open the scenario of its link"
        assert "1,000元" in " ".join(sentences(page))
        assert i18n.t("zh", "ui.link.from_link") in page.inner_text("body")
        assert page.locator(".bh-present").count() > 0, "present=1 did not reach the app"
        assert watch.problems() == [], str(watch)
    finally:
        context.close()


# --------------------------------------------------------------------------- when an app does not start

def lesson_with_app(site: Path, lang: str) -> str:
    """A lesson page in ``lang`` with a try-in-browser box."""
    from site_helpers import toc_pages

    for rel in toc_pages():
        if (rel.startswith("book/zh/") == (lang == "zh")) and (site / rel).is_file() \
                and 'class="bh-try"' in (site / rel).read_text(encoding="utf-8"):
            return rel
    raise AssertionError(f"no lesson in {lang} has an app")


FAILURES = {
    # Pyodide's WebAssembly missing (a 404): the kernel never starts.
    "404": lambda context: context.route(re.compile(r"pyodide\.asm\.wasm"),
                                         lambda route: route.fulfill(status=404, body="gone")),
    # The app page itself missing.
    "no-page": lambda context: context.route(re.compile(r"/apps/voici/render/"),
                                             lambda route: route.fulfill(status=404, body="gone")),
}
TEST_TIMEOUT_S = 6


@pytest.mark.parametrize("failure, lang", [("404", "zh"), ("no-page", "en")])
def test_an_app_that_does_not_start_sends_the_reader_back_to_the_example(
        hosted, site, site_url, browser, lang, failure):
    """No endless spinner: within the time-out (shortened here) the frame gives way to a message
    in the page's language and a link to the lesson's worked example, which takes the reader
    there; the reader can also try again."""
    rel = lesson_with_app(site, lang)
    words = build_site.bh_site.WORDS[lang]
    context = browser.new_context(viewport={"width": 390, "height": 800})
    try:
        context.add_init_script(f"window.BH_APP_TIMEOUT_S = {TEST_TIMEOUT_S};")
        FAILURES[failure](context)
        page = context.new_page()
        page.goto(f"{site_url}/{rel}")
        box = page.locator("div.bh-try").first
        box.locator("button.bh-try-button").click()
        if failure != "no-page":  # (a missing page is reported at once: no steps to show)
            status = box.locator(".bh-try-status")
            status.wait_for(state="visible", timeout=5_000)
            said = status.inner_text()
            assert words["loading"].format(mb=build_site.bh_site.APP_FIRST_VISIT_MB) in said
            assert words["steps"][0] in said
        alert = box.locator(".bh-try-failed[role='alert']")
        alert.wait_for(state="visible", timeout=(TEST_TIMEOUT_S + 10) * 1000)
        text = alert.inner_text()
        assert words["failed"].split("{why}")[0].strip("（(") in text, text
        assert box.locator("iframe.bh-try-frame").count() == 0, "the frame is still there"
        back = alert.locator("a.bh-try-back")
        assert back.inner_text().strip() == words["back"]
        target = back.get_attribute("href")
        assert target.startswith("#") and len(target) > 1
        assert page.locator(target).count() == 1, f"{target} is not on the page"
        back.click()
        page.wait_for_timeout(300)
        assert page.locator(target).evaluate(
            "e => { const r = e.getBoundingClientRect(); return r.top < innerHeight && r.bottom > 0; }"), \
            "the worked example is not in view"
        assert alert.locator("button.bh-try-again").inner_text().strip() == words["again"]
    finally:
        context.close()


def test_the_loading_screen_speaks_chinese_and_says_what_to_expect(hosted, site_url, browser):
    """The app page's own words while it starts (a frame or a page of its own): the step in
    Chinese with the size to expect, and, when it gives up, the way back in Chinese."""
    words = build_site.bh_site.WORDS["zh"]
    context = browser.new_context()
    try:
        FAILURES["404"](context)
        page = context.new_page()
        page.goto(f"{site_url}/apps/voici/render/late_payment.zh.html?bh-timeout={TEST_TIMEOUT_S}")
        assert words["steps"][0] in page.locator("#loading_text").inner_text()
        assert "MB" in page.locator("#bh-loading-note").inner_text()
        alert = page.locator(".bh-app-failed[role='alert']")
        alert.wait_for(state="visible", timeout=(TEST_TIMEOUT_S + 10) * 1000)
        assert words["back_page"] in alert.inner_text()
        assert not re.search(r"[A-Za-z]{4,}", alert.inner_text()), alert.inner_text()
    finally:
        context.close()


def test_the_site_serves_stand_ins_for_what_the_apps_never_use(built):
    """The first visit's files: Pyodide's jedi and parso are not on the site at all, the site's
    package index and Pyodide lock file offer the stand-ins (tools/site/standins.py) and not the real wheels, and
    Voici's code no longer starts JupyterLite's service worker."""
    apps = built["html"] / "apps"
    index = json.loads((apps / "pypi" / "all.json").read_text(encoding="utf-8"))
    assert list(index["jedi"]["releases"]) == ["0.19.2+bh.standin"]
    assert list(index["jupyterlab-widgets"]["releases"]) == ["3.0.17+bh.standin"]
    served = {p.name for p in apps.rglob("*.whl")}
    assert not [n for n in served if n.startswith(("jedi-", "parso-", "jupyterlab_widgets-"))
                and "+bh.standin" not in n], sorted(served)
    if built["hosted_pyodide"]:
        lock = json.loads((apps / "static" / "pyodide" / "pyodide-lock.json").read_text())
        # Python starts with the stand-ins from the lock file; Pyodide's own are not in it.
        assert "parso" not in lock["packages"]
        for name, version in (("jedi", "0.19.2+bh.standin"), ("jupyterlab-widgets", "3.0.17+bh.standin")):
            assert lock["packages"][name]["version"] == version, lock["packages"][name]
    code = "".join(p.read_text(encoding="utf-8") for p in (apps / "voici" / "build").glob("*.js"))
    assert '"@jupyterlite/application-extension:service-worker-manager"===' not in code
