"""Figures of the page "Can I afford a plan?": a preview of the repayment-plan simulator.

Called by ``book/simulators/repayment-plan.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/simulators/repayment-plan.md`` (``glue_figures("zh")``). For the overdue card in
examples/plan-overdue-card.json they show the app's sentence for each plan option and the
handout the command line prints. Every word comes from the engine's catalogs.
"""
from __future__ import annotations

import json
import subprocess
import sys

from lessonkit import ROOT, markdown

from simulators.repayment_plan.engine import plan_options
from simulators.repayment_plan.inputs import plan_from_dict
from simulators.repayment_plan.report import option_sentence

EXAMPLE = ROOT / "examples" / "plan-overdue-card.json"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    pi = plan_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    markdown("sentences", "\n".join(f"- {option_sentence(o, pi, lang)}" for o in plan_options(pi)))
    printed = subprocess.run([sys.executable, "-m", "simulators", "repayment-plan", str(EXAMPLE),
                              "--lang", lang], capture_output=True, text=True, check=True).stdout
    markdown("handout", "```text\n" + printed.rstrip() + "\n```")
