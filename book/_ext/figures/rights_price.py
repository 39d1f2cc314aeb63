"""Figures of the lesson "Your right to know the price": Zhou Min's two fictional offers.

Called by ``book/rights/price.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/rights/price.md`` (``glue_figures("zh")``). They show, for 6,000 yuan over 12 months,
offer A (a monthly fee rate on the whole amount) and offer B (a daily rate on what is still
owed): their instalments, total costs and annualised rates; the rough check of offer A (what she
still owes each month, its average, fees ÷ average); offer B with a monthly guarantee fee; offer
A with 300 yuan kept back; and a table comparing the offers.
tests/book/test_rights_pages.py computes the same offers and checks the numbers on the page.
"""
from __future__ import annotations

from lessonkit import markdown, rate, table, text

from simulators.core import i18n
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict

LOAN = {"principal": 6000, "term_months": 12, "start_date": "2026-03-10"}
FEE_RATE, DAILY_RATE, GUARANTEE, DEDUCTION = 0.015, 0.0005, 30, 300

#: The words of the table of offers, in each language.
WORDS = {
    "en": {
        "header": ["Offer", "Total cost", "Annualised rate"],
        "a": "A: fee of {monthly} a month (“{yearly} a year”)",
        "b": "B: {daily} a day (“{yearly} a year”)",
        "g": "B with a guarantee fee of {fee} yuan a month",
    },
    "zh": {
        "header": ["方案", "总成本", "年化利率"],
        "a": "A：月费率{monthly}（“一年{yearly}”）",
        "b": "B：日利率{daily}（“年化{yearly}”）",
        "g": "B，另收担保费每月{fee}元",
    },
}


def cost(**offer):
    """The true cost of an offer on her loan."""
    return true_cost(offer_flows(offer_from_dict({**LOAN, **offer})))


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    def pct_whole(x):
        return i18n.percent(x, lang, digits=0)

    fee = cost(quote="monthly_fee_rate", rate=FEE_RATE)
    daily = cost(quote="daily_rate", rate=DAILY_RATE)
    guaranteed = cost(quote="daily_rate", rate=DAILY_RATE,
                      extras=[{"kind": "guarantee", "amount": GUARANTEE, "when": "monthly"}])
    deducted = cost(quote="monthly_fee_rate", rate=FEE_RATE, upfront_deduction=DEDUCTION)

    # Offer A: a monthly fee rate on the whole amount borrowed, "x 12" on the app's page.
    text("a_label", rate(FEE_RATE * 12))
    text("a_fee", money(fee.flows.cost[0]))
    text("a_payment", money(fee.flows.amounts[0]))
    text("a_cost", money(fee.total_cost))
    text("a_nominal", pct(fee.rates["nominal"]))
    text("a_effective", pct(fee.rates["effective"]))
    # The board check: what she still owes during each month, its average, and fees ÷ average.
    principal_parts = [a - c for a, c in zip(fee.flows.amounts, fee.flows.cost)]
    owed = [fee.flows.received_cents - sum(principal_parts[:k]) for k in range(len(principal_parts))]
    avg_owed = sum(owed) // len(owed)
    text("owed_first", f"{owed[0] // 100:,}")
    text("owed_second", f"{owed[1] // 100:,}")
    text("owed_last", f"{owed[-1] // 100:,}")
    text("avg_owed", money(avg_owed))
    text("a_rough", pct_whole(fee.total_cost / avg_owed))

    # Offer B: interest of 0.05% a day on what is still owed, "x 360" on the app's page.
    text("b_label", rate(DAILY_RATE * 360))
    text("b_payment", money(daily.flows.amounts[0]))
    text("b_cost", money(daily.total_cost))
    text("b_nominal", pct(daily.rates["nominal"]))
    text("a_over_b", money(fee.total_cost - daily.total_cost))

    # Offer B with a guarantee fee each month: the fee counts in the annualised rate.
    text("g_fees", money(guaranteed.by_kind["extras"]))
    text("g_cost", money(guaranteed.total_cost))
    text("g_nominal", pct(guaranteed.rates["nominal"]))

    # Offer A with 300 yuan kept back when the money is paid out.
    text("d_received", money(deducted.flows.received_cents))
    text("d_nominal", pct(deducted.rates["nominal"]))

    rows = [[words["a"].format(monthly=rate(FEE_RATE), yearly=rate(FEE_RATE * 12)),
             money(fee.total_cost), pct(fee.rates["nominal"])],
            [words["b"].format(daily=rate(DAILY_RATE), yearly=rate(DAILY_RATE * 360)),
             money(daily.total_cost), pct(daily.rates["nominal"])],
            [words["g"].format(fee=GUARANTEE), money(guaranteed.total_cost),
             pct(guaranteed.rates["nominal"])]]
    markdown("table", table(words["header"], rows, align="lrr"))
