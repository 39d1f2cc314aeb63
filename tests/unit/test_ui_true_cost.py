"""The true-cost app without a browser: widget values in, the engine's words and numbers out.

Each expected sentence and figure is computed independently, from hand-written offer
dictionaries through ``true_cost_inputs.offer_from_dict`` + ``offer_flows`` + ``true_cost``, never through
the view.
"""

import html
import json
import pathlib
import re

import pytest

from simulators.core import i18n
from simulators.true_cost import report as true_cost_report
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost import engine as true_cost_engine
from simulators.core.i18n import t
from simulators.core.fields import FieldError
from simulators.ui.true_cost import TrueCostApp
from simulators.true_cost.report import as_of_text
from simulators.ui.charts.true_cost import cost_chart
from simulators.ui.charts.true_cost import rates_chart

ROOT = pathlib.Path(__file__).resolve().parents[2]
START = "2026-01-15"


def shown(widget) -> list:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", widget.value)]


def cost(**offer):
    return true_cost_engine.true_cost(true_cost_engine.offer_flows(true_cost_inputs.offer_from_dict({"start_date": START,
                                                                        **offer})))


def message(field, code, lang, **params):
    # The kind of value whose range the message gives, as the input contract sets it.
    kind = {"money_range": "money", "money_min": "money", "fee_below_principal": "money",
            "rate_range": "rate"}.get(code, "int")
    return i18n.error_message(FieldError(field, code, tuple(params.items()), kind), lang)


A = dict(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006,
         method="equal_principal")
B = dict(principal=10_000, term_months=12, quote="annual_rate", rate=0.096,
         method="equal_instalment", upfront_deduction=300)


@pytest.fixture
def app():
    return TrueCostApp(lang="en")


def test_default_offers_and_sentence(app):
    a, b = cost(**A), cost(**B)
    assert shown(app.sentence_html)[0] == true_cost_report.compare_sentence([a, b], ["Offer 1", "Offer 2"],
                                                                   "en")
    assert shown(app.sentence_html)[0].startswith("Offer 1 is the cheapest: it costs "
                                                  f"{i18n.money(b.total_cost - a.total_cost, 'en')}")
    assert not app.errors and not app.stale
    table = html.unescape(app.table_html.value)
    for c in (a, b):
        assert i18n.percent(c.rates["nominal"], "en") in table
        assert i18n.money(c.total_cost, "en") in table


def test_typing_an_offer_gives_its_rate(app):
    p = app.panels[0]
    p.rate.value = "0.8"  # 0.8% a month on the amount borrowed
    p.principal.value = "20,000"
    p.term_months.value = "６"  # full-width digit
    c = cost(principal=20_000, term_months=6, quote="monthly_fee_rate", rate=0.008)
    want = t("en", "tc.sentence.quote_vs_real", name="Offer 1",
             quoted="a monthly fee rate of 0.80%", rate=i18n.percent(c.rates["nominal"], "en"))
    assert want in shown(app.sentence_html)
    assert app.costs[0].rates["nominal"] == pytest.approx(c.rates["nominal"])


def test_quote_changes_labels_and_method(app):
    p = app.panels[0]
    # A fee-rate offer repays in equal parts: no method to choose, and the page says so.
    assert p.fields["method"].box.layout.display == "none"
    assert t("en", "tc.hint.method_fixed") in p.method_note.value
    p.quote.value = "daily_rate"
    p.rate.value = "0.05"
    assert p.rate.description == "Daily interest rate (%)"
    assert p.fields["method"].box.layout.display == ""
    c = cost(principal=10_000, term_months=12, quote="daily_rate", rate=0.0005,
             method="equal_principal")
    assert app.costs[0].rates["nominal"] == pytest.approx(c.rates["nominal"])
    # A daily-rate offer shows its simple annual rate, labelled as such.
    assert t("en", "tc.row.simple") in html.unescape(app.table_html.value)


def test_add_on_and_names(app):
    p = app.panels[1]
    p.name.value = "Bank app"
    p.extra_kind.value = "insurance"
    p.extra_amount.value = "200"
    p.extra_when.value = "upfront"
    c = cost(**B, extras=[{"kind": "insurance", "amount": 200, "when": "upfront"}])
    assert app.costs[1].flows.received_cents == 950_000
    assert app.costs[1].rates["nominal"] == pytest.approx(c.rates["nominal"])
    assert any(s.startswith("Bank app is quoted as") for s in shown(app.sentence_html))


def test_bad_input_is_reported_next_to_the_field_and_kept(app):
    before = shown(app.sentence_html)
    p = app.panels[0]
    p.rate.value = "abc"
    app.panels[1].rate.value = "900"
    rate_msg = message("offers[2].rate", "rate_range", "en", min=0, max=1)
    assert rate_msg == "Offer 2: quoted rate: must be between 0% and 100%."
    assert rate_msg in html.unescape(app.panels[1].fields["rate"].message.value)
    nan_msg = message("offers[1].rate", "not_a_number", "en")
    assert nan_msg in html.unescape(app.error_summary.value)
    assert p.rate.value == "abc" and app.panels[1].rate.value == "900"
    assert shown(app.sentence_html) == before and app.stale
    assert "bh-stale" in app.results._dom_classes
    app.set_language("zh")
    assert message("offers[2].rate", "rate_range", "zh", min=0, max=1) in html.unescape(
        app.error_summary.value)
    assert p.rate.value == "abc"


def test_an_impossible_offer_says_why(app):
    p = app.panels[1]
    p.upfront_deduction.value = "10,000"  # all of it deducted: nothing received
    msg = message("offers[2].upfront_deduction", "fee_below_principal", "en", max=10_000.0)
    assert msg == "Offer 2: deducted from the money paid out: must be less than the amount borrowed (¥10,000.00)."
    assert msg in html.unescape(p.fields["upfront_deduction"].message.value)
    assert p.more.open  # the section holding the field opens so the message shows


def test_three_offers_at_most_and_removing(app):
    app.add_offer()
    assert len(app.panels) == 3
    assert app.add_offer_button.layout.display == "none"
    app.add_offer()
    assert len(app.panels) == 3
    app.remove_offer(app.panels[0])
    assert [p.title.value for p in app.panels] == ["<h2>Offer 1</h2>", "<h2>Offer 2</h2>"]
    b, c3 = cost(**B), cost(**true_cost_inputs.examples()[2]["offer"])
    assert shown(app.sentence_html)[0] == true_cost_report.compare_sentence([b, c3],
                                                                   ["Offer 1", "Offer 2"], "en")


def test_chinese(app):
    app.set_language("zh")
    a, b = cost(**A), cost(**B)
    assert shown(app.sentence_html)[0] == true_cost_report.compare_sentence([a, b], ["方案1", "方案2"], "zh")
    assert app.panels[0].rate.description == "月费率（%）"
    assert app.panels[0].rate.value == "0.6"
    assert "元" in shown(app.sentence_html)[0]


def test_query_string_language(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=zh-CN")
    assert TrueCostApp.from_environment().lang == "zh"


def test_reference_lines_shown_with_sources_and_dates(app):
    text = html.unescape(app.lines_html.value)
    for line in true_cost_inputs.reference_lines():
        assert line["label"]["en"] in text and line["not_means"]["en"] in text
    assert "as of March 2026" in text and "as of 1 Dec 2017" in text
    assert as_of_text("2026-03", "zh") == "2026年3月" and as_of_text("2017", "zh") == "2017年"


def test_charts_have_text_alternatives(app):
    a, b = cost(**A), cost(**B)
    for draw in (rates_chart, cost_chart):
        for width in (360, 720):
            svg = draw([a, b], ["A", "B"], "en", width=width, uid=f"x{width}")
            assert 'role="img"' in svg and f'aria-labelledby="x{width}-title x{width}-desc"' in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", rates_chart([a, b], ["A", "B"], "en")).group(1)
    assert f"A: {i18n.percent(a.rates['nominal'], 'en')}" in html.unescape(desc)
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", cost_chart([a, b], ["A", "B"], "zh")).group(1)
    assert i18n.money(b.total_cost, "zh") in html.unescape(desc)
    assert app.rates_chart_html.value.count("<svg") == 2  # a wide and a phone drawing


def test_notebook_is_thin():
    nb = json.loads((ROOT / "simulators" / "apps" / "true_cost.ipynb").read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert len(code) == 1 and "TrueCostApp.from_environment()" in "".join(code[0]["source"])
