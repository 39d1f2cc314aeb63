"""The Can I afford a plan? app without a browser: values in, the engine's sentences out."""

import html
import re

import pytest

from simulators.repayment_plan.report import option_sentence
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.engine import plan_options
from simulators.ui.repayment_plan import RepaymentPlanApp


def shown(widget) -> list:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", widget.value)]


def expected(data, lang="en"):
    pi = plan_from_dict(data)
    return [option_sentence(o, pi, lang) for o in plan_options(pi)]


BASE = {"card": {"balance": 20000}, "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.12, "months": 36}}


@pytest.fixture
def app():
    return RepaymentPlanApp(lang="en")


def test_default_options_are_the_engines(app):
    said = shown(app.sentence_html)
    assert said == expected(BASE)
    assert said[0].startswith("Staying overdue for 36 months: you pay nothing")
    assert "if the bank agrees: ¥555.56 a month" in said[1]
    assert "stay visible until 5 Jan 2031" in said[1]


def test_changing_the_plan_changes_sentences_and_chart(app):
    chart = app.chart_html.value
    app.fields["plan.months"].value = "48"
    app.fields["plan.annual_rate"].value = "6"
    data = {**BASE, "plan": {"months": 48, "annual_rate": 0.06, "missed_payments": 2}}
    assert shown(app.sentence_html) == expected(data)
    assert app.chart_html.value != chart


def test_no_loan_rate_leaves_two_options(app):
    app.fields["new_loan.annual_rate"].value = ""
    assert len(shown(app.sentence_html)) == 2


def test_credit_record_lines(app):
    value = html.unescape(app.table_html.value)
    assert "1 2 | 3 4 5 6 7 7" in value
    assert "1 2 | N N N" in value
    assert "may agree, it does not have to" in value


def test_plan_longer_than_60_months_is_refused_with_its_range(app):
    app.fields["plan.months"].value = "72"
    assert "Months of the plan: must be a whole number from 1 to 60." in \
        html.unescape(app.fields["plan.months"].message.value)
    assert app.stale and app.fields["plan.months"].value == "72"
    app.set_language("zh")
    assert "方案期数（月）" in app.fields["plan.months"].message.value


def test_chinese_view_and_warning(monkeypatch):
    monkeypatch.setenv("QUERY_STRING", "lang=zh")
    app = RepaymentPlanApp.from_environment()
    assert shown(app.sentence_html) == expected(BASE, "zh")
    assert "停息挂账" in app.warning.value
