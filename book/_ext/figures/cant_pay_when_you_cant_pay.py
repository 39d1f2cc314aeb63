"""Figures of the lesson on what to do when you cannot pay: a 20,000-yuan card debt (fictional)
left as it is, turned into a 36-month repayment plan, or replaced by a new loan.

Called by ``book/cant-pay/when-you-cant-pay.md`` and ``book/zh/cant-pay/when-you-cant-pay.md``
with their language. They show what each option costs and its monthly payment, how long the
missed payments stay visible in the credit record, and the options side by side (glue name
``table``). tests/book/test_cards_pages.py computes the same case and checks the numbers on the
page; tests/book/test_lesson_figures.py checks the table itself.

The table has three columns, so that it fits a 360-pixel phone without scrolling: the option, what
it adds above the debt (for staying overdue, what the debt grows by), and the monthly payment.
Staying overdue has no monthly payment: its cell is "—", and the note under the table says what
she still owes at the end. A reader's review found the engine's full table (eight columns) showed
"Stay overdue | ¥0.00" first while the debt's growth was cut off at the right edge.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.repayment_plan.engine import credit_view, plan_options
from simulators.repayment_plan.inputs import plan_from_dict

#: The plan charges the card's own rate (the bank may ask less, or a fee instead: no plan at 0% is
#: assumed), and the new loan 24% a year (someone already behind cannot expect cheaper money): a
#: reader's review found a 0% plan and a 12% loan a better deal than a reader can expect.
CASE = {"card": {"balance": 20000, "statement_date": "2026-03-05"},
        "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.24, "months": 36}}


#: The table's words: short, so that the table fits a phone.
WORDS = {
    "en": {"headers": ["Option", "Extra cost", "Each month"],
           "stay_overdue": "Staying overdue", "plan": "The plan", "loan": "A new loan",
           "note": "— She pays nothing, yet the debt keeps growing: after {months} months she "
                   "still owes **{owed}**, {added} more than today."},
    "zh": {"headers": ["方案", "多出的钱", "每月还款"],
           "stay_overdue": "继续逾期", "plan": "协商分期", "loan": "借新贷款",
           "note": "—：她一分不还，欠款却一直在涨，{months}个月后仍欠 **{owed}**，"
                   "比现在多{added}。"},
}


def option_table(options, months: int, lang: str) -> str:
    """The options side by side: the option, the extra cost (what the debt grows by, for staying
    overdue), and the monthly payment ("—" for staying overdue, which pays nothing), then the note
    on what staying overdue leaves owed.

    >>> from simulators.repayment_plan.inputs import plan_from_dict
    >>> from simulators.repayment_plan.engine import plan_options
    >>> print(option_table(plan_options(plan_from_dict(CASE)), 36, "zh"))
    | 方案 | 多出的钱 | 每月还款 |
    |:--|--:|--:|
    | 继续逾期 | 19,892.52元 | — |
    | 协商分期 | 6,120.09元 | 725.56元 |
    | 借新贷款 | 8,247.59元 | 784.66元 |
    <BLANKLINE>
    —：她一分不还，欠款却一直在涨，36个月后仍欠 **39,892.52元**，比现在多19,892.52元。
    """
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    rows = [[w[o.kind], money(o.total_cost),
             "—" if o.kind == "stay_overdue" else money(o.first_payment)] for o in options]
    stay = next(o for o in options if o.kind == "stay_overdue")
    note = w["note"].format(months=months, owed=money(stay.owed_at_end),
                            added=money(stay.total_cost))
    return table(w["headers"], rows, align="lrr") + "\n\n" + note


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh"). All its words
    come from the engine's catalogs."""
    pi = plan_from_dict(CASE)
    stay, plan, loan = plan_options(pi)
    view = credit_view(plan, pi.missed_payments, pi.card.statement_date)

    def money(cents):
        return i18n.money(cents, lang)

    text("debt", money(round(pi.card.balance * 100)))
    text("months", pi.months)
    text("missed", pi.missed_payments)
    text("stay_owed", money(stay.owed_at_end))
    text("stay_added", money(stay.total_cost))
    text("plan_payment", money(plan.first_payment))
    text("plan_paid", money(plan.total_paid))
    text("plan_rate", rate(pi.plan_rate))
    text("loan_rate", rate(pi.loan_rate))
    text("loan_payment", money(loan.first_payment))
    text("loan_cost", money(loan.total_cost))
    text("visible_until", i18n.date(view.visible_until, lang))
    markdown("table", option_table([stay, plan, loan], pi.months, lang))
