"""Loan offers as they are advertised, turned into the cash flows they really are.

A borrower in China sees a loan quoted as an annual interest rate, a "monthly fee rate" (月费率)
on the original principal, a daily rate (日利率, for example 0.05%), a total instalment fee
(分期手续费), an amount deducted from the money paid out (砍头息), fixed fees per instalment, or a
bundled product (membership, insurance, guarantee). Each is converted here into one stream of
payments against the money actually received, and ``true_cost`` finds what that stream costs
(``rates.annual_rates``). Amounts are whole cents (int64) inside, as in the rest of the engine.

Three kinds of offer file are read by ``flows_from_dict`` (the command line's contract):

- ``{"offer": {...}}``: an offer as quoted (``OFFER_FIELDS``);
- ``{"loan": {...}}``: a loan as in the scenario contract (``scenario.LOAN_FIELDS``);
- ``{"received": 99000, "received_date": "2026-01-15", "payments": [{"date": ..., "amount": ...}]}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from simulators.core import dates
from simulators.core.schedule import Loan

#: How an offer's price is quoted.
QUOTES = ("annual_rate", "monthly_fee_rate", "daily_rate", "total_fee_rate")


#: The allowed rate for each way of quoting (fractions: 0.006 is 0.6%).
RATE_RANGES = {
    "annual_rate": (0, 1),
    "monthly_fee_rate": (0, 0.1),
    "daily_rate": (0, 0.01),
    "total_fee_rate": (0, 1),
}


EXTRA_KINDS = ("membership", "insurance", "guarantee", "other")


EXTRA_WHEN = ("upfront", "monthly")


MAX_EXTRAS = 5


MAX_PAYMENTS = 600


MAX_OFFERS = 3


#: Each cost is reported under one of these kinds, in this order.
COST_KINDS = ("interest", "fees", "deduction", "extras")


@dataclass(frozen=True)
class Extra:
    """A product sold with the loan: ``amount`` yuan, once at the start or with every instalment."""

    kind: str
    amount: float
    when: str = "monthly"


@dataclass(frozen=True)
class Offer:
    """A loan offer as quoted. ``rate`` is read according to ``quote``:

    - ``annual_rate``: a nominal annual interest rate, charged monthly at rate / 12 on the balance
      (repaid by ``method``).
    - ``monthly_fee_rate``: a fee each month of rate x the original principal, which is repaid in
      equal parts (the usual instalment product).
    - ``daily_rate``: interest of rate per day; over months it is charged at rate x ``day_count``
      a year (repaid by ``method``); a one-payment loan with ``term_days`` pays
      principal x (1 + rate x days) after that many days.
    - ``total_fee_rate``: a fee of rate x principal for the whole loan, spread over the
      instalments, with the principal repaid in equal parts.
    """

    principal: float
    term_months: int
    quote: str
    rate: float
    method: str = "equal_instalment"
    day_count: int = 360
    term_days: Optional[int] = None
    start_date: dt.date = field(default_factory=lambda: dates.today())
    upfront_deduction: float = 0.0
    monthly_fee: float = 0.0
    extras: tuple = ()


@dataclass(frozen=True, eq=False)
class CashFlows:
    """The money received on one day against the payments that repay it, in cents.

    ``cost`` is the part of each payment that is not principal (interest, fees, extras) where
    the offer says so; None for a bare list of payments. ``by_kind`` totals the cost by kind,
    the upfront deduction included."""

    received_cents: int
    received_date: dt.date
    dates: tuple
    amounts: np.ndarray
    cost: Optional[np.ndarray] = None
    upfront_cost_cents: int = 0
    by_kind: dict = field(default_factory=dict)
    offer: Optional[Offer] = None
    loan: Optional[Loan] = None

    @property
    def total_paid(self) -> int:
        return int(self.amounts.sum())


@dataclass(frozen=True, eq=False)
class TrueCost:
    """What a stream of payments costs. Amounts in cents; rates as fractions."""

    flows: CashFlows
    rates: dict  # {"monthly", "nominal", "effective", "simple"}
    total_paid: int
    total_cost: int  # total_paid - received
    cost_to_date: np.ndarray  # cost paid by each payment date (after day 0's deduction)
    by_kind: dict

    @property
    def first_payment(self) -> int:
        return int(self.flows.amounts[0])

    @property
    def largest_payment(self) -> int:
        return int(self.flows.amounts.max())

    @property
    def last_payment(self) -> int:
        return int(self.flows.amounts[-1])

    @property
    def level(self) -> bool:
        """Whether the payments are all the same, give or take rounding (within 1 yuan)."""
        a = self.flows.amounts
        return bool(a.max() - a.min() <= 100)


@dataclass(frozen=True)
class CostInput:
    """What the true-cost simulator is asked, in one of the three forms of an offer file:
    ``form`` is ``"offer"`` (``value`` an ``Offer``), ``"loan"`` (a ``Loan``) or ``"payments"``
    (the ``CashFlows`` themselves)."""

    form: str
    value: object
