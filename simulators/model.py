"""The immutable inputs and outputs of the engine.

A ``Loan`` and the ``Rules`` of a product, plus the reader's late payments, make a ``Scenario``.
``schedule.build_schedule`` turns a ``Loan`` into a ``Schedule``; ``late.simulate`` turns a
``Scenario`` into a ``Result``. Amounts inside the engine are whole cents (int64).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

import numpy as np

METHODS = ("equal_instalment", "equal_principal", "interest_only", "bullet")

#: The kinds of extra cost that late payment can bring, in the order they are reported.
COST_KINDS = ("penalty_interest", "compound_interest", "late_fees", "acceleration_interest")


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
    start_date: dt.date = dt.date(2026, 1, 15)
    upfront_fee: float = 0.0
    monthly_fee_rate: float = 0.0


@dataclass(frozen=True)
class Rules:
    """What a product's contract does when a payment is late.

    ``penalty_markup`` 0.5 means penalty interest at the contract rate x 1.5. Rates are annual and
    accrue daily over ``day_count`` days. A late fee for one instalment is
    ``late_fee_flat + late_fee_rate x overdue + late_fee_daily_rate x overdue x days_late``,
    at most ``late_fee_cap`` (None: no cap). ``acceleration_after_days`` None means the lender
    never calls in the whole loan in this model. ``annual_cost_cap`` is a total annual cost (0.24
    for 24%) above which a court is not expected to support the charges; None means none is shown.
    """

    grace_days: int = 0
    penalty_markup: float = 0.5
    compound_overdue_interest: bool = True
    day_count: int = 360
    late_fee_flat: float = 0.0
    late_fee_rate: float = 0.0
    late_fee_daily_rate: float = 0.0
    late_fee_cap: Optional[float] = None
    acceleration_after_days: Optional[int] = None
    annual_cost_cap: Optional[float] = None


@dataclass(frozen=True)
class LateInstalment:
    """Instalment number ``instalment`` (1-based) is paid ``days_late`` days after its due date."""

    instalment: int
    days_late: int


@dataclass(frozen=True)
class StopPaying:
    """Nothing is paid from instalment ``stop_from``'s due date for ``days`` days; then every
    instalment that fell due in that time is paid at once, and later ones on time. ``days`` None
    means the borrower never catches up (the credit record follows it; the cost cannot be
    totalled)."""

    stop_from: int
    days: int


@dataclass(frozen=True)
class Scenario:
    loan: Loan
    rules: Rules = field(default_factory=Rules)
    late: tuple = ()
    preset: str = "custom"
    apply_cap: bool = False


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


@dataclass(frozen=True)
class PathTotals:
    """What one way of repaying adds up to, in cents."""

    total_paid: int
    total_interest: int
    total_fees: int
    total_cost: int  # total_paid - received
    cap_allowed_cost: Optional[int]  # the most a court is expected to support, if a cap is set
    above_cap: int  # the part of total_cost above that (0 when no cap or none above)


@dataclass(frozen=True, eq=False)
class Result:
    """Everything a view needs: both paths, the extra cost by kind, and the timelines."""

    scenario: Scenario
    schedule: Schedule
    on_time: PathTotals
    late: PathTotals
    extra_by_kind: dict  # kind -> cents; adds up to extra_cost
    interest_not_charged: int  # scheduled interest and fees cancelled when the loan was called in
    paid_day: np.ndarray  # day each instalment is actually paid in the late path
    days_late: np.ndarray
    charges: dict  # kind -> per-instalment cents arrays (acceleration kept separately)
    accelerated: Optional[dict]  # {"day", "date", "principal", "paid_day", "paid_date", "trigger"}
    apr_on_time: dict  # {"monthly", "nominal", "effective"}
    timeline_inputs: dict = field(repr=False, default_factory=dict)

    @cached_property
    def _timeline(self):
        from simulators.late import timelines

        return timelines(self, **self.timeline_inputs)

    @property
    def timeline_day(self) -> np.ndarray:
        """Days from the start date, from 0 to the day after the last payment. The daily
        timelines are computed when first asked for (only charts need them)."""
        return self._timeline[0]

    @property
    def owed_on_time(self) -> np.ndarray:
        """What is owed each day paying on time, in cents."""
        return self._timeline[1]

    @property
    def owed_late(self) -> np.ndarray:
        """What is owed each day paying late as entered, in cents."""
        return self._timeline[2]

    @property
    def extra_cost(self) -> int:
        return int(sum(self.extra_by_kind.values()))

    @property
    def late_instalments(self) -> list:
        """1-based numbers of the instalments paid after their due date (not counting ones the
        lender called in early)."""
        return [int(j) + 1 for j in np.flatnonzero(self.days_late > 0)]
