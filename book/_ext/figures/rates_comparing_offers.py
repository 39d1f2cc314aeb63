"""Figures of the lesson on comparing offers: the simulator's three example offers
(simulators/presets/offers/examples.json), side by side.

Called by ``book/rates/comparing-offers.md`` and ``book/zh/rates/comparing-offers.md`` with their
language. They show each offer's payments, money received and annualised rate, the one-sentence
comparison, which is cheapest, a summary table (glue name ``table``), charts of the rates and of the
cost (``rates``, ``cost``), what the membership in offer C adds, and offer A over 24 months.
"""

from __future__ import annotations

from lessonkit import chart, markdown, table, text

from simulators.core import i18n
from simulators.true_cost import engine as true_cost_engine
from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost import report as true_cost_report
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.ui.charts.true_cost import cost_chart, rates_chart

WORDS = {
    # An example's name is "A: ..." / "A：..."; the page calls it by the part before the colon.
    "en": {"colon": ":", "uid": "cmp"},
    "zh": {"colon": "：", "uid": "zh-cmp"},
}


START_DATE = "2026-01-15"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    def pct(x):
        return i18n.percent(x, lang)

    # The lesson's offers pay out on a stated day, so that the figures are the same whenever the
    # book is built (an offer without a date pays out on the reader's today).
    examples = [{**e, "offer": {**e["offer"], "start_date": START_DATE}}
                for e in true_cost_inputs.examples()]
    costs = [true_cost(offer_flows(offer_from_dict(e["offer"]))) for e in examples]
    names = [e["name"][lang].split(w["colon"])[0] for e in examples]
    a, b, c = costs
    text("sentence", true_cost_report.compare_sentence(costs, names, lang))
    text("a_payment", money(a.first_payment))
    text("a_last", money(a.last_payment))
    text("b_payment", money(b.first_payment))
    text("c_payment", money(c.first_payment))
    text("a_rate", pct(a.rates["nominal"]))
    text("b_rate", pct(b.rates["nominal"]))
    text("c_rate", pct(c.rates["nominal"]))
    text("b_received", money(b.flows.received_cents))
    text("c_membership", money(c.by_kind["extras"]))
    c_plain = true_cost(offer_flows(offer_from_dict({**examples[2]["offer"], "extras": []})))
    text("c_plain_rate", pct(c_plain.rates["nominal"]))
    text("c_plain_cost", money(c_plain.total_cost))
    text("c_cost", money(c.total_cost))
    text("cheapest", names[true_cost_engine.cheapest(costs)])
    markdown("table", table([""] + names, true_cost_report.summary_rows(costs, lang), align="lrrr"))
    chart("rates", lambda width: rates_chart(costs, names, lang, width=width,
                                             uid=f"{w['uid']}-rates-{width}"))
    chart("cost", lambda width: cost_chart(costs, names, lang, width=width,
                                           uid=f"{w['uid']}-cost-{width}"))

    # A longer term lowers the payment and raises the cost: offer A over 12 and 24 months.
    long = true_cost(offer_flows(offer_from_dict({**examples[0]["offer"], "term_months": 24})))
    text("long_payment", money(long.first_payment))
    text("long_cost", money(long.total_cost))
    text("a_cost", money(a.total_cost))
    text("long_rate", pct(long.rates["nominal"]))
