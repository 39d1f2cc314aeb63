"""The repayment-plan chart: what is owed month by month under each option (staying overdue,
an instalment plan, a new loan).

Pure functions from the engine's results to an SVG string: no widget, so the book draws it too.
"""

from __future__ import annotations

from simulators.core.i18n import t
from simulators.minimum_payment.inputs import currency
from simulators.repayment_plan.report import option_sentence
from simulators.ui.charts.svg import lines_chart, money_axis


def options_series(options, paths, lang: str) -> list:
    """``(label, amounts owed in cents)`` per option; ``paths`` as ``engine.owed_paths`` gives
    them."""
    return [(t(lang, f"plan.option.{o.kind}"), p) for o, p in zip(options, paths)]


def options_chart(plan, options, paths, lang: str, width: int = 720,
                  uid: str | None = None) -> str:
    """The lines of ``options_series`` for ``plan`` (a ``PlanInput``), described by the sentence
    of each option."""
    desc = " ".join(option_sentence(o, plan, lang) for o in options)
    return lines_chart(options_series(options, paths, lang), lang, t(lang, "rp.chart.title"),
                       desc, width=width, uid=uid,
                       axis_money=money_axis(lang, currency(plan.preset)))
