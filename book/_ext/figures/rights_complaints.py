"""Figures of the lesson "Complaining, step by step": Sun Li's fictional loan with a membership.

Called by ``book/rights/complaints.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/rights/complaints.md`` (``glue_figures("zh")``). They show her instalment with and
without the membership added to it, what the membership costs in a year and what she has paid
for it so far, the annualised rate with and without it, and the dates by which the lender must
answer her complaint (a table and the dates in the text).
tests/book/test_rights_pages.py computes the same case and checks the numbers on the page.
"""
from __future__ import annotations

import datetime as dt

from lessonkit import markdown, table, text

from simulators.core import i18n
from simulators.core.money import to_cents
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

# Sun Li's fictional loan: 8,000 yuan over 12 months at 12% a year, with a membership of
# 29 yuan a month added to every instalment. She complains on 18 May 2026, after 3 instalments.
LOAN = {"principal": 8000, "term_months": 12, "start_date": "2026-02-10",
        "quote": "annual_rate", "rate": 0.12}
MEMBERSHIP = 29
RECEIVED = dt.date(2026, 5, 18)
# The 2020 complaint measures: 15 days, 30 for a complex case, 30 more exceptionally (60).
# A period in days starts on the day after the complaint is received (Civil Code Art. 201).
DEADLINES = (15, 30, 60)

#: The words of the table of deadlines, in each language.
WORDS = {
    "en": {
        "header": ["What", "By"],
        "received": "The lender receives her complaint",
        15: "Decision and answer, in the normal case (15 days)",
        30: "If the case is complex (30 days)",
        60: "At the latest, exceptionally, with notice to her (60 days)",
    },
    "zh": {
        "header": ["事项", "截止日期"],
        "received": "贷款机构收到她的投诉",
        15: "一般情况下作出处理决定并告知（15日）",
        30: "情况复杂的（30日）",
        60: "特殊情况下经告知她后最长（60日）",
    },
}


def cost(**extra):
    """The true cost of her loan, with ``extra`` terms added to it."""
    return true_cost(offer_flows(offer_from_dict({**LOAN, **extra})))


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    plain = cost()
    member = cost(extras=[{"kind": "membership", "amount": MEMBERSHIP, "when": "monthly"}])
    paid = [d for d in member.flows.dates if d < RECEIVED]
    upcoming = [d for d in member.flows.dates if d >= RECEIVED]

    text("payment", money(plain.flows.amounts[0]))
    text("payment_member", money(member.flows.amounts[0]))
    text("member_year", money(member.by_kind["extras"]))
    text("paid_count", len(paid))
    text("paid_member", money(to_cents(MEMBERSHIP) * len(paid)))
    text("rate_plain", i18n.percent(plain.rates["nominal"], lang))
    text("rate_member", i18n.percent(member.rates["nominal"], lang))
    text("next_due", i18n.date(upcoming[0], lang))
    text("received", i18n.date(RECEIVED, lang))
    due = {n: RECEIVED + dt.timedelta(days=n) for n in DEADLINES}
    for n in DEADLINES:
        text(f"due_{n}", i18n.date(due[n], lang))

    markdown("table", table(
        words["header"],
        [[words["received"], i18n.date(RECEIVED, lang)],
         *([words[n], i18n.date(due[n], lang)] for n in DEADLINES)],
        align="lr"))
