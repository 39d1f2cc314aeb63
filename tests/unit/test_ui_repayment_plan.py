"""The Can I afford a plan? app without a browser: values in, the engine's sentences out."""

import html
import re

import pytest

from simulators.repayment_plan.engine import plan_options
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.report import sentences as plan_sentences
from simulators.ui.repayment_plan import RepaymentPlanApp


def shown(widget) -> list:
    return [html.unescape(p) for p in re.findall(r"<p>(.*?)</p>", widget.value)]


def expected(data, lang="en"):
    pi = plan_from_dict(data)
    return plan_sentences(plan_options(pi), pi, lang)


BASE = {"card": {"balance": 20000}, "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.24, "months": 36}}


@pytest.fixture
def app():
    return RepaymentPlanApp(lang="en")


def test_default_options_are_the_engines(app):
    said = shown(app.sentence_html)
    assert said == expected(BASE)
    assert said[0].startswith("Staying overdue for 36 months: you pay nothing")
    # The debt grows faster than the 24% line: said beside it.
    assert said[1].startswith("⚠ At this pace the debt grows by 25.87% a year")
    # The new loan carries its caution, and its default rate is no better than a borrower
    # already behind can expect (24%): it does not come out cheaper than the bank's plan.
    assert said[-1].startswith("⚠ Someone already behind on payments may not be offered")
    from simulators.repayment_plan.engine import plan_options
    from simulators.repayment_plan.inputs import plan_from_dict
    _, plan, loan = plan_options(plan_from_dict(BASE))
    assert loan.total_cost > plan.total_cost
    # The plan keeps the card's 18.25% unless the reader says the bank waives it: 20,000 over
    # 36 months at 18.25% / 12 a month is 725.56 a month (PMT), not the 555.56 of no interest.
    assert "if the bank agrees: ¥725.56 a month" in said[2]
    # The first statement is the reader's today (frozen at 15 Jan 2026 in the tests): the
    # missed months stay visible five years from the end of the plan... until 15 Jan 2031.
    assert "stay visible until 15 Jan 2031" in said[2]
    assert not any("assumes the bank charges no interest" in s for s in said)


def test_a_plan_at_no_interest_says_it_assumes_the_bank_waives_it(app):
    app.fields["plan.annual_rate"].value = "0"
    said = shown(app.sentence_html)
    assert "if the bank agrees: ¥555.56 a month" in said[2]
    assert said[3].startswith("⚠ This assumes the bank charges no interest or fees")


def test_changing_the_plan_changes_sentences_and_chart(app):
    chart = app.chart_html.value
    app.fields["plan.months"].value = "48"
    app.fields["plan.annual_rate"].value = "6"
    data = {**BASE, "plan": {"months": 48, "annual_rate": 0.06, "missed_payments": 2}}
    assert shown(app.sentence_html) == expected(data)
    assert app.chart_html.value != chart


def test_no_loan_rate_leaves_two_options(app):
    app.fields["new_loan.annual_rate"].value = ""
    assert len([s for s in shown(app.sentence_html) if not s.startswith("⚠")]) == 2


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
