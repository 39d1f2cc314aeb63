"""A revolving credit card, month by month: statements, interest, minimum payments, penalties.

The model (the methodology page states it with its sources):

- A statement is issued every month on the statement day; payment is due ``grace_days`` later.
  The first statement holds the purchases, posted ``days_since_purchase`` days before it.
- Paid in full by the due date, a statement costs no interest (the interest-free period).
- Not paid in full, interest accrues daily at ``annual_rate / day_count``:
  - ``full`` (全额计息, the default of Chinese cards): the first time, on the whole statement
    from each purchase's posting date to the due date, then on what is left until the next
    statement;
  - ``unpaid`` (some issuers, and the usual US method): only on the part left unpaid, from the
    posting date to the next statement.
  Once a balance revolves, it bears interest every day until it is repaid; interest is added to
  the balance at the next statement and bears interest after that.
- A payment goes first to fees and penalties, then to the balance.
- Paying less than the minimum brings, where the preset says so, a default penalty on the unpaid
  part of the minimum (China, a typical contract term) or a late fee (US), and never interest on
  that penalty or fee.
- US only: once a minimum payment is more than 60 days late, a penalty rate may apply to the
  balance after a 45-day notice, and ends after six consecutive on-time minimum payments.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from simulators.core import dates

MAX_MONTHS = 600  # 50 years: a balance not repaid by then is reported as never repaid


STRATEGIES = ("minimum", "fixed", "months", "none")


@dataclass(frozen=True)
class CardRules:
    """How a card charges. Rates are annual fractions; money in yuan (or dollars)."""

    annual_rate: float = 0.1825  # 0.05% a day x 365
    day_count: int = 365
    interest_method: str = "full"
    grace_days: int = 20
    min_rate: float = 0.10
    min_includes_charges: bool = False
    min_floor: float = 10.0
    default_penalty_rate: float = 0.0  # share of the unpaid part of the minimum
    default_penalty_min: float = 0.0
    default_penalty_max: Optional[float] = None
    late_fee_first: float = 0.0
    late_fee_repeat: float = 0.0  # within the next six statements after a late fee
    penalty_rate: Optional[float] = None  # US penalty APR
    penalty_after_days: int = 60
    penalty_notice_days: int = 45
    penalty_cure_payments: int = 6


@dataclass(frozen=True)
class Card:
    balance: float  # the purchases on the first statement
    statement_date: dt.date = field(default_factory=lambda: dates.today())
    days_since_purchase: int = 15
    rules: CardRules = field(default_factory=CardRules)


@dataclass(frozen=True)
class Strategy:
    """How the cardholder pays: the minimum each month, a fixed amount, whatever pays the card
    off in ``months`` months, or nothing (for ``months`` months)."""

    kind: str = "minimum"
    amount: float = 0.0
    months: int = 0


@dataclass(frozen=True, eq=False)
class CardResult:
    card: Card
    strategy: Strategy
    statement_dates: tuple
    due_dates: tuple
    statement_balance: np.ndarray  # cents, per month
    minimum: np.ndarray
    payment: np.ndarray
    interest: np.ndarray  # interest charged on the next statement for this month
    penalties: np.ndarray  # default penalties and late fees charged for this month
    balance_after: np.ndarray  # owed right after the payment
    paid_off: bool
    penalty_rate_months: int  # statements on which the penalty rate applied
    monthly_payment: Optional[int] = None  # for "months": the payment that repays in time
    warnings: tuple = ()  # of core.warnings.Warning: what the result could mislead about

    @property
    def months(self) -> int:
        return len(self.statement_dates)

    @property
    def total_interest(self) -> int:
        return int(self.interest.sum())

    @property
    def total_penalties(self) -> int:
        return int(self.penalties.sum())

    @property
    def total_paid(self) -> int:
        return int(self.payment.sum())

    @property
    def owed_at_end(self) -> int:
        return int(self.balance_after[-1]) if len(self.balance_after) else 0
