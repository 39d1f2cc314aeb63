"""Figures of the page "The credit-record simulator": a preview of the app with its example.

Called by ``book/simulators/credit-record.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/simulators/credit-record.md`` (``glue_figures("zh")``). For the scenario in
examples/credit-late-45.json they show what the app shows: its sentences, the months and their
statuses, the timeline chart of when the record appears and disappears, what a lender checking
the report sees on 31 December of each year, the same late payments under the US and UK
comparison rules, and the handout the command line prints. Every word comes from the engine's
catalogs.
"""
from __future__ import annotations

import json
import subprocess
import sys

from lessonkit import ROOT, chart, markdown, table, text

from simulators.core import i18n
from simulators.core.i18n import t
from simulators.credit_record import engine as credit_record_engine
from simulators.credit_record import inputs as credit_record_inputs
from simulators.credit_record import report as credit_record_report
from simulators.late_payment.inputs import scenario_from_dict
from simulators.ui.charts.credit_record import timeline_svg

EXAMPLE = ROOT / "examples" / "credit-late-45.json"


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    scenario = scenario_from_dict(data)
    record = credit_record_engine.credit_record(scenario, "cn")
    others = [credit_record_engine.credit_record(scenario, j) for j in credit_record_inputs.jurisdictions() if j != "cn"]

    # The sentences the app and the command line print, word for word.
    markdown("sentences", "\n>\n".join(f"> {s}" for s in credit_record_report.sentences(record, lang)))

    # The months and their statuses, as the app's grid shows them.
    markdown("months", table(
        [t(lang, "credit.table.month"), t(lang, "credit.table.status"),
         t(lang, "credit.table.meaning")],
        [[credit_record_report.month_name(m.date, lang), f"**{m.code}**",
          credit_record_report.code_words(record.rules, m.code, lang)]
         for m in record.months]))

    # When the record appears and disappears: the app's timeline, drawn for a phone and a wide
    # screen. (A function, not the app: building the app's widgets would put their state in the
    # page.)
    chart("timeline", lambda w: timeline_svg(record, lang, w).split("</svg>")[0] + "</svg>")
    rec = record.negative_records[0]
    # The month whose status first shows it (the status taken on the due date).
    text("first_shown", credit_record_report.month_name(rec.first_shown, lang))
    text("until", i18n.date(rec.visible_until, lang))

    # What a lender checking the report sees on 31 December of each year.
    rows = []
    for v in credit_record_engine.yearly_view(record):
        key = "credit.ui.lender.one" if len(v["records"]) == 1 else "credit.ui.lender.some"
        what = (t(lang, key, n=len(v["records"]),
                  worst=max(r.worst_code for r in v["records"]))
                if v["records"] else t(lang, "credit.ui.lender.nothing"))
        rows.append([i18n.date(v["on"], lang), v["late_months"], what])
    markdown("lender", table([t(lang, "credit.ui.lender.date"), t(lang, "credit.ui.lender.months"),
                              t(lang, "credit.ui.lender.records")], rows, "lrl"))

    # The same late payments under the US and UK comparison rules.
    markdown("compare", table([t(lang, k) for k in ("credit.table.rules", "credit.table.first_shown",
                                                     "credit.table.worst",
                                                     "credit.table.visible_until")],
                              credit_record_report.comparison_rows([record, *others], lang)))
    us = others[[o.rules.id for o in others].index("us")]
    text("us_until", i18n.date(us.negative_records[0].visible_until, lang))

    # The handout: what the command line prints for the example, run now.
    printed = subprocess.run([sys.executable, "-m", "simulators", "credit-record", str(EXAMPLE),
                              "--lang", lang], capture_output=True, text=True, check=True).stdout
    markdown("handout", "```text\n" + printed.rstrip() + "\n```")
