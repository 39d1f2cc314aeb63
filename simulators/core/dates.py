"""Calendar arithmetic: monthly due dates clamped to month ends, and whole years."""

from __future__ import annotations

import calendar
import datetime as dt

import numpy as np


def today() -> dt.date:
    """The reader's today: the start of a loan, the first statement of a card, the day an offer
    pays out, whenever a scenario gives no date of its own. Nothing in the simulators fixes a
    date to a year; tests freeze this function (monkeypatch ``simulators.core.dates.today``)."""
    return dt.date.today()


def today_iso() -> str:
    """``today()`` as written in a scenario file: '2026-12-06'."""
    return today().isoformat()


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month ``months`` later; the 31st becomes the month's last day."""
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


def _monthly_due(start: dt.date, n: int) -> np.ndarray:
    months = np.datetime64(f"{start.year:04d}-{start.month:02d}", "M") + np.arange(1, n + 1)
    first = months.astype("datetime64[D]")
    length = ((months + 1).astype("datetime64[D]") - first).astype(np.int64)
    return first + (np.minimum(start.day, length) - 1)


def monthly_due_dates(start: dt.date, n: int) -> tuple:
    """``add_months(start, k)`` for k = 1..n, computed in one go (the same dates)."""
    return tuple(_monthly_due(start, n).astype(object))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same date ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
