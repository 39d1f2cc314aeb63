"""The Minimum payment app in Chromium, served by Voila: what a reader sees and does.

Expected sentences come from the engine (``card_from_dict`` + ``compute`` + the report's
``sentences``, each way of paying with its warnings) on hand-written card files, not from the
view."""

import pytest

from tests.helpers import LAYOUTS

from simulators.core import i18n
from simulators.minimum_payment.engine import compute
from simulators.minimum_payment.inputs import card_from_dict, currency
from simulators.minimum_payment.report import sentences as card_sentences

pytestmark = pytest.mark.browser

PATH = "/voila/render/minimum_payment.ipynb"
WIDE = ".bh-chart-wide svg.bh-chart-lines"


def engine(data, lang="en"):
    ci = card_from_dict(data)
    return card_sentences(compute(ci), lang, currency(ci.preset))


def open_app(browser, base, width=1280, query=""):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.set_default_timeout(30_000)
    page.goto(f"{base}{PATH}{query}")
    page.wait_for_selector(".bh-sentence p", timeout=90_000)
    return page


@pytest.fixture
def page_of(chromium_browser, voila_url):
    pages = []

    def make(width=1280, query=""):
        pages.append(open_app(chromium_browser, voila_url, width, query))
        return pages[-1]

    yield make
    for p in pages:
        p.close()


def wait_changed(page, selector, old, prop="innerText"):
    page.wait_for_function(
        "([sel, old, prop]) => { const el = document.querySelector(sel);"
        " return el && el[prop] !== old; }", arg=[selector, old, prop], timeout=15_000)


DEFAULT_PAY = [{"kind": "minimum"}, {"kind": "fixed", "amount": 1000},
               {"kind": "months", "months": 12}]


def test_change_balance_updates_chart_and_sentence(page_of):
    page = page_of(1280)
    assert page.locator(".bh-sentence p").all_inner_texts() == engine({"pay": DEFAULT_PAY})
    old_text = page.inner_text(".bh-sentence")
    old_chart = page.eval_on_selector(WIDE, "el => el.outerHTML")
    page.get_by_label(i18n.t("en", "cardui.label.card.balance"), exact=True).fill("25000")
    wait_changed(page, ".bh-sentence", old_text)
    wait_changed(page, WIDE, old_chart, "outerHTML")
    assert page.locator(".bh-sentence p").all_inner_texts() == engine(
        {"card": {"balance": 25000}, "pay": DEFAULT_PAY})
    assert page.get_by_text("停息挂账").first.is_visible()


def test_switch_to_chinese_keeps_values(page_of):
    page = page_of(1280)
    page.get_by_label(i18n.t("en", "cardui.label.card.balance"), exact=True).fill("8000")
    page.wait_for_function("() => document.querySelector('.bh-sentence').innerText"
                           ".includes('¥8,000.00')")
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_selector("text=" + i18n.t("zh", "mp.title"))
    field = page.get_by_label(i18n.t("zh", "cardui.label.card.balance"), exact=True)
    assert field.input_value() == "8000"
    want = engine({"card": {"balance": 8000}, "pay": DEFAULT_PAY}, "zh")
    # The title arrives before the sentences: wait for them, then compare them all.
    page.wait_for_function("(s) => document.querySelector('.bh-sentence p').innerText === s",
                           arg=want[0])
    assert page.locator(".bh-sentence p").all_inner_texts() == want


def test_bad_value_shows_its_message(page_of):
    page = page_of(1280, "?lang=zh")
    page.get_by_label(i18n.t("zh", "cardui.label.terms.min_rate"), exact=True).fill("abc")
    page.wait_for_selector(".bh-error")
    assert "最低还款额（占余额的比例）：请输入数字" in page.inner_text(".bh-error")


@pytest.mark.parametrize("width, lang", LAYOUTS)
def test_layout_and_screenshots(page_of, screenshot, screenshots_dir, width, lang):
    page = page_of(width, f"?lang={lang}")
    m = page.evaluate("""() => { const c = document.querySelector('#rendered_cells');
        return {sw: document.scrollingElement.scrollWidth, iw: innerWidth,
                cs: c.scrollWidth, cw: c.clientWidth}; }""")
    assert m["sw"] <= m["iw"] and m["cs"] <= m["cw"]
    narrow = page.locator(".bh-chart-narrow svg.bh-chart-lines")
    assert (narrow.is_visible() if width == 360 else page.locator(WIDE).is_visible())
    path = screenshots_dir / f"minimum-payment-{width}-{lang}.png"
    screenshot(page, path)
    assert path.stat().st_size > 10_000
