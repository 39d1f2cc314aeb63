"""Figures of the lesson on fees: one app's loan (fictional) with each of its fees, and all four.

Called by ``book/loan-terms/fees.md`` and ``book/zh/loan-terms/fees.md`` with their language.
They show a 30,000-yuan, 12-month loan at 12% a year with no fee, with a fee kept back from the
payout, a monthly service fee, a monthly guarantee fee, a "VIP membership", and all four together:
the money in hand, the payments and the annualised rate of each (glue names ``money_table`` and
``rates_table``), and a chart of the annualised rates against the reference lines
(``rates_chart``). tests/book/test_loan_terms_pages.py computes the same offers and checks the
numbers on the page.
"""

from __future__ import annotations

import copy
from unittest import mock

from lessonkit import chart, markdown, rate, table, text

from simulators.core import i18n
from simulators.core.i18n import t
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.ui.charts import true_cost as true_cost_charts
from simulators.ui.charts.true_cost import rates_chart

START = "2026-01-15"
PRINCIPAL, MONTHS, RATE = 30_000, 12, 0.12
# The app's fees (fictional): kept back from the payout, a monthly service fee, a monthly
# guarantee fee, and a "VIP membership" paid when the loan is made.
KEPT_BACK, SERVICE, GUARANTEE, MEMBERSHIP = 900, 90, 60, 299
GUARANTEE_FEE = {"kind": "guarantee", "amount": GUARANTEE, "when": "monthly"}
MEMBERSHIP_FEE = {"kind": "membership", "amount": MEMBERSHIP, "when": "upfront"}
#: Each offer: its key, and the fees it adds to the plain loan.
OFFERS = {
    "none": {},
    "kept": {"upfront_deduction": KEPT_BACK},
    "service": {"monthly_fee": SERVICE},
    "guarantee": {"extras": [GUARANTEE_FEE]},
    "membership": {"extras": [MEMBERSHIP_FEE]},
    "all": {"upfront_deduction": KEPT_BACK, "monthly_fee": SERVICE,
            "extras": [GUARANTEE_FEE, MEMBERSHIP_FEE]},
}

WORDS = {
    "en": {
        "none": "No fee", "kept": "{kept} kept back", "service": "{service} a month service fee",
        "guarantee": "{guarantee} a month guarantee fee", "membership": "{membership} membership",
        "all": "All four together",
        "offer": "The app's offer", "in_hand": "In hand", "total_paid": "Total repaid",
        "nominal": "Nominal", "effective": "Effective",
        # The chart's title in English says "annualised rate", the book's word for the rate that
        # counts every fee (the simulator's own text says "annual rate").
        "chart": {"tc.chart.rates.title": "Annualised rate of each offer, with the reference lines",
                  "tc.chart.rates.desc": "Bars: the annualised rate of each offer (monthly rate × 12). "
                                         "{bars}. Vertical lines mark {lines}."},
    },
    "zh": {
        "none": "不收费用", "kept": "放款时扣{kept}", "service": "服务费每月{service}",
        "guarantee": "担保费每月{guarantee}", "membership": "会员费{membership}",
        "all": "四项费用都收",
        "offer": "App的方案", "in_hand": "实际到手", "total_paid": "共还",
        "nominal": "名义", "effective": "实际",
        "chart": {},  # the simulator's own words
    },
}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")


def cost(**o):
    """The true cost of the plain loan with the fees ``o``."""
    return true_cost(offer_flows(offer_from_dict({
        "principal": PRINCIPAL, "term_months": MONTHS, "start_date": START,
        "quote": "annual_rate", "rate": RATE, "method": "equal_instalment", **o})))


def reference_lines(lang: str) -> list:
    """The reference lines, with the 12% line's label saying that it is for private lending
    only, so that a reader does not take it as a limit on licensed lenders."""
    lines = copy.deepcopy(true_cost_inputs.reference_lines())
    for line in lines:
        if line["id"] == "four_lpr":
            # The one-year LPR behind the line, and the month it dates from ("as_of": "2026-03").
            year, month = (int(x) for x in line["as_of"].split("-"))
            lpr = i18n.percent(line["rate"] / 4, lang, digits=1)
            line["label"] = {
                "en": f"{rate(line['rate'])}: 4 × LPR, private loans only (LPR {lpr}, {MONTHS_EN[month - 1]} {year})",
                "zh": f"{rate(line['rate'])}：4倍LPR，仅限民间借贷（LPR {lpr}，{year}年{month}月）"}
    return lines


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    def yuan(amount):
        return money(amount * 100)

    amounts = {"kept": yuan(KEPT_BACK), "service": yuan(SERVICE), "guarantee": yuan(GUARANTEE),
               "membership": yuan(MEMBERSHIP)}
    labels = {k: w[k].format(**amounts) for k in OFFERS}
    costs = {k: cost(**o) for k, o in OFFERS.items()}
    none, kept, service, guar, member, every = costs.values()

    text("principal", money(PRINCIPAL * 100))
    text("months", MONTHS)
    text("rate", rate(RATE))
    text("start", i18n.date(none.flows.received_date, lang))
    text("kept_back", yuan(KEPT_BACK))
    text("kept_share", rate(KEPT_BACK / PRINCIPAL))
    text("service", yuan(SERVICE))
    text("guarantee", yuan(GUARANTEE))
    text("membership", yuan(MEMBERSHIP))

    text("none_payment", money(none.first_payment))
    text("none_interest", money(none.total_cost))
    text("none_nominal", pct(none.rates["nominal"]))
    text("kept_received", money(kept.flows.received_cents))
    text("kept_cost", money(kept.total_cost))
    text("kept_nominal", pct(kept.rates["nominal"]))
    text("service_total", money(service.by_kind["fees"]))
    text("service_payment", money(service.first_payment))
    text("service_nominal", pct(service.rates["nominal"]))
    text("guarantee_total", money(guar.by_kind["extras"]))
    text("guarantee_nominal", pct(guar.rates["nominal"]))
    text("member_received", money(member.flows.received_cents))
    text("member_nominal", pct(member.rates["nominal"]))
    text("all_received", money(every.flows.received_cents))
    text("all_payment", money(every.first_payment))
    text("all_paid", money(every.total_paid))
    text("all_cost", money(every.total_cost))
    text("all_fees", money(every.total_cost - none.total_cost))
    text("all_nominal", pct(every.rates["nominal"]))
    text("all_effective", pct(every.rates["effective"]))

    markdown("money_table", table(
        [w["offer"], w["in_hand"], w["total_paid"]],
        [[labels[k], money(c.flows.received_cents), money(c.total_paid)] for k, c in costs.items()],
        align="lrr"))
    markdown("rates_table", table(
        [w["offer"], w["nominal"], w["effective"]],
        [[labels[k], pct(c.rates["nominal"]), pct(c.rates["effective"])] for k, c in costs.items()],
        align="lrr"))

    names = list(labels.values())
    lines = reference_lines(lang)

    def words(lang_, key, **kw):
        # The page's own words where it has them, else the simulator's catalog.
        if key in WORDS[lang_]["chart"]:
            return WORDS[lang_]["chart"][key].format(**kw)
        return t(lang_, key, **kw)

    def draw_rates(width):
        with mock.patch.object(true_cost_inputs, "reference_lines", lambda: lines), \
                mock.patch.object(true_cost_charts, "t", words):
            return rates_chart(list(costs.values()), names, lang, width=width,
                               uid=f"costs-fees-{width}")

    chart("rates_chart", draw_rates)
