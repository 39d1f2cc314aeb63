"""The immutable inputs and outputs of the engine.

A ``Loan`` and the ``Rules`` of a product, plus the reader's late payments, make a ``Scenario``.
``schedule.build_schedule`` turns a ``Loan`` into a ``Schedule``; ``late.simulate`` turns a
``Scenario`` into a ``Result``. Amounts inside the engine are whole cents (int64).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

import numpy as np

from simulators.core.money import round_cents, to_cents
from simulators.core.schedule import Loan, Schedule

#: The kinds of extra cost that late payment can bring, in the order they are reported.
COST_KINDS = ("penalty_interest", "compound_interest", "late_fees", "acceleration_interest")


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
    #: Days on which the late path asks for more than one instalment at once (a catch-up, a
    #: called-in loan): ``{"day", "date", "amount" (cents), "instalments"}``, largest first.
    due_at_once: tuple = ()

    @cached_property
    def _timeline(self):
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


def timelines(result, interest_owed, fee_owed, acc_interest, running_charge):
    """What is owed on each day from the start to the last payment, on time and late, in cents.

    Owed = principal not yet repaid + instalments overdue (interest and fees) + charges built
    up on them. Interest of the running month is not counted until it falls due. Penalty and
    compound interest grow day by day; a fixed late fee appears the day after the grace period.

    Built from difference arrays (a step of +a on day d and -a on day e is +a over [d, e)), so
    the whole timeline costs a few cumulative sums whatever the number of instalments.
    """
    s, paid, rules, accelerated = result.schedule, result.paid_day, result.scenario.rules, result.accelerated
    penalty, compound = result.charges["penalty_interest"], result.charges["compound_interest"]
    fees = result.charges["late_fees"]
    end = int(max(paid.max(), s.due_day.max())) + 1
    size = end + 2
    on = np.zeros(size)
    late = np.zeros(size)
    slope = np.zeros(size)

    def add(diff, at, amount):
        diff += np.bincount(np.minimum(at, end + 1), weights=amount, minlength=size)

    def step(diff, start, stop, amount):
        add(diff, start, amount)
        add(diff, stop, -amount)

    def ramp(start, stop, total):
        # Grows linearly from 0 on ``start`` to ``total`` on ``stop``, when it is paid off.
        # A charge that starts and is paid on the same day is never owed overnight.
        total = np.where(stop > start, np.asarray(total, dtype=float), 0.0)
        rate = total / np.maximum(stop - start, 1)
        add(slope, start + 1, rate)
        add(slope, stop + 1, -rate)
        add(late, stop, -total)

    zero = np.zeros_like(s.due_day)
    principal = s.principal.astype(float)
    step(on, zero, s.due_day, principal)
    step(late, zero, paid, principal)
    due = s.due_day
    m = result.days_late > 0  # called-in instalments are counted with the acceleration below
    if m.any():
        d, p = due[m], paid[m]
        step(late, d, p, (interest_owed + fee_owed)[m].astype(float))
        ramp(d, p, (penalty + compound)[m])
        overdue = s.principal + interest_owed + fee_owed
        fixed_part = to_cents(rules.late_fee_flat) + overdue * float(rules.late_fee_rate)
        fixed = np.minimum(fees, round_cents(fixed_part))
        fee_start = np.minimum(due + int(rules.grace_days) + 1, paid)[m]
        step(late, fee_start, p, fixed[m].astype(float))
        ramp(fee_start, p, (fees - fixed)[m])
    if accelerated is not None:
        a, c = np.array([accelerated["day"]]), np.array([accelerated["paid_day"]])
        j0 = accelerated["first_called_in"] - 1
        step(late, a, c, np.array([float(interest_owed[j0] + fee_owed[j0])]))
        ramp(a, c, np.array([float(acc_interest + running_charge)]))
    owed_on = np.cumsum(on)[: end + 1]
    owed_late = (np.cumsum(late) + np.cumsum(np.cumsum(slope)))[: end + 1]
    days = np.arange(end + 1, dtype=np.int64)
    return days, round_cents(owed_on), round_cents(owed_late)
