"""Figures of the page "Minimum payment: how long and how much": a preview of the card simulator.

Called by ``book/simulators/minimum-payment.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/simulators/minimum-payment.md`` (``glue_figures("zh")``). For the card in
examples/card-minimum-vs-more.json they show the app's sentence for each way of paying and the
handout the command line prints. Every word comes from the engine's catalogs.
"""
from __future__ import annotations

import json
import subprocess
import sys

from lessonkit import ROOT, markdown

from simulators.minimum_payment.engine import simulate_all
from simulators.minimum_payment.inputs import card_from_dict
from simulators.minimum_payment.report import card_sentence

EXAMPLE = ROOT / "examples" / "card-minimum-vs-more.json"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    ci = card_from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    markdown("sentences", "\n".join(f"- {card_sentence(r, lang)}" for r in simulate_all(ci)))
    printed = subprocess.run([sys.executable, "-m", "simulators", "credit-card", str(EXAMPLE),
                              "--lang", lang], capture_output=True, text=True, check=True).stdout
    markdown("handout", "```text\n" + printed.rstrip() + "\n```")
