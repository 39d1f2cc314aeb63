"""Figures of the lesson "Going to court, time limits and judgments".

Called by ``book/rights/court.md`` (``glue_figures("en")``) and by its Chinese twin
``book/zh/rights/court.md`` (``glue_figures("zh")``). They show Tang Hui's (唐慧) fictional
judgment, the extra interest for paying it late after 30, 90 and 180 days (in the text and a
table), what paying part of it early saves, and the limitation period of a fictional 12-month
instalment loan, restarted by a written demand. Money is in whole cents, rounded half up as the
engine rounds (simulators/money.py). tests/book/test_courts_pages.py computes the same figures
and checks them on the page.
"""
from __future__ import annotations

import datetime as dt

from lessonkit import markdown, table, text

from simulators.core import i18n
from simulators.core.money import round_half_up

# Tang Hui's fictional judgment: a money debt, with no further ordinary interest awarded.
JUDGMENT_CENTS = 25_000_00
# The extra interest for paying a judgment late: 0.0175% a day of the unpaid judgment debt
# (SPC interpretation of 2014, Art. 1), from the end of the period the judgment sets (Art. 2)
# to the day each part is paid (Art. 3).
EXTRA_PER_MILLION = 175         # 0.0175% = 175 per million, each day
DAYS_LATE = (30, 90, 180)
PART_PAID_CENTS = 10_000_00      # paid on day 30 ...
PART_PAID_DAY = 30
LAST_DAY = 180                   # ... and the rest on day 180

# The limitation period of a fictional 12-month instalment loan (Civil Code Arts. 188, 189, 195;
# a period in years ends on the corresponding day, Arts. 201, 202).
FIRST_DUE = dt.date(2025, 2, 15)
LAST_DUE = dt.date(2026, 1, 15)      # the 12th monthly instalment
REMINDER = dt.date(2027, 5, 20)      # the lender's written demand for payment

#: The header of the table of extra interest, in each language.
WORDS = {
    "en": {"header": ["Paid after the deadline", "Extra interest",
                      "Judgment debt and extra interest"]},
    "zh": {"header": ["超过履行期限", "加倍部分债务利息", "判决金额加上加倍部分利息"]},
}


def extra_interest(unpaid_cents, days):
    """The extra interest, in cents, on ``unpaid_cents`` left unpaid for ``days`` days.

    >>> extra_interest(25_000_00, 30)
    13125
    """
    return round_half_up(unpaid_cents * EXTRA_PER_MILLION * days / 1_000_000)


def years_later(day, years):
    """The last day of a period of ``years`` years starting on ``day``."""
    try:
        end = day.replace(year=day.year + years)
    except ValueError:  # 29 February: the month's last day
        end = day.replace(year=day.year + years, day=28)
    # A period whose last day is a holiday runs on (Art. 203); the example's dates avoid that.
    assert end.weekday() < 5, end
    return end


def glue_figures(lang: str) -> None:
    """Compute and glue every figure of the lesson, in ``lang`` ("en" or "zh")."""
    words = WORDS[lang]

    def money(cents):
        return i18n.money(cents, lang)

    text("judgment", money(JUDGMENT_CENTS))
    text("extra_rate", f"{EXTRA_PER_MILLION / 10_000:g}%")
    extra = {d: extra_interest(JUDGMENT_CENTS, d) for d in DAYS_LATE}
    for d in DAYS_LATE:
        text(f"extra_{d}", money(extra[d]))
        text(f"owed_{d}", money(JUDGMENT_CENTS + extra[d]))
    markdown("extra_table", table(
        words["header"],
        [[i18n.days(d, lang), money(extra[d]), money(JUDGMENT_CENTS + extra[d])] for d in DAYS_LATE],
        align="lrr",
    ))

    # Paying part early stops the extra interest on that part (Art. 3).
    part_extra = (extra_interest(JUDGMENT_CENTS, PART_PAID_DAY)
                  + extra_interest(JUDGMENT_CENTS - PART_PAID_CENTS, LAST_DAY - PART_PAID_DAY))
    text("part_paid", money(PART_PAID_CENTS))
    text("part_day", PART_PAID_DAY)
    text("rest", money(JUDGMENT_CENTS - PART_PAID_CENTS))
    text("last_day", LAST_DAY)
    text("part_extra", money(part_extra))
    text("part_saved", money(extra[LAST_DAY] - part_extra))

    # The limitation period.
    assert (LAST_DUE.year - FIRST_DUE.year) * 12 + LAST_DUE.month - FIRST_DUE.month == 11
    text("first_due", i18n.date(FIRST_DUE, lang))
    text("last_due", i18n.date(LAST_DUE, lang))
    text("limit_end", i18n.date(years_later(LAST_DUE, 3), lang))
    text("reminder", i18n.date(REMINDER, lang))
    text("limit_restarted", i18n.date(years_later(REMINDER, 3), lang))
