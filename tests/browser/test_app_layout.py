"""Every app in Chromium (issues 16 and 18): a result in view while typing at every width (the
721-870 px gap), the phone's summary line never over the field being edited, tap targets of at
least 44 px, projector mode (present=1) at 1024x768, and a scenario from the link."""

from __future__ import annotations

import json
import pathlib

import pytest

from simulators.ui import links

APPS = ["late_payment", "credit_record", "true_cost", "minimum_payment", "repayment_plan"]
EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
SHOTS = pathlib.Path("/tmp/sim-shots")


@pytest.fixture
def open_page(chromium_browser, voila_url):
    pages = []

    def make(app: str, width: int, query: str = "", height: int = 900):
        page = chromium_browser.new_page(viewport={"width": width, "height": height})
        page.set_default_timeout(30_000)
        page.goto(f"{voila_url}/voila/render/{app}.ipynb{query}")
        page.wait_for_selector(".bh-sentence p", timeout=90_000)
        page.wait_for_timeout(500)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def in_view(page, selector: str) -> bool:
    """Whether some of ``selector`` (visible) lies within the window."""
    return page.evaluate("""(sel) => [...document.querySelectorAll(sel)].some(e => {
        const r = e.getBoundingClientRect();
        return r.height > 0 && r.width > 0 && r.bottom > 0 && r.top < innerHeight
            && getComputedStyle(e).display !== 'none'; })""", selector)


@pytest.mark.parametrize("width", [721, 800, 870])
@pytest.mark.parametrize("app", ["late_payment", "minimum_payment"])
def test_a_result_is_in_view_while_typing_at_721_to_870_px(open_page, app, width):
    page = open_page(app, width, "?lang=zh")
    field = page.locator(".bh-inputs input[type=text]").first
    field.scroll_into_view_if_needed()
    field.click()
    # Either the results are beside the inputs, or the summary line is on screen.
    side = page.evaluate("""() => {
        const i = document.querySelector('.bh-inputs').getBoundingClientRect();
        const r = document.querySelector('.bh-results').getBoundingClientRect();
        return r.left >= i.right - 1; }""")
    assert side or in_view(page, ".bh-live .widget-html-content div")
    assert in_view(page, ".bh-sentence p") or in_view(page, ".bh-live .widget-html-content div")


@pytest.mark.parametrize("app", APPS)
def test_on_a_phone_the_summary_line_never_covers_the_field_being_edited(open_page, app):
    page = open_page(app, 360, "?lang=zh", height=640)
    fields = page.locator(".bh-inputs input[type=text]")
    count = fields.count()
    assert count
    for k in sorted({0, count // 2, count - 1}):
        f = fields.nth(k)
        if not f.is_visible():
            continue
        f.focus()
        f.press("End")
        f.type("0")
        page.wait_for_timeout(600)
        box = f.bounding_box()
        live = page.locator(".bh-live").first.bounding_box()
        if live and live["height"] > 0:
            overlap = not (box["y"] >= live["y"] + live["height"] - 1
                           or box["y"] + box["height"] <= live["y"] + 1)
            assert not overlap, (app, k, box, live)
        f.press("Backspace")


@pytest.mark.parametrize("app", APPS)
def test_tap_targets_are_at_least_44_px(open_page, app):
    page = open_page(app, 360, "?lang=zh")
    small = page.evaluate("""() => [...document.querySelectorAll(
        '.bh-app input[type=text], .bh-app select, .bh-app button')]
        .filter(e => e.offsetParent !== null)
        .map(e => [e.className + ' ' + (e.innerText || e.value || '').slice(0, 20),
                   e.getBoundingClientRect().height])
        .filter(([_, h]) => h < 43.5)""")
    assert not small, small


@pytest.mark.parametrize("app", APPS)
def test_projector_mode_at_1024x768(open_page, app):
    page = open_page(app, 1024, "?lang=zh&present=1", height=768)
    m = page.evaluate("""() => {
        const body = document.querySelector('.bh-sentence .widget-html-content');
        const res = document.querySelector('.bh-results').getBoundingClientRect();
        const inp = document.querySelector('.bh-inputs').getBoundingClientRect();
        const charts = [...document.querySelectorAll('.bh-results svg.bh-chart')]
            .filter(s => s.getBoundingClientRect().width > 0);
        // A label's size on screen: its font size times the drawing's scale.
        const sizes = charts.flatMap(s => {
            const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
            return [...s.querySelectorAll('text')]
                .map(t => parseFloat(getComputedStyle(t).fontSize) * scale); });
        return {font: parseFloat(getComputedStyle(body).fontSize),
                label: parseFloat(getComputedStyle(document.querySelector(
                    '.bh-inputs .widget-label, .bh-inputs .widget-html-content')).fontSize),
                resultsFirst: res.top <= inp.top || res.left >= inp.right - 1,
                smallestChartText: sizes.length ? Math.min(...sizes) : null,
                scroll: document.scrollingElement.scrollWidth, inner: innerWidth};
    }""")
    assert m["font"] >= 24 and m["label"] >= 24, m
    assert m["resultsFirst"], m
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{app}-present-1024.png"))
    assert m["smallestChartText"] is None or m["smallestChartText"] >= 18, m
    assert m["scroll"] <= m["inner"]


def test_a_scenario_link_opens_in_the_browser(open_page):
    data = json.loads((EXAMPLES / "lesson-late-payment-called-in.json").read_text())
    link = links.scenario_link("late_payment", data, "zh")
    page = open_page("late_payment", 800, "?" + link.partition("?")[2])
    text = page.locator(".bh-sentence").inner_text()
    assert "2026年8月13日" in text and "9,149.29元" in text
    assert page.locator(".bh-link-notice").is_visible()
    page.screenshot(path=str(SHOTS / "late_payment-800-link-zh.png"), full_page=False)


@pytest.mark.parametrize("app", ["late_payment", "minimum_payment"])
def test_charts_beside_the_inputs_stay_readable_at_800_px(open_page, app):
    """Beside the inputs at 800 px the results column is under 560 px wide: the compact drawing
    is shown there, so no chart label is drawn smaller than 11 px."""
    page = open_page(app, 800, "?lang=zh")
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll(
        '.bh-results svg.bh-chart')].filter(s => s.getBoundingClientRect().width > 0)
        .flatMap(s => { const k = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
            return [...s.querySelectorAll('text')].map(
                t => parseFloat(getComputedStyle(t).fontSize) * k); }))""")
    assert smallest >= 11, smallest
    page.screenshot(path=str(SHOTS / f"{app}-800-zh.png"))
