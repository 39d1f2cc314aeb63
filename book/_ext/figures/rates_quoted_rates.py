"""Figures of the lesson on quoted rates: how a monthly fee rate, a daily rate and an upfront
deduction compare with an annual rate (fictional offers of 10,000 yuan over 12 months).

Called by ``book/rates/quoted-rates.md`` and ``book/zh/rates/quoted-rates.md`` with their
language. They show simple against compound interest, the true annualised rates of a 0.6%
monthly fee rate, a 0.05% daily rate and a 9.6% loan with 300 yuan deducted, and the four offers
side by side (glue name ``table``). tests/book/test_rates_pages.py computes the same offers and
checks the numbers on the page.
"""

from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

START = "2026-01-15"

WORDS = {
    "en": {
        "rows": ("Monthly fee rate 0.6%", "Daily rate 0.05%", "9.6% a year, 300 yuan deducted",
                 "9.6% a year, nothing deducted"),
        "head": ("Offer (10,000 yuan, 12 months)", "You receive", "Total cost",
                 "Annualised rate (nominal)", "Effective"),
    },
    "zh": {
        "rows": ("月费率0.6%", "日利率0.05%", "年利率9.6%，预扣300元", "年利率9.6%，不预扣"),
        "head": ("方案（借1万元，12个月）", "实际到手", "总成本", "年化利率（名义）", "实际年利率"),
    },
}


def cost(**offer):
    """The true cost of the offer ``offer``, paid out on START."""
    return true_cost(offer_flows(offer_from_dict({"start_date": START, **offer})))


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    # Simple against compound interest: 10,000 yuan at 1% a month for a year.
    text("simple_interest", money(10_000 * 100 * 12 // 100))
    compound = round(1_000_000 * (1.01 ** 12 - 1))
    text("compound_interest", money(compound))
    text("effective_1pc", pct(1.01 ** 12 - 1))

    # The monthly fee rate: 10,000 yuan over 12 months at 0.6% a month on the amount borrowed.
    fee = cost(principal=10_000, term_months=12, quote="monthly_fee_rate", rate=0.006)
    text("fee_each_month", money(fee.flows.cost[0]))
    text("fee_payment", money(fee.flows.amounts[0]))
    text("fee_total", money(fee.total_cost))
    text("fee_times_12", rate(0.006 * 12))
    text("fee_nominal", pct(fee.rates["nominal"]))
    text("fee_effective", pct(fee.rates["effective"]))
    text("fee_ratio", f"{fee.rates['nominal'] / (0.006 * 12):.1f}")
    text("fee_monthly_irr", i18n.percent(fee.rates["monthly"], lang, 3))

    # The same 720 yuan charged as interest on what is still owed: the rate it would take.
    same_cost = cost(principal=10_000, term_months=12, quote="annual_rate",
                     rate=fee.rates["nominal"], method="equal_instalment")
    text("same_cost_interest", money(same_cost.total_cost))

    # A daily rate: 1,000 yuan for 30 days at 0.05% a day, and 10,000 over 12 months at 0.05%.
    daily30 = cost(principal=1_000, term_months=1, quote="daily_rate", rate=0.0005,
                   method="bullet", term_days=30)
    text("daily_30_cost", money(daily30.total_cost))
    text("daily_simple", pct(daily30.rates["simple"]))
    text("daily_360", rate(0.0005 * 360))
    daily12 = cost(principal=10_000, term_months=12, quote="daily_rate", rate=0.0005,
                   method="equal_instalment")
    text("daily12_nominal", pct(daily12.rates["nominal"]))
    text("daily12_effective", pct(daily12.rates["effective"]))
    text("daily12_cost", money(daily12.total_cost))

    # An upfront deduction: 10,000 at 9.6% a year, 300 deducted when the loan is paid out.
    plain = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096)
    deducted = cost(principal=10_000, term_months=12, quote="annual_rate", rate=0.096,
                    upfront_deduction=300)
    text("ded_received", money(deducted.flows.received_cents))
    text("ded_payment", money(deducted.flows.amounts[0]))
    text("plain_nominal", pct(plain.rates["nominal"]))
    text("ded_nominal", pct(deducted.rates["nominal"]))
    text("ded_cost", money(deducted.total_cost))

    # The four offers side by side.
    rows = [[label, money(c.flows.received_cents), money(c.total_cost),
             pct(c.rates["nominal"]), pct(c.rates["effective"])]
            for label, c in zip(w["rows"], (fee, daily12, deducted, plain))]
    markdown("table", table(list(w["head"]), rows, align="lrrrr"))
