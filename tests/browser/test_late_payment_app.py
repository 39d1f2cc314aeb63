"""The late-payment app in Chromium, served by Voila: what a reader sees and does.

Expected sentences come from the engine (``scenario_from_dict`` + ``simulate`` +
``late_payment_report.sentences``) on hand-written scenarios, not from the view.
"""

import pytest

from tests.helpers import LAYOUTS

from simulators.core import i18n, presets
from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.core.fields import FieldError
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui import links

pytestmark = pytest.mark.browser

#: The product the app opens on when the page names none: the internet instalment loan.
DEFAULT = "cn_internet_instalment"
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
    want = engine_sentences({"preset": DEFAULT, "late": [{"instalment": 3, "days_late": 45}]})
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
    want = engine_sentences({"preset": DEFAULT, "late": [{"instalment": 3, "days_late": 100}]})
    assert shown_sentences(page) == want
    assert "called in" in " ".join(want)  # 100 days is past this product's 90
    assert i18n.t("en", "chart.owed.called_in") in new_chart
    # The extra cost by kind follows too, with the interest no longer charged.
    r = simulate(scenario_from_dict({"preset": DEFAULT,
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
    want = engine_sentences({"preset": DEFAULT, "loan": {"principal": 30000},
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
    fill(page, "Interest rate in the contract (% a year, fees apart)", "900")
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
    assert page.get_by_label("Interest rate in the contract (% a year, fees apart)", exact=True).input_value() == "900"
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


#: Every text of the phone drawings of the charts, as shown: its size on screen (the font size
#: times the scale the drawing is shown at), its box, and its baseline on screen.
NARROW_TEXTS_JS = """() => [...document.querySelectorAll('.bh-chart-narrow svg.bh-chart')]
    .filter(s => s.getBoundingClientRect().width > 0)
    .flatMap((s, chart) => {
        const box = s.getBoundingClientRect();
        const scale = box.width / s.viewBox.baseVal.width;
        return [...s.querySelectorAll('text')].map(t => {
            const r = t.getBoundingClientRect();
            const m = t.getScreenCTM();
            return {chart, text: t.textContent,
                    size: parseFloat(getComputedStyle(t).fontSize) * scale,
                    left: r.left, right: r.right,
                    baseline: m.f + m.d * parseFloat(t.getAttribute('y')),
                    svgLeft: box.left, svgRight: box.right, inner: innerWidth};
        });
    })"""


def overlapping(texts):
    """Pairs of texts of one chart drawn over each other: their boxes share more than a pixel
    across, and their baselines are closer than 0.85 of the larger size."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1:]:
            if a["chart"] != b["chart"]:
                continue
            across = min(a["right"], b["right"]) - max(a["left"], b["left"])
            if across > 1 and abs(a["baseline"] - b["baseline"]) < 0.85 * max(a["size"], b["size"]):
                pairs.append((a["text"], b["text"]))
    return pairs


STOPPED = {"preset": DEFAULT, "late": [{"stop_from": 3, "days": 120}]}


@pytest.mark.parametrize("width, lang, scenario", [
    (360, "zh", None), (360, "en", None),
    # Stopped paying from instalment 3 for 120 days: the loan is called in, the late total is
    # lower ("not a saving"), a row of charges no longer charged, the most text a chart has.
    (360, "zh", STOPPED), (360, "en", STOPPED),
    # About the width the app has inside a lesson's frame on a 360 px phone.
    (300, "zh", STOPPED),
])
def test_on_a_phone_every_chart_label_is_at_least_12_px_and_nothing_is_cut_or_overlaps(
        app_page, width, lang, scenario):
    query = f"?lang={lang}"
    if scenario:
        query = "?" + links.scenario_link("late_payment", scenario, lang).partition("?")[2]
    page = app_page(width, query)
    texts = page.evaluate(NARROW_TEXTS_JS)
    assert len({t["chart"] for t in texts}) == 2, texts  # what is owed, and the total cost
    small = [(t["text"], round(t["size"], 1)) for t in texts if t["size"] < 12]
    assert not small, small
    cut = [t["text"] for t in texts if t["left"] < max(t["svgLeft"], 0) - 1
           or t["right"] > min(t["svgRight"], t["inner"]) + 1]
    assert not cut, cut
    assert not overlapping(texts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_on_a_phone_every_product_name_fits_in_the_menu(app_page, lang):
    """A closed menu shows the chosen product's name on one line: each name, at the menu's own
    font, must fit between its paddings (the arrow sits in the right one), with room to spare
    for a narrower frame (the in-browser app inside a lesson)."""
    page = app_page(360, f"?lang={lang}")
    fit = page.evaluate("""() => {
        const s = document.querySelector('.bh-inputs select');
        const st = getComputedStyle(s);
        const ctx = document.createElement('canvas').getContext('2d');
        ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
        const room = s.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
        return {room, chosen: s.options[s.selectedIndex].text,
                names: [...s.options].map(o => [o.text, ctx.measureText(o.text).width])};
    }""")
    assert len(fit["names"]) == 4
    # Opened with no product named, it is on the internet instalment loan.
    assert fit["chosen"].replace("\xa0", " ") == presets.get(DEFAULT).name[lang]
    too_wide = [(name, round(w)) for name, w in fit["names"] if w > fit["room"] - 40]
    assert not too_wide, (fit["room"], too_wide)
