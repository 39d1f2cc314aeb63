"""The part "When you can't pay" as a reader sees it: the lessons' numbers are the engine's,
computed here independently; the pages link the simulators, cite their sources and switch
language. Reuses the book build of ``test_book.py``."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from simulators.core import i18n
from simulators.minimum_payment.model import Strategy
from simulators.minimum_payment.inputs import card_from_preset
from simulators.minimum_payment.engine import simulate_card
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.engine import plan_options
from simulators.minimum_payment.report import years_months
from simulators.repayment_plan.engine import credit_view
from tests.book.test_book import page, pasted, site  # noqa: F401  (the session build)

pytestmark = pytest.mark.book

CARDS = {"en": "book/cant-pay/credit-cards.html", "zh": "book/zh/cant-pay/credit-cards.html"}
PLAN = {"en": "book/cant-pay/when-you-cant-pay.html",
        "zh": "book/zh/cant-pay/when-you-cant-pay.html"}
SIMULATORS = {"en": ["book/simulators/minimum-payment.html", "book/simulators/repayment-plan.html"],
              "zh": ["book/zh/simulators/minimum-payment.html",
                     "book/zh/simulators/repayment-plan.html"]}


def card_figures(lang):
    # The lesson's card has its first statement on 5 Jan 2026 (figures.cant_pay_credit_cards).
    card = replace(card_from_preset("cn_credit_card"), statement_date=dt.date(2026, 1, 5))
    m = lambda c: i18n.money(c, lang)  # noqa: E731
    minimum = simulate_card(card, Strategy("minimum"))
    f1000 = simulate_card(card, Strategy("fixed", amount=1000))
    missed = simulate_card(card, Strategy("none", months=1))
    assert minimum.months == 64 and minimum.total_interest == 179704  # the worked example
    return {
        "balance": m(1000000),
        "first minimum": m(minimum.minimum[0]),
        "months at the minimum": years_months(minimum.months, lang),
        "interest at the minimum": m(minimum.total_interest),
        "paid at the minimum": m(minimum.total_paid),
        "months at 1000": years_months(f1000.months, lang),
        "interest at 1000": m(f1000.total_interest),
        "penalty for a missed minimum": m(missed.penalties[0]),
        "no interest paid in full": m(0),
    }


def plan_figures(lang):
    pi = plan_from_dict({"card": {"balance": 20000, "statement_date": "2026-03-05"},
                         "plan": {"months": 36, "missed_payments": 2},
                         "new_loan": {"annual_rate": 0.24, "months": 36}})
    stay, plan, loan = plan_options(pi)
    m = lambda c: i18n.money(c, lang)  # noqa: E731
    until = credit_view(plan, 2, pi.card.statement_date).visible_until
    # The plan at the card's own rate (18.25%), never at 0%, and the new loan at 24%.
    assert pi.plan_rate == 0.1825 and pi.loan_rate == 0.24
    return {
        "owed after staying overdue": m(stay.owed_at_end),
        "plan payment": m(plan.first_payment),
        "loan payment": m(loan.first_payment),
        "loan cost": m(loan.total_cost),
        "record visible until": i18n.date(until, lang),
    }


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_numbers_equal_the_engine(site, lang):  # noqa: F811
    for rel, figures in ((CARDS[lang], card_figures(lang)), (PLAN[lang], plan_figures(lang))):
        shown = set(pasted(page(site, rel)))
        missing = {k: v for k, v in figures.items() if v not in shown}
        assert not missing, f"{rel}: {missing}; shown {sorted(shown)}"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lessons_follow_the_pattern_and_cite_sources(site, lang):  # noqa: F811
    for rel in (CARDS[lang], PLAN[lang]):
        soup = page(site, rel)
        text = soup.select_one("article").get_text(" ")
        assert ("fictional" in text) if lang == "en" else ("虚构" in text)
        assert soup.select("svg, table"), rel
        assert soup.select(".solution, details, .dropdown"), f"{rel}: no self-check answers"
        cites = [a for a in soup.select("article a[href]") if "sources.html#" in a["href"]]
        assert cites, f"{rel} cites no source"
        assert all(a.get_text().startswith("中") == (lang == "zh") for a in cites)
    plan = page(site, PLAN[lang]).select_one("article").get_text(" ")
    assert "停息挂账" in plan and "2024" in plan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_simulator_pages_show_the_engine_output(site, lang):  # noqa: F811
    for rel in SIMULATORS[lang]:
        soup = page(site, rel)
        text = soup.select_one("article").get_text(" ")
        assert ("A model, not a prediction" in text) if lang == "en" else ("不是预测" in text)
        commands = " ".join(pre.get_text("") for pre in soup.select("article pre"))
        assert "python -m simulators" in commands and "--lang zh" in commands
    minimum = page(site, SIMULATORS[lang][0]).select_one("article").get_text(" ")
    assert years_months(64, lang) in minimum


def test_methodology_lists_every_field(site):  # noqa: F811
    from simulators.repayment_plan.inputs import PLAN_FIELDS
    from simulators.minimum_payment.inputs import TERM_FIELDS

    for rel in ("book/reference/methodology-cards.html", "book/zh/reference/methodology-cards.html"):
        text = page(site, rel).select_one("article").get_text(" ")
        for name in TERM_FIELDS:
            assert f"terms.{name}" in text, (rel, name)
        for name in PLAN_FIELDS:
            assert f"plan.{name}" in text, (rel, name)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_staying_overdue_never_reads_as_costing_nothing(lang, monkeypatch):
    """The options table of "When you can't pay", as glued for the page: the row for staying
    overdue shows what the debt grows by, never 0.00 in a money column, and the note under the
    table says what she still owes; three columns, so that it fits a phone without scrolling."""
    import sys
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "book" / "_ext"))
    from figures import cant_pay_when_you_cant_pay as module

    glued = {}
    monkeypatch.setattr(module, "markdown", lambda name, src: glued.__setitem__(name, src))
    monkeypatch.setattr(module, "text", lambda name, value: glued.__setitem__(name, str(value)))
    module.glue_figures(lang)
    sys.modules.pop(module.__name__, None)

    pi = plan_from_dict(module.CASE)
    stay = plan_options(pi)[0]
    assert stay.kind == "stay_overdue" and stay.total_cost > 0
    zero = i18n.money(0, lang)
    lines = glued["table"].split("\n")
    header, rows = lines[0], [ln for ln in lines[2:] if ln.startswith("|")]
    assert header.count("|") - 1 <= 3, header
    first = [c.strip() for c in rows[0].strip("|").split("|")]
    assert first[0] == ("继续逾期" if lang == "zh" else "Staying overdue")
    # The column right after the option's name shows the growth, and no cell says 0.00.
    assert first[1] == i18n.money(stay.total_cost, lang)
    assert zero not in first and all(c for c in first), first
    note = "\n".join(lines[len(rows) + 2:])
    assert i18n.money(stay.owed_at_end, lang) in note
