"""Figures of the page "How the simulators compute": the methodology's worked numbers and tables.

Called by ``book/reference/methodology.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/reference/methodology.md`` (``glue_figures("zh")``). They show a level payment (20,000
at 12% a year over 12 months), the APR test vector reported for the 2021 rule (monthly IRR,
nominal and effective), the identity between the totals when the lesson's loan is called in, the
tables generated from the engine's field specs and presets (inputs, late entries, outputs,
presets, the sample contract), and the example scenario with what the command line prints for it
as JSON. The tables and their words come from book/_ext/reference_tables.py.
"""
from __future__ import annotations

import json
import subprocess
import sys

import reference_tables as ref
from lessonkit import ROOT, markdown, text

from simulators.core import i18n
from simulators.core.rates import apr_from_monthly, periodic_irr
from simulators.core.schedule import level_payment
from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict

EXAMPLE = ROOT / "examples" / "late-3-4.json"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""

    def money(cents):
        return i18n.money(cents, lang)

    # A level payment: 20,000 at 12% a year over 12 months.
    text("level_payment", money(round(level_payment(2_000_000, 0.01, 12))))

    # The APR test vector reported for the 2021 rule: 99,000 received, 12 payments of 8,833.30.
    monthly = periodic_irr(99_000.0, range(1, 13), [8_833.30] * 12)
    apr = apr_from_monthly(monthly)
    text("irr_monthly", i18n.percent(monthly, lang, 4))
    text("irr_nominal", i18n.percent(apr["nominal"], lang))
    text("irr_effective", i18n.percent(apr["effective"], lang))

    # Acceleration, with the lesson's loan: the identity between the two totals.
    stop = simulate(scenario_from_dict({"preset": "cn_internet_instalment",
                                        "loan": {"start_date": "2026-01-15"},
                                        "late": [{"stop_from": 3, "days": 120}]}))
    text("acc_on_total", money(stop.on_time.total_paid))
    text("acc_extra", money(stop.extra_cost))
    text("acc_not_charged", money(stop.interest_not_charged))
    text("acc_late_total", money(stop.late.total_paid))
    assert (stop.late.total_paid
            == stop.on_time.total_paid + stop.extra_cost - stop.interest_not_charged)

    # The generated tables.
    markdown("inputs", ref.inputs_table(lang))
    markdown("late_entries", ref.late_entries_table(lang))
    text("max_late_entries", ref.max_late_entries())
    for part, source in ref.output_tables(lang).items():
        markdown(f"output_{part}", source)
    markdown("presets", ref.preset_sections(lang))
    text("sample_contract", ref.sample_contract(lang))

    # The example scenario and what the command line prints for it, run now.
    markdown("example_scenario",
             "```json\n" + EXAMPLE.read_text(encoding="utf-8").strip() + "\n```")
    printed = subprocess.run([sys.executable, "-m", "simulators", "late-payment", str(EXAMPLE),
                              "--json", "--lang", lang],
                             capture_output=True, text=True, check=True).stdout
    json.loads(printed)  # it is valid JSON
    markdown("example_output", "```json\n" + printed.strip() + "\n```")
