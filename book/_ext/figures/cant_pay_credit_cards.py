"""Figures of the lesson on credit cards: the fictional Chinese credit-card preset's balance,
paid off by the minimum, by 1,000 or 2,000 yuan a month, or in full.

Called by ``book/cant-pay/credit-cards.md`` and ``book/zh/cant-pay/credit-cards.md`` with their
language. They show the card's rates and rules, how long each way of paying takes and what interest
it costs (glue name ``table``), a chart of what is still owed month by month (``balance_chart``),
the interest under the "unpaid part only" method, and what one missed payment costs.
tests/book/test_cards_pages.py computes the same cases and checks the numbers on the page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from lessonkit import chart, markdown, rate, table, text

from simulators.core import i18n
from simulators.minimum_payment.engine import simulate_card
from simulators.minimum_payment.inputs import card_from_preset
from simulators.minimum_payment.model import Strategy
from simulators.minimum_payment.report import (
    card_headers,
    card_rows,
    pay_label,
    years_months,
)
from simulators.ui.charts.svg import lines_chart

PRESET = "cn_credit_card"

WORDS = {
    "en": {"chart_title": "What is still owed on the card, month by month",
           "chart_desc": "Paying the minimum takes {minimum}; paying ¥1,000 a month takes {fixed}."},
    "zh": {"chart_title": "信用卡逐月剩余欠款",
           "chart_desc": "只还最低还款额需要{minimum}；每月还1,000元需要{fixed}。"},
}

#: The lesson's card has its first statement on a stated day, so that the figures are the same
#: whenever the book is built (a card without a date would start on the reader's today).
STATEMENT_DATE = dt.date(2026, 1, 5)


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    card = replace(card_from_preset(PRESET), statement_date=STATEMENT_DATE)
    rules = card.rules
    ways = [Strategy("minimum"), Strategy("fixed", amount=1000), Strategy("fixed", amount=2000)]
    minimum, fixed1000, fixed2000 = (simulate_card(card, s) for s in ways)
    in_full = simulate_card(card, Strategy("fixed", amount=card.balance))
    unpaid_method = simulate_card(replace(card_from_preset(PRESET, interest_method="unpaid"),
                                          statement_date=STATEMENT_DATE),
                                  Strategy("minimum"))
    missed = simulate_card(card, Strategy("none", months=1))

    def money(cents):
        return i18n.money(cents, lang)

    text("balance", money(round(card.balance * 100)))
    text("daily", rate(rules.annual_rate / rules.day_count))
    text("annual", rate(rules.annual_rate))
    text("grace", rules.grace_days)
    text("min_rate", rate(rules.min_rate))
    text("first_minimum", money(minimum.minimum[0]))
    text("full_interest", money(in_full.total_interest))
    text("min_months", years_months(minimum.months, lang))
    text("min_interest", money(minimum.total_interest))
    text("min_paid", money(minimum.total_paid))
    text("first_interest", money(minimum.interest[0]))
    text("unpaid_first_interest", money(unpaid_method.interest[0]))
    text("f1000_months", years_months(fixed1000.months, lang))
    text("f1000_interest", money(fixed1000.total_interest))
    text("f2000_months", years_months(fixed2000.months, lang))
    text("f2000_interest", money(fixed2000.total_interest))
    text("penalty_rate", rate(rules.default_penalty_rate))
    text("missed_penalty", money(missed.penalties[0]))
    text("missed_interest", money(missed.interest[0]))
    markdown("table", table(card_headers(lang), card_rows([minimum, fixed1000, fixed2000], lang),
                            align="lrrrrr"))
    series = [(pay_label(r.strategy, lang),
               [int(r.statement_balance[0])] + list(map(int, r.balance_after)))
              for r in (minimum, fixed1000, fixed2000)]
    desc = w["chart_desc"].format(minimum=years_months(minimum.months, lang),
                                  fixed=years_months(fixed1000.months, lang))
    chart("balance_chart", lambda width: lines_chart(series, lang, w["chart_title"], desc,
                                                     width=width))
