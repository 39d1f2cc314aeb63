"""The true-cost app in Chromium, served by Voila: enter an offer, see its rate; enter an
impossible offer, see the message; both languages; phone and desktop layouts.

Expected figures come from the engine (``offers``) on hand-written offers, not from the view.
"""

import pytest

from tests.helpers import LAYOUTS

from simulators.core import i18n
from simulators.true_cost import report as true_cost_report
from simulators.true_cost import engine as true_cost_engine
from simulators.true_cost import inputs as true_cost_inputs
from simulators.core.fields import FieldError


pytestmark = pytest.mark.browser

PATH = "/voila/render/true_cost.ipynb"


@pytest.fixture
def tc_page(chromium_browser, voila_url):
    pages = []

    def make(width=1280, query="", height=900):
        page = chromium_browser.new_page(viewport={"width": width, "height": height})
        page.set_default_timeout(30_000)
        page.goto(f"{voila_url}{PATH}{query}")
        page.wait_for_selector(".bh-sentence p", timeout=90_000)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def cost(**offer):
    return true_cost_engine.true_cost(true_cost_engine.offer_flows(true_cost_inputs.offer_from_dict(
        {"start_date": "2026-01-15", **offer})))


def wait_text(page, selector, text):
    page.wait_for_function("([s, t]) => { const el = document.querySelector(s);"
                           " return el && el.innerText.includes(t); }", arg=[selector, text],
                           timeout=15_000)


def test_enter_an_offer_and_see_its_rate(tc_page):
    page = tc_page(1280)
    first = page.locator(".bh-offer").nth(0)
    first.get_by_label("Monthly fee rate (%)", exact=True).fill("0.8")
    first.get_by_label("Amount borrowed (yuan)", exact=True).fill("20000")
    c = cost(principal=20_000, term_months=12, quote="monthly_fee_rate", rate=0.008)
    rate = i18n.percent(c.rates["nominal"], "en")
    wait_text(page, ".bh-sentence", f"a monthly fee rate of 0.80%; on the money you actually "
                                    f"have, that is {rate} a year")
    wait_text(page, ".bh-results table.bh-table", i18n.money(c.total_cost, "en"))
    table = page.inner_text(".bh-results table.bh-table")
    assert rate in table and i18n.money(c.total_cost, "en") in table
    chart = page.locator(".bh-chart-wide svg.bh-chart-tc-rates")
    assert chart.is_visible() and rate in chart.inner_html()
    assert "Traceback" not in page.inner_text("body")


def test_an_impossible_offer_gets_a_message(tc_page):
    page = tc_page(1280)
    before = page.locator(".bh-sentence p").all_inner_texts()
    second = page.locator(".bh-offer").nth(1)
    second.get_by_role("button", name="Deductions, fees and add-ons").click()
    second.get_by_label("Deducted from the money paid out (yuan)", exact=True).fill("10000")
    msg = i18n.error_message(FieldError("offers[2].upfront_deduction", "fee_below_principal",
                                        (("max", 10_000.0),), "money"), "en")
    wait_text(page, ".bh-errors", msg)
    assert second.locator(".bh-error", has_text=msg).is_visible()
    assert second.get_by_label("Deducted from the money paid out (yuan)",
                               exact=True).input_value() == "10000"
    assert page.locator(".bh-sentence p").all_inner_texts() == before
    assert page.locator(".bh-stale-note").is_visible()
    # Text in a number field, in Chinese.
    page.locator(".bh-lang button", has_text="简体中文").click()
    second.get_by_label("年利率（%）", exact=True).fill("九")
    zh = i18n.error_message(FieldError("offers[2].rate", "not_a_number"), "zh")
    wait_text(page, ".bh-errors", zh)
    assert second.locator(".bh-error", has_text=zh).is_visible()


def test_chinese_from_the_query_string(tc_page):
    page = tc_page(1280, "?lang=zh")
    a = cost(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    b = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096,
             upfront_deduction=300)
    want = true_cost_report.compare_sentence([a, b], ["方案1", "方案2"], "zh")
    assert page.locator(".bh-sentence p").first.inner_text() == want
    assert page.locator("h1").inner_text() == "这笔贷款到底花多少钱？"


@pytest.mark.parametrize("width, lang", LAYOUTS)
def test_layout_and_screenshots(tc_page, screenshot, screenshots_dir, width, lang):
    page = tc_page(width, f"?lang={lang}")
    m = page.evaluate("""() => {
        const cells = document.querySelector('#rendered_cells');
        const offers = [...document.querySelectorAll('.bh-offer')].map(e => e.getBoundingClientRect());
        return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth,
                cellsScroll: cells.scrollWidth, cellsWidth: cells.clientWidth,
                first: offers[0], second: offers[1]};
    }""")
    assert m["scrollWidth"] <= m["innerWidth"]
    assert m["cellsScroll"] <= m["cellsWidth"]
    if width == 360:
        assert m["second"]["top"] >= m["first"]["bottom"] - 1  # offers stacked on a phone
        assert page.locator(".bh-chart-narrow svg.bh-chart-tc-rates").is_visible()
    else:
        assert m["second"]["left"] >= m["first"]["right"] - 1  # side by side
        assert page.locator(".bh-chart-wide svg.bh-chart-tc-cost").is_visible()
    path = screenshots_dir / f"true-cost-{width}-{lang}.png"
    screenshot(page, path)
    assert path.stat().st_size > 10_000
