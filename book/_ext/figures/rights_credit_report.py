"""Figures of the lesson "Your rights over your credit report": the dates of its worked example.

Called by ``book/rights/credit-report.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/rights/credit-report.md`` (``glue_figures("zh")``). They show when a fictional true late
payment (instalment 3 of the internet instalment-loan preset, paid 40 days late) starts and ends,
its worst status code, and until when the record is kept (Art. 16: 5 years after the late payment
ends). tests/book/test_credit_pages.py computes the same case and checks the dates on the page.
"""
from __future__ import annotations

from lessonkit import text

from simulators.core import i18n
from simulators.credit_record.engine import credit_record
from simulators.late_payment.inputs import scenario_from_dict

#: The lesson's worked example starts on a stated day, so that its dates and figures are the same
#: whenever the book is built (a scenario without a date would start on the reader's today).
LOAN = {"start_date": "2026-01-15"}
LATE = {"preset": "cn_internet_instalment", "loan": LOAN,
        "late": [{"instalment": 3, "days_late": 40}]}


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    late = credit_record(scenario_from_dict(LATE), "cn").negative_records[0]
    text("late_start", i18n.date(late.overdue_start, lang))
    text("late_code", late.worst_code)
    text("late_end", i18n.date(late.overdue_end, lang))
    text("late_until", i18n.date(late.visible_until, lang))
