"""Figures of the page "The late-payment simulator": a preview of the app with its example.

Called by ``book/simulators/late-payment.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/simulators/late-payment.md`` (``glue_figures("zh")``). For the scenario in
examples/late-3-4.json they show the app's one-sentence summary, its two charts (what is owed day
by day, the total cost) and the handout the command line prints. Every word comes from the
engine's catalogs.
"""
from __future__ import annotations

import json
import subprocess
import sys

from lessonkit import ROOT, chart, markdown, text

from simulators.late_payment import report as late_payment_report
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui.charts.late_payment import cost_chart, owed_chart

EXAMPLE = ROOT / "examples" / "late-3-4.json"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    result = simulate(scenario_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8"))))
    text("sentence", late_payment_report.summary(result, lang))
    chart("preview_owed", lambda w: owed_chart(result, lang, width=w))
    chart("preview_cost", lambda w: cost_chart(result, lang, width=w))
    printed = subprocess.run([sys.executable, "-m", "simulators", "late-payment", str(EXAMPLE),
                              "--lang", lang], capture_output=True, text=True, check=True).stdout
    markdown("handout", "```text\n" + printed.rstrip() + "\n```")
