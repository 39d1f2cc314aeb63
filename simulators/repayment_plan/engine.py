"""Staying overdue, an instalment plan or a new loan: the engine."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Optional

from simulators.core.dates import add_years
from simulators.core.money import to_cents
from simulators.core.schedule import Loan, build_schedule
from simulators.core.warnings import Warning
from simulators.credit_record.inputs import jurisdictions
from simulators.minimum_payment.engine import cap_rate, simulate_card
from simulators.minimum_payment.model import Card, Strategy
from simulators.minimum_payment.model import Strategy as _Strategy
from simulators.repayment_plan.inputs import PlanInput
from simulators.repayment_plan.model import (
    MAX_PLAN_MONTHS,
    CreditView,
    Option,
)


def stay_overdue(card: Card, months: int) -> Option:
    """Paying nothing for ``months``: what is owed at the end, with a warning when the debt
    grows faster than the 24% line a year."""
    r = simulate_card(card, Strategy("none", months=months))
    debt = to_cents(card.balance)
    growth = (r.owed_at_end / debt) ** (12 / months) - 1 if debt and months else 0.0
    warns = (Warning("above_cap", (("rate", growth),)),) if growth > cap_rate() else ()
    return Option("stay_overdue", months, 0, 0, r.owed_at_end - debt, r.owed_at_end, warns)


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
    option = _repaid_as_loan("plan", card.balance, card.statement_date, annual_rate, months,
                             monthly_fee_rate)
    if annual_rate == 0 and monthly_fee_rate == 0:
        option = replace(option, warnings=(Warning("assumed_no_interest"),))
    return option


def consolidation_loan(card: Card, annual_rate: float, months: int,
                       upfront_fee: float = 0.0) -> Option:
    """A new loan that repays the card, always with its caution: someone already behind is
    rarely offered the rate typed, and a second loan not repaid is a second debt."""
    option = _repaid_as_loan("loan", card.balance, card.statement_date, annual_rate, months,
                             upfront_fee=upfront_fee)
    return replace(option, warnings=(Warning("new_loan"),))


def compare(card: Card, months: int, plan_rate: float = 0.0, plan_fee_rate: float = 0.0,
            loan_rate: Optional[float] = None, loan_months: Optional[int] = None,
            loan_fee: float = 0.0) -> list:
    """The options side by side, over the same number of months where it applies."""
    options = [stay_overdue(card, months), negotiated_plan(card, months, plan_rate, plan_fee_rate)]
    if loan_rate is not None:
        options.append(consolidation_loan(card, loan_rate, loan_months or months, loan_fee))
    return options


def _rules():
    """The Chinese credit report's rules (``presets/credit/cn.json``, with their sources): a
    card's repayment plan is a matter of the PBOC report."""
    return jurisdictions()["cn"]


def late_code(missed: int) -> str:
    """The code for ``missed`` minimum payments missed in a row (1 to 7, 7 for more)."""
    codes = _rules().late_codes
    return codes[min(missed, len(codes)) - 1]


def credit_view(option: Option, missed_before: int, start: dt.date) -> CreditView:
    """What the report shows for ``option``, after ``missed_before`` minimum payments were
    already missed, from ``start`` (the day the option begins) on."""
    rules = _rules()
    before = tuple(late_code(i) for i in range(1, missed_before + 1))
    if option.kind == "stay_overdue":
        codes = tuple(late_code(missed_before + j) for j in range(1, option.months + 1))
        return CreditView(before, codes, None, None, True, rules.late_codes)
    codes = (rules.current_code,) * (option.months - 1) + (rules.settled_code,)
    ends = start if missed_before else None
    until = add_years(start, rules.retention_years) if ends else None
    return CreditView(before, codes, ends, until, False, rules.late_codes)


def plan_options(pi: PlanInput) -> list:
    return compare(pi.card, pi.months, pi.plan_rate, pi.plan_fee_rate, pi.loan_rate,
                   pi.loan_months, pi.loan_fee)


def owed_paths(pi: PlanInput) -> list:
    """For each option of ``plan_options(pi)``: what is still owed after each month, in cents
    (month 0: the debt today). Staying overdue follows the card; a plan or a loan its schedule
    (principal still to repay)."""

    debt = round(pi.card.balance * 100)
    stay = simulate_card(pi.card, _Strategy("none", months=pi.months))
    paths = [[debt] + [int(v) for v in stay.balance_after]]

    def repaid(rate, months, fee_rate=0.0):
        s = build_schedule(Loan(principal=pi.card.balance, annual_rate=rate, term_months=months,
                                method="equal_instalment", start_date=pi.card.statement_date,
                                monthly_fee_rate=fee_rate))
        left = debt - s.principal.cumsum()
        return [debt] + [int(v) for v in left]

    paths.append(repaid(pi.plan_rate, pi.months, pi.plan_fee_rate))
    if pi.loan_rate is not None:
        paths.append(repaid(pi.loan_rate, pi.loan_months))
    return paths


#: The name every simulator's engine shares (see ``simulators.registry``): one option each for
#: staying overdue, the instalment plan and, if asked, a new loan.
compute = plan_options
