"""The late-payment app in Chromium, served by Voila: what a reader sees and does.

Expected sentences come from the engine (``scenario_from_dict`` + ``simulate`` +
``late_payment_report.sentences``) on hand-written scenarios, not from the view.
"""

import pytest

from tests.helpers import LAYOUTS

from simulators.core import i18n
from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.core.fields import FieldError
from simulators.late_payment.inputs import scenario_from_dict

pytestmark = pytest.mark.browser

BANK = "cn_bank_consumer_loan"
WIDE_OWED = ".bh-chart-wide svg.bh-chart-owed"


def engine_sentences(data, lang="en"):
    return late_payment_report.sentences(simulate(scenario_from_dict(data)), lang)


def shown_sentences(page):
    return page.locator(".bh-sentence p").all_inner_texts()


def wait_for_new(page, selector, old, prop="innerText"):
    """Wait until the element's ``prop`` differs from ``old``; return the new value."""
    page.wait_for_function(
        "([sel, old, prop]) => { const el = document.querySelector(sel);"
        " return el && el[prop] !== old; }",
        arg=[selector, old, prop], timeout=15_000)
    return page.eval_on_selector(selector, f"el => el.{prop}")


def fill(page, label, text):
    page.get_by_label(label, exact=True).fill(text)


def test_page_shows_the_sentence_and_the_chart(app_page):
    page = app_page(1280)
    want = engine_sentences({"preset": BANK, "late": [{"instalment": 3, "days_late": 45}]})
    assert shown_sentences(page) == want
    chart = page.locator(WIDE_OWED)
    assert chart.is_visible()
    assert chart.locator("title").text_content() == i18n.t("en", "chart.owed.title")
    assert page.locator(".bh-chart-wide svg.bh-chart-cost").is_visible()
    assert page.locator(".bh-chart-narrow svg").first.is_hidden()
    assert page.get_by_text(i18n.t("en", "assumption.model")).first.is_visible()


def test_changing_days_late_updates_chart_and_sentence(app_page):
    page = app_page(1280)
    old_sentence = page.inner_text(".bh-sentence")
    old_chart = page.eval_on_selector(WIDE_OWED, "el => el.outerHTML")
    fill(page, "Days late", "100")
    wait_for_new(page, ".bh-sentence", old_sentence)
    new_chart = wait_for_new(page, WIDE_OWED, old_chart, "outerHTML")
    want = engine_sentences({"preset": BANK, "late": [{"instalment": 3, "days_late": 100}]})
    assert shown_sentences(page) == want
    assert "called in" in " ".join(want)  # 100 days is past this product's 90
    assert i18n.t("en", "chart.owed.called_in") in new_chart
    # The extra cost by kind follows too, with the interest no longer charged.
    r = simulate(scenario_from_dict({"preset": BANK,
                                     "late": [{"instalment": 3, "days_late": 100}]}))
    table = page.inner_text(".bh-results table.bh-table")
    assert i18n.money(r.extra_by_kind["acceleration_interest"], "en") in table
    assert i18n.money(-r.interest_not_charged, "en") in table


def test_switching_to_chinese(app_page):
    page = app_page(1280)
    fill(page, "Amount borrowed (yuan)", "30000")
    page.wait_for_function("() => document.querySelector('.bh-sentence').innerText"
                           ".includes('instalment 3')")
    old = page.inner_text(".bh-sentence")
    page.locator(".bh-lang button", has_text="简体中文").click()
    wait_for_new(page, ".bh-sentence", old)
    want = engine_sentences({"preset": BANK, "loan": {"principal": 30000},
                             "late": [{"instalment": 3, "days_late": 45}]}, "zh")
    page.wait_for_function("(s) => document.querySelector('.bh-sentence p').innerText === s",
                           arg=want[0])
    assert shown_sentences(page) == want
    assert "元" in want[0] and "¥" not in want[0]
    # Labels follow; what the reader typed stays.
    amount = page.get_by_label("借款金额（元）", exact=True)
    assert amount.input_value() == "30000"
    assert page.get_by_label("逾期天数", exact=True).input_value() == "45"
    assert page.locator("h1").inner_text() == "逾期还款的代价"
    assert page.locator(WIDE_OWED).locator("title").text_content() == "每天欠款金额"
    assert page.locator(".bh-model", has_text=i18n.t("zh", "assumption.model")).is_visible()


def test_bad_input_is_reported_and_kept(app_page):
    page = app_page(1280)
    before = shown_sentences(page)
    fill(page, "Amount borrowed (yuan)", "abc")
    fill(page, "Annual interest rate (%)", "900")
    amount_msg = i18n.error_message(FieldError("loan.principal", "not_a_number"), "en")
    rate_msg = i18n.error_message(
        FieldError("loan.annual_rate", "rate_range", (("min", 0), ("max", 1)), "rate"), "en")
    page.wait_for_function("(m) => document.querySelector('.bh-errors').innerText.includes(m)",
                           arg=rate_msg)
    summary = page.inner_text(".bh-errors")
    assert amount_msg in summary and rate_msg in summary
    assert rate_msg == "Annual interest rate: must be between 0% and 100%."
    # Next to each field, too, and nothing typed is lost.
    assert page.locator(".bh-inputs .bh-error", has_text=amount_msg).is_visible()
    assert page.locator(".bh-inputs .bh-error", has_text=rate_msg).is_visible()
    assert page.get_by_label("Amount borrowed (yuan)", exact=True).input_value() == "abc"
    assert page.get_by_label("Annual interest rate (%)", exact=True).input_value() == "900"
    # The last valid results stay, marked as not matching.
    assert shown_sentences(page) == before
    assert page.locator(".bh-stale-note").is_visible()
    assert "Traceback" not in page.inner_text("body")
    # In Chinese, the same problems in Chinese.
    page.locator(".bh-lang button", has_text="简体中文").click()
    zh_rate = i18n.error_message(
        FieldError("loan.annual_rate", "rate_range", (("min", 0), ("max", 1)), "rate"), "zh")
    page.wait_for_function("(m) => document.querySelector('.bh-errors').innerText.includes(m)",
                           arg=zh_rate)


def test_query_string_sets_language_and_product(app_page):
    page = app_page(1280, "?lang=zh&preset=cn_private_loan")
    want = engine_sentences({"preset": "cn_private_loan",
                             "late": [{"instalment": 1, "days_late": 45}]}, "zh")
    assert shown_sentences(page) == want
    method = page.get_by_label("还款方式", exact=True)
    assert method.input_value() == i18n.choice_label("method", "bullet", "zh")


@pytest.mark.parametrize("width, lang", LAYOUTS)
def test_layout_and_screenshots(app_page, screenshot, screenshots_dir, width, lang):
    page = app_page(width, f"?lang={lang}")
    metrics = page.evaluate("""() => {
        const cells = document.querySelector('#rendered_cells');
        const inputs = document.querySelector('.bh-inputs').getBoundingClientRect();
        const results = document.querySelector('.bh-results').getBoundingClientRect();
        return {scrollWidth: document.scrollingElement.scrollWidth, innerWidth: innerWidth,
                cellsScroll: cells.scrollWidth, cellsWidth: cells.clientWidth,
                inputsRight: inputs.right, resultsLeft: results.left, resultsTop: results.top,
                inputsBottom: inputs.bottom};
    }""")
    assert metrics["scrollWidth"] <= metrics["innerWidth"]
    assert metrics["cellsScroll"] <= metrics["cellsWidth"]
    if width == 360:
        # Stacked: results under the inputs, and the phone drawing of the chart.
        assert metrics["resultsTop"] >= metrics["inputsBottom"] - 1
        assert page.locator(".bh-chart-narrow svg.bh-chart-owed").is_visible()
        assert page.locator(WIDE_OWED).is_hidden()
    else:
        # Side by side.
        assert metrics["resultsLeft"] >= metrics["inputsRight"] - 1
        assert page.locator(WIDE_OWED).is_visible()
    screenshot(page, screenshots_dir / f"late-payment-{width}-{lang}.png")
    assert (screenshots_dir / f"late-payment-{width}-{lang}.png").stat().st_size > 10_000
