"""The Minimum payment app without a browser: typed values in, the engine's sentences out.

Each expected sentence is computed independently: a hand-written card file through
``card_from_dict`` + ``simulate_card`` + ``card_sentence``, never through the view."""

import html
import re

import pytest

from simulators.minimum_payment.engine import compute
from simulators.minimum_payment.inputs import card_from_dict, currency
from simulators.minimum_payment.report import sentences as card_sentences
from simulators.ui.minimum_payment import MinimumPaymentApp


def shown(widget) -> list:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", widget.value)]


def expected(data, lang="en"):
    ci = card_from_dict(data)
    return card_sentences(compute(ci), lang, currency(ci.preset))


@pytest.fixture
def app():
    return MinimumPaymentApp(lang="en")


def test_default_sentences_are_the_engines(app):
    data = {"pay": [{"kind": "minimum"}, {"kind": "fixed", "amount": 1000},
                    {"kind": "months", "months": 12}]}
    assert shown(app.sentence_html) == expected(data)
    assert shown(app.sentence_html)[0].startswith(
        "The minimum each month: a bill of ¥10,000.00 takes 5 years 4 months")
    # The first minimum is 10% of 10,000 = 1,000: a fixed 1,000 meets it, but the payment that
    # repays the bill in 12 months (920.07) is below it, and the reader is told so.
    said = shown(app.sentence_html)
    below = [s for s in said if s.startswith("⚠ Pay at least the minimum of ¥1,000.00 in month 1")]
    assert len(below) == 1 and "gives only ¥920.07" in below[0]


def test_typed_values_change_sentence_and_chart(app):
    chart = app.chart_html.value
    app.fields["card.balance"].value = "5,000"
    app.fields["terms.annual_rate"].value = "12"
    app.fields["pay.months"].value = ""
    data = {"card": {"balance": 5000}, "terms": {"annual_rate": 0.12},
            "pay": [{"kind": "minimum"}, {"kind": "fixed", "amount": 1000}]}
    assert shown(app.sentence_html) == expected(data)
    assert app.chart_html.value != chart and "<svg" in app.chart_html.value
    assert "role=\"img\"" in app.chart_html.value


def test_paying_more_is_shown_to_cost_less(app):
    ci, results = app.result
    minimum, fixed = results[0], results[1]
    assert fixed.months < minimum.months and fixed.total_interest < minimum.total_interest


def test_bad_value_is_reported_next_to_the_field_and_last_result_kept(app):
    before = app.sentence_html.value
    app.fields["terms.min_rate"].value = "0.1"
    assert "Minimum payment (share of the balance): must be between 0.50% and 100%" in \
        app.fields["terms.min_rate"].message.value
    assert app.stale and app.sentence_html.value == before
    assert app.fields["terms.min_rate"].value == "0.1"  # nothing typed is lost
    app.fields["pay.fixed"].value = "abc"
    assert "please enter a number" in app.fields["pay.fixed"].message.value


def test_language_switch_keeps_values(app):
    app.fields["card.balance"].value = "8000"
    app.set_language("zh")
    assert app.fields["card.balance"].value == "8000"
    assert shown(app.sentence_html) == expected(
        {"card": {"balance": 8000}, "pay": [{"kind": "minimum"}, {"kind": "fixed", "amount": 1000},
                                            {"kind": "months", "months": 12}]}, "zh")
    assert "最低还款" in app.title_html.value
    assert "停息挂账" in app.warning.value and "2024年12月24日" in app.warning.value


def test_query_string_sets_language_and_preset(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=zh&preset=us_credit_card")
    app = MinimumPaymentApp.from_environment()
    assert app.lang == "zh" and app.preset.value == "us_credit_card"
    assert "美元" in shown(app.sentence_html)[0]


def test_us_card_reports_dollars_and_its_late_fee_source(app):
    app.preset.value = "us_credit_card"
    assert "$3,000.00" in shown(app.sentence_html)[0]
    assert "1026.52" in app.sources_html.value
    assert "typical contract term, check yours" in app.sources_html.value
