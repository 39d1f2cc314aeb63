"""The minimum-payment chart: what is still owed month by month, one line per way of paying.

Pure functions from the engine's results to an SVG string: no widget, so the book draws it too.
"""

from __future__ import annotations

from simulators.core.i18n import t
from simulators.minimum_payment.report import card_sentence, pay_label
from simulators.ui.charts.svg import lines_chart, money_axis


def balance_series(results, lang: str, currency: str = "CNY") -> list:
    """``(label, amounts in cents)`` per way of paying: the first bill, then the balance after
    each month."""
    return [(pay_label(r.strategy, lang, currency),
             [int(r.statement_balance[0])] + [int(v) for v in r.balance_after]) for r in results]


def balance_chart(results, lang: str, currency: str = "CNY", width: int = 720,
                  uid: str | None = None) -> str:
    """The lines of ``balance_series``, described by the sentence of each way of paying."""
    desc = " ".join(card_sentence(r, lang, currency) for r in results)
    return lines_chart(balance_series(results, lang, currency), lang, t(lang, "mp.chart.title"),
                       desc, width=width, uid=uid, axis_money=money_axis(lang, currency))
