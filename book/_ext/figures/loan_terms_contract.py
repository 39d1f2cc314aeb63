"""Figures of the lesson on reading a loan contract: Wang Fang's loan (fictional).

Called by ``book/loan-terms/contract.md`` and ``book/zh/loan-terms/contract.md`` with their
language. They show the loan's amount, rate and fees, the money she receives, her monthly payment,
the total she repays and the annualised rate of the whole loan (with and without the fees), and a
table of all of them (glue name ``table``). tests/book/test_terms_pages.py computes the same loan
and checks the numbers on the page.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.core.money import to_cents
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

# Wang Fang's loan: a fictional offer, as its contract would state it.
LOAN = {"principal": 20000, "term_months": 12, "quote": "annual_rate", "rate": 0.108,
        "method": "equal_instalment", "start_date": "2026-04-10", "upfront_deduction": 600,
        "extras": [{"kind": "guarantee", "amount": 40, "when": "monthly"}]}

WORDS = {
    "en": {
        "header": "Wang Fang's loan",
        "amount": "Amount of the loan",
        "deduction": "Service fee, kept back when the money is paid out",
        "received": "Money she actually receives",
        "payment": "Each monthly payment, {n} times",
        "total_paid": "Total she repays",
        "total_cost": "Cost of the loan: total repaid less money received",
        "rate": "Interest rate in the contract",
        "apr": "Annualised rate of the whole loan",
    },
    "zh": {
        "header": "王芳的贷款",
        "amount": "借款金额",
        "deduction": "放款时先扣下的服务费",
        "received": "实际到手的钱",
        "payment": "每月还款，共{n}期",
        "total_paid": "一共要还",
        "total_cost": "借款成本：一共还的钱减去到手的钱",
        "rate": "合同上的利率",
        "apr": "整笔贷款的年化利率",
    },
}


def costs():
    """The loan as offered, without the guarantee fee, and with neither fee."""
    full = true_cost(offer_flows(offer_from_dict(LOAN)))
    no_guarantee = true_cost(offer_flows(offer_from_dict({**LOAN, "extras": []})))
    interest_only = true_cost(offer_flows(offer_from_dict({**LOAN, "extras": [],
                                                          "upfront_deduction": 0})))
    return full, no_guarantee, interest_only


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    full, no_guarantee, interest_only = costs()

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    text("borrowed", money(to_cents(LOAN["principal"])))
    text("months", LOAN["term_months"])
    text("rate", rate(LOAN["rate"]))
    text("deduction", money(full.by_kind["deduction"]))
    text("guarantee_fee", money(to_cents(LOAN["extras"][0]["amount"])))
    text("received", money(full.flows.received_cents))
    text("payment", money(full.first_payment))
    text("total_paid", money(full.total_paid))
    text("total_cost", money(full.total_cost))
    text("interest", money(full.by_kind["interest"]))
    text("guarantee_total", money(full.by_kind["extras"]))
    text("apr", pct(full.rates["nominal"]))
    text("apr_effective", pct(full.rates["effective"]))
    text("apr_interest_only", pct(interest_only.rates["nominal"]))
    text("apr_no_guarantee", pct(no_guarantee.rates["nominal"]))

    markdown("table", table(
        ["", w["header"]],
        [
            [w["amount"], money(to_cents(LOAN["principal"]))],
            [w["deduction"], money(full.by_kind["deduction"])],
            [w["received"], f"**{money(full.flows.received_cents)}**"],
            [w["payment"].format(n=LOAN["term_months"]), money(full.first_payment)],
            [w["total_paid"], f"**{money(full.total_paid)}**"],
            [w["total_cost"], money(full.total_cost)],
            [w["rate"], rate(LOAN["rate"])],
            [w["apr"], f"**{pct(full.rates['nominal'])}**"],
        ],
        align="lr",
    ))
