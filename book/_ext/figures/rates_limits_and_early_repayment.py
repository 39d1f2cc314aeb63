"""Figures of the lesson on rate limits and early repayment: a 10,000-yuan, 12-month loan
(fictional) repaid in full with instalment 6.

Called by ``book/rates/limits-and-early-repayment.md`` and
``book/zh/rates/limits-and-early-repayment.md`` with their language. They show what repaying a
9.6% loan early saves, with and without a 3% prepayment charge, and a 0.6% monthly-fee-rate loan
repaid early whose fees stop or are all still charged, in a table (glue name ``table``).
"""

from __future__ import annotations

from lessonkit import markdown, table, text

from simulators.core import i18n
from simulators.true_cost.engine import flows_from_dict, offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

START = "2026-01-15"

WORDS = {
    "en": {
        "head": ("Loan of 10,000 yuan over 12 months", "Total cost", "Annualised rate"),
        "rows": ("9.6% a year, kept for 12 months", "9.6% a year, repaid with instalment 6",
                 "… and a 3% prepayment charge", "Fee rate 0.6%, kept for 12 months",
                 "Fee rate 0.6%, repaid with instalment 6, fees stop",
                 "Fee rate 0.6%, repaid with instalment 6, all 12 fees charged"),
    },
    "zh": {
        "head": ("借1万元、12个月", "总成本", "年化利率"),
        "rows": ("年利率9.6%，借满12个月", "年利率9.6%，第6期时全部还清", "……另收3%提前还款违约金",
                 "月费率0.6%，借满12个月", "月费率0.6%，第6期时还清，手续费停收",
                 "月费率0.6%，第6期时还清，仍收满12期手续费"),
    },
}


def offer(**o):
    """The cash flows of the 10,000-yuan, 12-month loan quoted as ``o``."""
    return offer_flows(offer_from_dict({"principal": 10_000, "term_months": 12,
                                        "start_date": START, **o}))


def repaid_after(flows, k, extra_cents=0):
    """The same loan repaid in full with instalment k: the first k payments, then the principal
    still owed (and ``extra_cents`` charged for paying early) on instalment k's date."""
    principal = flows.amounts - flows.cost
    owed = int(principal[k:].sum())
    amounts = [int(x) for x in flows.amounts[:k]]
    amounts[-1] += owed + extra_cents
    return true_cost(flows_from_dict({
        "received": flows.received_cents / 100, "received_date": START,
        "payments": [{"date": d.isoformat(), "amount": a / 100}
                     for d, a in zip(flows.dates[:k], amounts)]})), owed


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    # Paying a 9.6% loan off with instalment 6: interest for the actual period only (Art. 677).
    interest_loan = offer(quote="annual_rate", rate=0.096)
    full = true_cost(interest_loan)
    early, owed = repaid_after(interest_loan, 6)
    text("owed_6", money(owed))
    text("full_cost", money(full.total_cost))
    text("early_cost", money(early.total_cost))
    text("full_rate", pct(full.rates["nominal"]))
    text("early_rate", pct(early.rates["nominal"]))
    text("saved", money(full.total_cost - early.total_cost))

    # The same, with a charge of 3% of the principal repaid early (a contract term; fictional).
    charge = round(owed * 0.03)
    charged, _ = repaid_after(interest_loan, 6, charge)
    text("charge", money(charge))
    text("charged_cost", money(charged.total_cost))
    text("charged_rate", pct(charged.rates["nominal"]))

    # A monthly-fee-rate loan whose contract still charges the remaining months' fees (fictional).
    fee_loan = offer(quote="monthly_fee_rate", rate=0.006)
    fee_full = true_cost(fee_loan)
    fee_stop, _ = repaid_after(fee_loan, 6)
    remaining_fees = int(fee_loan.cost[6:].sum())
    fee_all, _ = repaid_after(fee_loan, 6, remaining_fees)
    text("remaining_fees", money(remaining_fees))
    text("fee_full_rate", pct(fee_full.rates["nominal"]))
    text("fee_stop_rate", pct(fee_stop.rates["nominal"]))
    text("fee_all_rate", pct(fee_all.rates["nominal"]))
    text("fee_all_cost", money(fee_all.total_cost))

    cases = (full, early, charged, fee_full, fee_stop, fee_all)
    markdown("table", table(
        list(w["head"]),
        [[label, money(c.total_cost), pct(c.rates["nominal"])] for label, c in zip(w["rows"], cases)],
        align="lrr"))
