"""Figures of the lesson on the credit report: the fictional internet instalment loan of the
lesson on the cost of paying late, paid 10 days late once, stopped for 100 days, or never paid
again, as it shows in a credit record in China, the US and the UK.

Called by ``book/credit-record/report.md`` and ``book/zh/credit-record/report.md`` with their
language. They show when each late payment shows and until when, the month-by-month statuses of
the loan stopped for 100 days (glue name ``stop_table``), and how the US and UK records differ.
"""

from __future__ import annotations

from lessonkit import markdown, table, text

from simulators.core import i18n
from simulators.credit_record.engine import credit_record
from simulators.credit_record.report import month_name
from simulators.late_payment.inputs import scenario_from_dict

PRESET = "cn_internet_instalment"  # the fictional loan of the lesson on the cost of paying late
#: The lesson's worked example starts on a stated day, so that its dates and figures are the same
#: whenever the book is built (a scenario without a date would start on the reader's today).
LOAN = {"start_date": "2026-01-15"}
SCENARIOS = {
    "ten": [{"instalment": 3, "days_late": 10}],
    "stop": [{"stop_from": 3, "days": 100}],
    "never": [{"stop_from": 3, "days": None}],
}

WORDS = {
    "en": {"reported": "reported", "not_reported": "not reported",
           "head": ["Month", "Status", "Meaning"]},
    "zh": {"reported": "会被报告", "not_reported": "不会被报告",
           "head": ["月份", "状态", "含义"]},
}


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the page, in ``lang`` ("en" or "zh")."""
    w = WORDS[lang]
    sc = {k: scenario_from_dict({"preset": PRESET, "loan": LOAN, "late": v})
          for k, v in SCENARIOS.items()}
    rec = {k: credit_record(v, "cn") for k, v in sc.items()}
    us = {k: credit_record(v, "us") for k, v in sc.items()}
    uk = {k: credit_record(v, "uk") for k, v in sc.items()}

    def d(day):
        return i18n.date(day, lang)

    ten = rec["ten"].negative_records[0]
    text("due3", d(rec["ten"].months[2].date))
    text("ten_end", d(ten.overdue_end))
    text("ten_until", d(ten.visible_until))
    stop = rec["stop"].negative_records[0]
    text("stop_codes", ", ".join(m.code for m in rec["stop"].months if m.kind == "late"))
    text("stop_end", d(stop.overdue_end))
    text("stop_until", d(stop.visible_until))
    text("stop_called", d(rec["stop"].called_in_on))
    text("never_last", d(rec["never"].months[-1].date))
    text("us_ten", w["not_reported"] if not us["ten"].negative_records else w["reported"])
    text("us_stop_until", d(us["stop"].negative_records[0].visible_until))
    text("uk_stop_until", d(uk["stop"].negative_records[0].visible_until))

    rows = [[month_name(m.date, lang), m.code, i18n.t(lang, f"credit.word.cn.{m.code}")]
            for m in rec["stop"].months]
    markdown("stop_table", table(w["head"], rows))
