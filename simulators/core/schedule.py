"""Monthly repayment schedules for the four repayment methods.

Interest for a month is the principal outstanding x annual rate / 12, rounded to the cent, as
Chinese banks' monthly schedules compute it. Penalty interest for late days is accrued daily
elsewhere (``late.py``) with the product's day-count basis.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from simulators.core import dates
from simulators.core.dates import _monthly_due, add_months
from simulators.core.money import round_cents, round_half_up, to_cents


def level_payment(principal: float, monthly_rate: float, n: int) -> float:
    """The constant payment of an equal-instalment (等额本息) loan.

    A = P x i / (1 - (1 + i)^-n), or P / n when i = 0.
    Example: 20,000 at 1% a month over 12 months gives 1,776.98 a month.

    >>> round(level_payment(20_000, 0.01, 12), 2), level_payment(1_200, 0.0, 12)
    (1776.98, 100.0)
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


METHODS = ("equal_instalment", "equal_principal", "interest_only", "bullet")


@dataclass(frozen=True)
class Loan:
    """What was borrowed and on what terms.

    ``annual_rate`` is the contract's nominal annual interest rate (0.12 for 12%), charged monthly
    at ``annual_rate / 12`` on the principal outstanding. ``upfront_fee`` is charged when the loan
    is made (deducted from the amount paid out, or paid at signing: the borrower has that much
    less money). ``monthly_fee_rate`` is a fee per instalment as a fraction of the original
    principal (the "monthly fee rate" of many instalment products).
    """

    principal: float
    annual_rate: float
    term_months: int
    method: str = "equal_instalment"
    start_date: dt.date = field(default_factory=lambda: dates.today())
    upfront_fee: float = 0.0
    monthly_fee_rate: float = 0.0


@dataclass(frozen=True, eq=False)
class Schedule:
    """A monthly repayment schedule. Arrays are per instalment, amounts in cents."""

    due_dates: tuple  # of datetime.date
    due_day: np.ndarray  # days from the start date
    principal: np.ndarray
    interest: np.ndarray
    fee: np.ndarray
    principal_cents: int
    upfront_fee_cents: int
    start_date: dt.date

    @property
    def payment(self) -> np.ndarray:
        return self.principal + self.interest + self.fee

    @property
    def received_cents(self) -> int:
        """The money the borrower actually has: the principal less what is charged up front."""
        return self.principal_cents - self.upfront_fee_cents

    @property
    def balance_after(self) -> np.ndarray:
        """Principal still owed right after each instalment is paid."""
        return self.principal_cents - np.cumsum(self.principal)

    def __len__(self) -> int:
        return len(self.due_dates)


#: Allowed ranges: (kind, minimum, maximum). The methodology page prints this table.
LOAN_FIELDS = {
    "principal": ("money", 1, 100_000_000),
    "annual_rate": ("rate", 0, 1),
    "term_months": ("int", 1, 360),
    "method": ("choice", METHODS, None),
    "start_date": ("date", dt.date(1990, 1, 1), dt.date(2100, 12, 31)),
    "upfront_fee": ("money", 0, None),  # below the principal; checked below
    "monthly_fee_rate": ("rate", 0, 0.1),
}
