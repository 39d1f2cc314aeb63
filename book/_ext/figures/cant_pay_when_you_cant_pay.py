"""Figures of the lesson on what to do when you cannot pay: a 20,000-yuan card debt (fictional)
left as it is, turned into a 36-month repayment plan, or replaced by a new loan.

Called by ``book/cant-pay/when-you-cant-pay.md`` and ``book/zh/cant-pay/when-you-cant-pay.md``
with their language. They show what each option costs and its monthly payment, how long the
missed payments stay visible in the credit record, and the options side by side (glue name
``table``). tests/book/test_cards_pages.py computes the same case and checks the numbers on the
page.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.repayment_plan.engine import credit_view, plan_options
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.report import option_headers, option_rows

#: The plan charges the card's own rate (the bank may ask less, or a fee instead: no plan at 0% is
#: assumed), and the new loan 24% a year (someone already behind cannot expect cheaper money): a
#: reader's review found a 0% plan and a 12% loan a better deal than a reader can expect.
CASE = {"card": {"balance": 20000, "statement_date": "2026-03-05"},
        "plan": {"months": 36, "missed_payments": 2},
        "new_loan": {"annual_rate": 0.24, "months": 36}}


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
    rows = option_rows([stay, plan, loan], pi, lang)
    markdown("table", table(option_headers(lang)[:6], [r[:6] for r in rows], align="lrrrrr"))
