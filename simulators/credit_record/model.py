"""How late payment shows up in a credit record, and for how long.

From a ``Scenario`` (the same file as the late-payment simulator) and a jurisdiction's reporting
rules (``presets/credit/<id>.json``), this gives the month-by-month repayment status as a credit
report shows it, and for each episode of late payment the day it ends and the day its record
stops being shown.

Conventions (the methodology page states each with its source and status):

- **Statements.** One status per month, taken on each monthly due date of the loan
  (``schedule.add_months(start, k)``, k = 1, 2, ...), by the end of that day. After the last due
  date, statements go on monthly on the same day of the month while anything is unpaid.
- **Unpaid.** An instalment is unpaid at a statement if it was due on or before that day and
  paid after it. A payment made within the product's grace period counts as on time.
- **Status.** The status counts the due dates that the *oldest* unpaid instalment has missed by
  the statement, its own included: 1 the month it is missed, 2 a month later, and so on
  (monthly due dates make that about 1-30, 31-60, ... days overdue). A jurisdiction turns the
  count into its code: China ``1``-``7`` from the first missed due date; the United States
  ``30``-``180`` from the second (a payment is reported once 30 days past due); the United
  Kingdom ``1``-``6`` months in arrears. The month the last amount is paid shows the settled
  code (China ``C``) if nothing is overdue then.
- **Episode.** A stretch of days on which at least one instalment is overdue (from the day
  after its due date until the day it is paid). It becomes a negative record only if a
  statement inside it shows a late code.
- **How long it is shown.** China: until 5 years after the day the episode ends (the overdue
  debt is paid), then deleted; while it is unpaid, it stays. United States: 7 years from the
  start of the delinquency; if it reaches 180 days and the account is charged off or passed to
  collection, 7 years from 180 days after the start. United Kingdom: 6 years from the day the
  episode ends; once a default is registered, 6 years from the default date, paid or not.

Example: a 12-month loan from 15 Jan 2026 whose instalment 3 (due 15 Apr 2026) is paid 45 days
late, on 30 May 2026. In China, April shows ``1``, May ``2`` (still unpaid on 15 May), June
``N``; the record ends on 30 May 2026 and stops being shown on 30 May 2031.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

import numpy as np

from simulators.late_payment.model import Scenario

#: How far the grid and the lender's view look ahead when a debt is never repaid (the second
#: generation report shows 60 months of history: digest §5.7, unverified).
GRID_MONTHS = 60


#: A day number that no payment reaches: "never paid".
NEVER = np.iinfo(np.int64).max // 4


@dataclass(frozen=True)
class CreditRules:
    """One jurisdiction's reporting rules, each with the key of its source (see the preset
    files). ``late_codes[i]`` is the code shown when the oldest unpaid instalment has missed
    ``first_reported_missed + i`` due dates (the last code also for more)."""

    id: str
    name: dict
    summary: dict
    current_code: str
    settled_code: Optional[str]
    no_payment_due_code: str
    late_codes: tuple
    first_reported_missed: int
    default_code: Optional[str]
    default_after_missed: Optional[int]
    retention_years: int
    retention_from: str  # "end" (episode ends) or "start" (delinquency begins)
    default_retention_years: Optional[int]
    default_retention_from: Optional[str]  # "default" or "start_plus_180"
    grid_months: int
    sources: dict  # rule name -> {"source", "typical", "also", "note"}


@dataclass(frozen=True)
class MonthStatus:
    """The status shown for one month: ``code`` on the statement ``date``; ``missed`` due dates
    missed by the oldest unpaid instalment (``oldest``, 1-based; 0 and None when up to date);
    ``days_overdue`` its days past due at the statement."""

    date: dt.date
    code: str
    missed: int
    days_overdue: int
    oldest: Optional[int]
    kind: str  # "current", "late", "default", "settled", "no_payment_due"

    @property
    def month(self) -> str:
        return f"{self.date.year:04d}-{self.date.month:02d}"


@dataclass(frozen=True)
class NegativeRecord:
    """One episode of late payment as the report keeps it. ``overdue_end`` and
    ``visible_until`` are None while the debt is never repaid."""

    overdue_start: dt.date
    overdue_end: Optional[dt.date]
    first_shown: dt.date  # the day after the first statement that shows it (taken by its end)
    worst_code: str
    late_months: int  # statements inside it that show a late or default code
    default_on: Optional[dt.date]
    visible_until: Optional[dt.date]
    retention_rule: str  # "end", "start", "start_plus_180", "default", "unpaid"

    def shown_on(self, day: dt.date) -> bool:
        """Whether a lender checking the report on ``day`` sees this record."""
        if day < self.first_shown:
            return False
        return self.visible_until is None or day < self.visible_until


@dataclass(frozen=True, eq=False)
class CreditRecord:
    scenario: Scenario
    rules: CreditRules
    months: tuple  # of MonthStatus
    negative_records: tuple  # of NegativeRecord
    settled_on: Optional[dt.date]
    called_in_on: Optional[dt.date]
    never_repaid: bool
    as_of: dt.date  # the last statement computed when the debt is never repaid

    @property
    def codes(self) -> list:
        return [m.code for m in self.months]


@dataclass(frozen=True)
class CreditInput:
    """What the credit-record simulator is asked: a late-payment scenario, the jurisdiction
    whose reporting rules apply, and how far to follow a debt that is never repaid."""

    scenario: Scenario
    jurisdiction: str = "cn"
    as_of: Optional[dt.date] = None
