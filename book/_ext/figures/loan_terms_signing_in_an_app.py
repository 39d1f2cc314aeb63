"""Figures of the lesson on signing a loan in an app: Chen Lu's loan (fictional).

Called by ``book/loan-terms/signing-in-an-app.md`` and ``book/zh/loan-terms/signing-in-an-app.md``
with their language. They show a loan quoted at a daily rate, with and without the insurance that
was ticked in advance: the monthly payments, what the insurance adds, the annualised rates, the
daily rate over 360 and 365 days, and a side-by-side table (glue name ``table``).
tests/book/test_terms_pages.py computes the same loan and checks the numbers on the page.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.core.money import to_cents
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

# Chen Lu's loan: a fictional offer quoted at a daily rate, and the same loan with the
# insurance that was ticked in advance.
LOAN = {"principal": 5000, "term_months": 6, "quote": "daily_rate", "rate": 0.0004,
        "method": "equal_instalment", "start_date": "2026-04-10"}
INSURANCE = {"kind": "insurance", "amount": 35, "when": "monthly"}

WORDS = {
    "en": {
        "plain": "Without the insurance", "insured": "With the insurance",
        "received": "Money received", "payment": "Each monthly payment",
        "total_paid": "Total repaid", "total_cost": "Cost of the loan",
        "apr": "Annualised rate",
    },
    "zh": {
        "plain": "不含保险", "insured": "含保险",
        "received": "到手金额", "payment": "每月还款",
        "total_paid": "一共要还", "total_cost": "借款成本",
        "apr": "年化利率",
    },
}


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    plain = true_cost(offer_flows(offer_from_dict(LOAN)))
    insured = true_cost(offer_flows(offer_from_dict({**LOAN, "extras": [INSURANCE]})))

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    text("borrowed", money(to_cents(LOAN["principal"])))
    text("months", LOAN["term_months"])
    text("daily", rate(LOAN["rate"]))
    text("insurance", money(to_cents(INSURANCE["amount"])))
    text("payment_plain", money(plain.first_payment))
    text("payment_insured", money(insured.first_payment))
    text("insurance_total", money(insured.by_kind["extras"]))
    text("interest_total", money(insured.by_kind["interest"]))
    text("apr_plain", pct(plain.rates["nominal"]))
    text("apr_insured", pct(insured.rates["nominal"]))
    # A daily rate over a year: the engine counts a year as 360 days; 365 days for comparison.
    text("daily_x360", pct(LOAN["rate"] * 360))
    text("daily_x365", pct(LOAN["rate"] * 365))

    markdown("table", table(
        ["", w["plain"], w["insured"]],
        [
            [w["received"], money(plain.flows.received_cents), money(insured.flows.received_cents)],
            [w["payment"], money(plain.first_payment), money(insured.first_payment)],
            [w["total_paid"], money(plain.total_paid), money(insured.total_paid)],
            [w["total_cost"], money(plain.total_cost), money(insured.total_cost)],
            [w["apr"], pct(plain.rates["nominal"]), f"**{pct(insured.rates['nominal'])}**"],
        ],
        align="lrr",
    ))
