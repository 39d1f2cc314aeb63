"""The Can I afford a plan? app in Chromium, served by Voila.

Expected sentences come from the engine (``plan_from_dict`` + ``plan_options`` + the report's
``sentences``, each option with its warnings) on hand-written plan files, not from the view."""

import pytest

from tests.helpers import LAYOUTS

from simulators.core import i18n
from simulators.repayment_plan.report import sentences as plan_sentences
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.engine import plan_options
from tests.browser.test_minimum_payment_app import wait_changed

pytestmark = pytest.mark.browser

PATH = "/voila/render/repayment_plan.ipynb"
WIDE = ".bh-chart-wide svg.bh-chart-lines"
BASE = {"card": {"balance": 20000}, "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.24, "months": 36}}


def engine(data, lang="en"):
    pi = plan_from_dict(data)
    return plan_sentences(plan_options(pi), pi, lang)


@pytest.fixture
def page_of(chromium_browser, voila_url):
    pages = []

    def make(width=1280, query=""):
        page = chromium_browser.new_page(viewport={"width": width, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(f"{voila_url}{PATH}{query}")
        page.wait_for_selector(".bh-sentence p", timeout=90_000)
        pages.append(page)
        return page

    yield make
    for p in pages:
        p.close()


def test_change_months_updates_chart_and_sentence(page_of):
    page = page_of(1280)
    assert page.locator(".bh-sentence p").all_inner_texts() == engine(BASE)
    old_text = page.inner_text(".bh-sentence")
    old_chart = page.eval_on_selector(WIDE, "el => el.outerHTML")
    page.get_by_label(i18n.t("en", "cardui.label.plan.months"), exact=True).fill("48")
    wait_changed(page, ".bh-sentence", old_text)
    wait_changed(page, WIDE, old_chart, "outerHTML")
    data = {**BASE, "plan": {"months": 48, "missed_payments": 2}}
    assert page.locator(".bh-sentence p").all_inner_texts() == engine(data)
    assert page.get_by_text("停息挂账").first.is_visible()


def test_switch_to_chinese_keeps_values(page_of):
    page = page_of(1280)
    page.get_by_label(i18n.t("en", "cardui.label.plan.months"), exact=True).fill("24")
    page.wait_for_function("() => document.querySelector('.bh-sentence').innerText"
                           ".includes('24 months')")
    page.get_by_role("button", name="简体中文").click()
    page.wait_for_selector("text=" + i18n.t("zh", "rp.title"))
    field = page.get_by_label(i18n.t("zh", "cardui.label.plan.months"), exact=True)
    assert field.input_value() == "24"
    data = {**BASE, "plan": {"months": 24, "missed_payments": 2}}
    want = engine(data, "zh")
    # The title arrives before the sentences: wait for them, then compare them all.
    page.wait_for_function("(s) => document.querySelector('.bh-sentence p').innerText === s",
                           arg=want[0])
    assert page.locator(".bh-sentence p").all_inner_texts() == want


def test_bad_value_shows_its_message(page_of):
    page = page_of(1280)
    page.get_by_label(i18n.t("en", "cardui.label.plan.months"), exact=True).fill("72")
    page.wait_for_selector(".bh-error")
    assert "Months of the plan: must be a whole number from 1 to 60." in \
        page.inner_text(".bh-error")


@pytest.mark.parametrize("width, lang", LAYOUTS)
def test_layout_and_screenshots(page_of, screenshot, screenshots_dir, width, lang):
    page = page_of(width, f"?lang={lang}")
    m = page.evaluate("""() => { const c = document.querySelector('#rendered_cells');
        return {sw: document.scrollingElement.scrollWidth, iw: innerWidth,
                cs: c.scrollWidth, cw: c.clientWidth}; }""")
    assert m["sw"] <= m["iw"] and m["cs"] <= m["cw"]
    narrow = page.locator(".bh-chart-narrow svg.bh-chart-lines")
    assert (narrow.is_visible() if width == 360 else page.locator(WIDE).is_visible())
    path = screenshots_dir / f"repayment-plan-{width}-{lang}.png"
    screenshot(page, path)
    assert path.stat().st_size > 10_000
