"""Figures of the lesson "Pre-filing mediation, and telling a real court message from a fake".

Called by ``book/rights/mediation.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/rights/mediation.md`` (``glue_figures("zh")``). They show the dates of Xu Jing's
fictional mediation: when the mediator accepts the case, when the 30 days of pre-filing online
mediation would end, when both sides sign, and the last day to apply for judicial confirmation
(in the text and a table). tests/book/test_courts_pages.py computes the same dates and checks
them on the page.
"""
from __future__ import annotations

import datetime as dt

from lessonkit import markdown, table, text

from simulators.core import i18n

ACCEPTED = dt.date(2026, 6, 8)   # the mediator accepts the case on the platform
SIGNED = dt.date(2026, 6, 30)    # both sides sign the agreement
MEDIATION_DAYS = 30              # pre-filing online mediation (Online Mediation Rules, Art. 24)
CONFIRM_DAYS = 30                # applying for judicial confirmation (Civil Procedure Law, Art. 205)

#: The words of the table of dates, in each language.
WORDS = {
    "en": {
        "header": ["Date", "What happens"],
        "accepted": "The mediator accepts the case: the {days} days start",
        "signed": "Both sides sign an agreement",
        "ends": "The {days} days would have ended, without an agreement or an extension",
        "confirm_by": "Last day to apply together for the court to confirm the agreement",
    },
    "zh": {
        "header": ["日期", "发生什么"],
        "accepted": "调解员接受调解，{days}日期限开始",
        "signed": "双方签署调解协议",
        "ends": "如果没有达成协议、也没有延长，{days}日期限到这一天结束",
        "confirm_by": "双方共同申请法院司法确认的最后一天",
    },
}


def period_end(start, days):
    """The last day of a period of ``days`` days: the day it starts is not counted
    (Civil Procedure Law, Art. 85).

    >>> period_end(dt.date(2026, 6, 8), 30)
    datetime.date(2026, 7, 8)
    """
    end = start + dt.timedelta(days=days)
    # A period whose last day is a holiday runs on; the example's dates avoid that case.
    assert end.weekday() < 5, end
    return end


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def day(d):
        return i18n.date(d, lang)

    mediation_ends = period_end(ACCEPTED, MEDIATION_DAYS)
    confirm_by = period_end(SIGNED, CONFIRM_DAYS)
    text("accepted", day(ACCEPTED))
    text("mediation_days", MEDIATION_DAYS)
    text("mediation_ends", day(mediation_ends))
    text("signed", day(SIGNED))
    text("confirm_days", CONFIRM_DAYS)
    text("confirm_by", day(confirm_by))
    markdown("dates", table(
        words["header"],
        [
            [day(ACCEPTED), words["accepted"].format(days=MEDIATION_DAYS)],
            [day(SIGNED), words["signed"]],
            [day(mediation_ends), words["ends"].format(days=MEDIATION_DAYS)],
            [day(confirm_by), words["confirm_by"]],
        ],
    ))
