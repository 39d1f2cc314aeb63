"""Can I afford a plan? Staying overdue against a negotiated instalment plan against a new loan.

- Staying overdue: nothing is paid on the card; each month brings interest (which then bears
  interest) and the card's penalty on the unpaid minimum, and the debt stays overdue.
- A negotiated instalment plan (个性化分期还款): the card debt is repaid in equal monthly
  instalments over at most 60 months. The bank may agree, it does not have to; whether interest
  and fees are charged during the plan is one of the terms agreed (CBRC Order 2011 No. 2,
  Art. 70).
- A consolidation loan: a new loan at a rate the reader enters repays the card at once and is
  itself repaid in equal instalments; a fee charged on it is counted as a cost.

Each option reports its monthly payment, months, total paid and total cost (paid minus the debt
today), computed with the same schedule engine as every other loan in the book.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from simulators.card import Card, Strategy, simulate_card
from simulators.model import Loan
from simulators.money import to_cents
from simulators.schedule import build_schedule

MAX_PLAN_MONTHS = 60  # Art. 70: a personalised instalment agreement lasts at most 5 years


@dataclass(frozen=True)
class Option:
    kind: str  # "stay_overdue", "plan" or "loan"
    months: int
    first_payment: int  # cents
    total_paid: int
    total_cost: int  # total paid (or owed, when overdue) minus the debt today
    owed_at_end: int  # still owed after ``months`` (only staying overdue leaves a debt)


def stay_overdue(card: Card, months: int) -> Option:
    r = simulate_card(card, Strategy("none", months=months))
    debt = to_cents(card.balance)
    return Option("stay_overdue", months, 0, 0, r.owed_at_end - debt, r.owed_at_end)


def _repaid_as_loan(kind, debt_yuan, start, annual_rate, months, monthly_fee_rate=0.0,
                    upfront_fee=0.0) -> Option:
    loan = Loan(principal=debt_yuan, annual_rate=annual_rate, term_months=months,
                method="equal_instalment", start_date=start, monthly_fee_rate=monthly_fee_rate)
    s = build_schedule(loan)
    fee = to_cents(upfront_fee)
    paid = int(s.payment.sum()) + fee
    return Option(kind, months, int(s.payment[0]), paid, paid - to_cents(debt_yuan), 0)


def negotiated_plan(card: Card, months: int, annual_rate: float = 0.0,
                    monthly_fee_rate: float = 0.0) -> Option:
    """The card debt in ``months`` equal instalments (at most 60), with or without interest."""
    if not 1 <= months <= MAX_PLAN_MONTHS:
        raise ValueError(f"a plan lasts 1 to {MAX_PLAN_MONTHS} months")
    return _repaid_as_loan("plan", card.balance, card.statement_date, annual_rate, months,
                           monthly_fee_rate)


def consolidation_loan(card: Card, annual_rate: float, months: int,
                       upfront_fee: float = 0.0) -> Option:
    return _repaid_as_loan("loan", card.balance, card.statement_date, annual_rate, months,
                           upfront_fee=upfront_fee)


def compare(card: Card, months: int, plan_rate: float = 0.0, plan_fee_rate: float = 0.0,
            loan_rate: Optional[float] = None, loan_months: Optional[int] = None,
            loan_fee: float = 0.0) -> list:
    """The options side by side, over the same number of months where it applies."""
    options = [stay_overdue(card, months), negotiated_plan(card, months, plan_rate, plan_fee_rate)]
    if loan_rate is not None:
        options.append(consolidation_loan(card, loan_rate, loan_months or months, loan_fee))
    return options


# --------------------------------------------------------------------------- the credit record
#
# What each option shows in a Chinese personal credit report, month by month. The codes are the
# Credit Reference Center's (digest §5.6, source key ``crc-repayment-codes``, UNVERIFIED: read
# in consistent secondary sources): N on time, 1-7 for how far behind, C settled. For a credit
# card the number is reported to count the minimum payments missed in a row (UNVERIFIED), so the
# model shows k for the k-th missed minimum, 7 from the seventh on. Negative information is kept
# for 5 years from the day the late payment ends (Credit Reporting Regulation 2013, Art. 16,
# key ``credit-reporting-regulation-2013``). How a bank reports a negotiated plan is its
# practice: the model assumes that a plan that is kept is reported as on time, and that the
# overdue ends on the day the plan (or the new loan) starts.

RETENTION_YEARS = 5
LATE_CODES = ("1", "2", "3", "4", "5", "6", "7")


@dataclass(frozen=True)
class CreditView:
    """``before``: the codes of the months already missed (oldest first); ``codes``: the codes
    from the first month of the option on; ``overdue_ends`` the day the overdue ends (None while
    it goes on, or when nothing was missed); ``visible_until`` the day the late months stop
    being shown (None: shown as long as the debt is unpaid, then 5 more years)."""

    before: tuple
    codes: tuple
    overdue_ends: Optional[dt.date]
    visible_until: Optional[dt.date]
    still_overdue: bool

    @property
    def worst(self) -> Optional[str]:
        late = [c for c in self.before + self.codes if c in LATE_CODES]
        return max(late, key=int) if late else None


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def late_code(missed: int) -> str:
    """The code for ``missed`` minimum payments missed in a row (1 to 7, 7 for more)."""
    return LATE_CODES[min(missed, len(LATE_CODES)) - 1]


def credit_view(option: Option, missed_before: int, start: dt.date) -> CreditView:
    """What the report shows for ``option``, after ``missed_before`` minimum payments were
    already missed, from ``start`` (the day the option begins) on."""
    before = tuple(late_code(i) for i in range(1, missed_before + 1))
    if option.kind == "stay_overdue":
        codes = tuple(late_code(missed_before + j) for j in range(1, option.months + 1))
        return CreditView(before, codes, None, None, True)
    codes = ("N",) * (option.months - 1) + ("C",)
    ends = start if missed_before else None
    return CreditView(before, codes, ends, _add_years(start, RETENTION_YEARS) if ends else None,
                      False)
