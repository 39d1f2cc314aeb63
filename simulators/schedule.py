"""Monthly repayment schedules for the four repayment methods.

Interest for a month is the principal outstanding x annual rate / 12, rounded to the cent, as
Chinese banks' monthly schedules compute it. Penalty interest for late days is accrued daily
elsewhere (``late.py``) with the product's day-count basis.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math

import numpy as np

from simulators.model import Loan, Schedule
from simulators.money import round_cents, round_half_up, to_cents


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


def level_payment(principal: float, monthly_rate: float, n: int) -> float:
    """The constant payment of an equal-instalment (等额本息) loan.

    A = P x i / (1 - (1 + i)^-n), or P / n when i = 0.
    Example: 20,000 at 1% a month over 12 months gives 1,776.98 a month.
    """
    if monthly_rate == 0:
        return principal / n
    # 1 - (1 + i)^-n written with expm1/log1p: exact for a tiny i, where the plain form is 0/0.
    return principal * monthly_rate / -math.expm1(-n * math.log1p(monthly_rate))


def build_schedule(loan: Loan) -> Schedule:
    """The schedule of ``loan``: due dates and, per instalment, principal, interest and fee in cents.

    - ``equal_instalment`` (等额本息): the payment is the level payment rounded to the cent;
      each month's interest is charged on the balance and the rest repays principal; the last
      instalment repays what is left, so the principal parts add up to the principal exactly.
    - ``equal_principal`` (等额本金): principal P / n each month (cents spread so they add up),
      interest on the balance, so payments fall month by month.
    - ``interest_only`` (先息后本): interest each month, all principal with the last instalment.
    - ``bullet`` (到期一次还本付息): one payment at the end of the term with simple interest
      P x annual rate x months / 12.

    A per-instalment fee is ``monthly_fee_rate`` x original principal; a bullet loan pays all of
    its months' fees with its one instalment.
    """
    n = int(loan.term_months)
    p_cents = to_cents(loan.principal)
    i = float(loan.annual_rate) / 12.0
    monthly_fee = round_cents(p_cents * float(loan.monthly_fee_rate))

    if loan.method == "bullet":
        principal = np.array([p_cents], dtype=np.int64)
        interest = np.array([round_cents(p_cents * loan.annual_rate * n / 12.0)], dtype=np.int64)
        fee = np.array([monthly_fee * n], dtype=np.int64)
        due_dates = (add_months(loan.start_date, n),)
    else:
        principal = np.zeros(n, dtype=np.int64)
        interest = np.zeros(n, dtype=np.int64)
        fee = np.full(n, monthly_fee, dtype=np.int64)
        due = _monthly_due(loan.start_date, n)
        due_dates = tuple(due.astype(object))
        if loan.method == "equal_instalment":
            payment = round_half_up(level_payment(p_cents, i, n))
            balance = p_cents
            interest_list, principal_list = [], []
            for k in range(n):
                interest_k = round_half_up(balance * i)
                principal_k = balance if k == n - 1 else min(balance, max(0, payment - interest_k))
                interest_list.append(interest_k)
                principal_list.append(principal_k)
                balance -= principal_k
            interest[:] = interest_list
            principal[:] = principal_list
        elif loan.method == "equal_principal":
            cumulative = round_cents(p_cents * np.arange(0, n + 1) / n)
            principal[:] = np.diff(cumulative)
            balance_before = p_cents - np.concatenate(([0], np.cumsum(principal)[:-1]))
            interest[:] = round_cents(balance_before * i)
        elif loan.method == "interest_only":
            interest[:] = round_cents(p_cents * i)
            principal[-1] = p_cents
        else:
            raise ValueError(f"unknown repayment method {loan.method!r}")

    due_day = (np.array(due_dates, dtype="datetime64[D]") if loan.method == "bullet" else due) \
        - np.datetime64(loan.start_date, "D")
    due_day = due_day.astype(np.int64)
    return Schedule(
        due_dates=due_dates,
        due_day=due_day,
        principal=principal,
        interest=interest,
        fee=fee,
        principal_cents=p_cents,
        upfront_fee_cents=to_cents(loan.upfront_fee),
        start_date=loan.start_date,
    )
