"""Figures of the page "The true-cost simulator": a preview of the app with its first two examples.

Called by ``book/simulators/true-cost.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/simulators/true-cost.md`` (``glue_figures("zh")``). They show the app's sentence
comparing the first two example offers, its chart of their annualised rates, and the handout the
command line prints for examples/offer-monthly-fee.json. Every word comes from the engine's
catalogs; the offers' short names are their catalog names up to the colon.
"""
from __future__ import annotations

import subprocess
import sys

from lessonkit import ROOT, chart, markdown, text

from simulators.true_cost import inputs as true_cost_inputs
from simulators.true_cost import report as true_cost_report
from simulators.true_cost.engine import offer_flows, true_cost
from simulators.true_cost.inputs import offer_from_dict
from simulators.ui.charts.true_cost import rates_chart

#: Per language: the colon that ends an example's short name, and the prefix of the chart's ids
#: (the two editions' ids differ, as their pages' labels do).
WORDS = {
    "en": {"colon": ":", "uid": "sim-rates"},
    "zh": {"colon": "：", "uid": "zh-sim-rates"},
}


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]
    examples = true_cost_inputs.examples()[:2]
    costs = [true_cost(offer_flows(offer_from_dict(e["offer"]))) for e in examples]
    names = [e["name"][lang].split(words["colon"])[0] for e in examples]
    text("sentence", true_cost_report.compare_sentence(costs, names, lang))
    chart("preview_rates", lambda w: rates_chart(costs, names, lang, width=w,
                                                 uid=f"{words['uid']}-{w}"))
    printed = subprocess.run([sys.executable, "-m", "simulators", "true-cost",
                              str(ROOT / "examples" / "offer-monthly-fee.json"), "--lang", lang],
                             capture_output=True, text=True, check=True).stdout
    markdown("handout", "```text\n" + printed.rstrip() + "\n```")
