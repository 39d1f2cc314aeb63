"""Paying off a credit card: the engine (month by month, for each way of paying)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Optional

import numpy as np

from simulators.core import presets
from simulators.core.dates import add_months
from simulators.core.money import round_half_up, to_cents
from simulators.core.rates import annual_rates
from simulators.core.warnings import Warning
from simulators.minimum_payment.inputs import CardInput
from simulators.minimum_payment.model import MAX_MONTHS, Card, CardResult, Strategy


def _clamp_penalty(amount, rules) -> int:
    value = max(amount, to_cents(rules.default_penalty_min))
    if rules.default_penalty_max is not None:
        value = min(value, to_cents(rules.default_penalty_max))
    return round_half_up(value)


def simulate_card(card: Card, strategy: Strategy, max_months: int = MAX_MONTHS) -> CardResult:
    """Month by month until the card is repaid (or ``max_months``, or the months of ``none``)."""
    rules = card.rules
    daily = rules.annual_rate / rules.day_count
    penalty_daily = None if rules.penalty_rate is None else rules.penalty_rate / rules.day_count
    if strategy.kind == "months":
        fixed = payment_to_repay_in(card, strategy.months)
        result = simulate_card(card, Strategy("fixed", amount=fixed / 100), max_months)
        return replace(result, strategy=strategy, monthly_payment=fixed)
    limit = strategy.months if strategy.kind == "none" else max_months

    balance = to_cents(card.balance)  # bears interest
    charges = 0  # fees and penalties: bear no interest
    new_charges = 0  # charged on the current statement (for a minimum that includes them)
    revolving = False
    cycles_since_fee = None
    late_since: Optional[dt.date] = None  # due date of the oldest minimum not paid
    penalty_from: Optional[dt.date] = None
    penalty_active = False
    on_time_streak = 0
    rows = []
    penalty_months = 0
    paid_off = False
    statement = card.statement_date
    for k in range(limit):
        due = statement + dt.timedelta(days=rules.grace_days)
        next_statement = add_months(card.statement_date, k + 1)
        owed = balance + charges
        base = owed - new_charges if rules.min_includes_charges else owed
        minimum = min(owed, max(to_cents(rules.min_floor),
                                round_half_up(base * rules.min_rate)
                                + (new_charges if rules.min_includes_charges else 0)))
        rate = penalty_daily if penalty_active else daily
        penalty_months += penalty_active
        # Paying everything on the due date also pays the interest accrued since the statement.
        accrued = round_half_up(balance * rate * (due - statement).days) if revolving else 0
        payoff = owed + accrued
        if strategy.kind == "minimum":
            pay = minimum
        elif strategy.kind == "fixed":
            pay = to_cents(strategy.amount)
        else:
            pay = 0
        if pay >= payoff:
            rows.append((statement, due, owed, minimum, payoff, accrued, 0, 0))
            paid_off = True
            break
        to_charges = min(pay, charges)
        charges -= to_charges
        before = balance
        balance -= pay - to_charges
        days_to_due = (due - statement).days
        days_after = (next_statement - due).days
        if not revolving:
            posted = card.days_since_purchase
            if rules.interest_method == "full":
                interest = before * rate * (posted + days_to_due) + balance * rate * days_after
            else:
                interest = balance * rate * (posted + days_to_due + days_after)
            revolving = True
        else:
            interest = before * rate * days_to_due + balance * rate * days_after
        interest = round_half_up(interest)

        penalty = 0
        if pay < minimum:
            late_since = late_since or due
            on_time_streak = 0
            unpaid_minimum = minimum - pay
            if rules.default_penalty_rate:
                penalty += _clamp_penalty(unpaid_minimum * rules.default_penalty_rate, rules)
            if rules.late_fee_first:
                repeat = cycles_since_fee is not None and cycles_since_fee < 6
                fee = to_cents(rules.late_fee_repeat if repeat else rules.late_fee_first)
                penalty += min(fee, minimum)  # a late fee may not exceed the payment that was late
                cycles_since_fee = 0
        else:
            late_since = None
            on_time_streak += 1
        if cycles_since_fee is not None and pay >= minimum:
            cycles_since_fee += 1
        if penalty_daily is not None:
            if (not penalty_active and penalty_from is None and late_since is not None
                    and (next_statement - late_since).days > rules.penalty_after_days):
                penalty_from = next_statement + dt.timedelta(days=rules.penalty_notice_days)
            if penalty_from is not None and not penalty_active and next_statement >= penalty_from:
                penalty_active = True
            if penalty_active and on_time_streak >= rules.penalty_cure_payments:
                penalty_active, penalty_from = False, None
        rows.append((statement, due, owed, minimum, pay, interest, penalty, 0))
        balance += interest
        charges += penalty
        new_charges = interest + penalty
        rows[-1] = rows[-1][:7] + (balance + charges,)
        statement = next_statement

    arr = np.array([r[2:] for r in rows], dtype=np.int64).reshape(-1, 6)
    return CardResult(
        card=card, strategy=strategy,
        statement_dates=tuple(r[0] for r in rows), due_dates=tuple(r[1] for r in rows),
        statement_balance=arr[:, 0], minimum=arr[:, 1], payment=arr[:, 2], interest=arr[:, 3],
        penalties=arr[:, 4], balance_after=arr[:, 5], paid_off=paid_off,
        penalty_rate_months=penalty_months,
    )


def payment_to_repay_in(card: Card, months: int) -> int:
    """The smallest whole-cent monthly payment that repays the card in at most ``months``
    statements, found by bisection over the simulation itself (so every rule is honoured)."""
    lo, hi = 0, to_cents(card.balance) * 2 + 100
    while lo < hi:
        mid = (lo + hi) // 2
        r = simulate_card(card, Strategy("fixed", amount=mid / 100), max_months=months)
        if r.paid_off:
            hi = mid
        else:
            lo = mid + 1
    return lo


#: The yearly cost above which a card's result warns: the 24% line that courts are reported to
#: use for licensed lenders (``presets/offers/reference_lines.json``, ``court_24``).
CAP_LINE = "court_24"


def cap_rate() -> float:
    return next(line["rate"] for line in presets.document("offers", "reference_lines")["lines"]
                if line["id"] == CAP_LINE)


def yearly_cost(r: CardResult) -> float:
    """The effective annual rate of what the card costs: the balance of the first statement
    against every payment, and what is still owed at the end as if paid then."""
    dates, amounts = list(r.due_dates), [int(x) for x in r.payment]
    if not r.paid_off and r.owed_at_end > 0:
        dates.append(add_months(r.card.statement_date, r.months))
        amounts.append(int(r.owed_at_end))
    if not dates or sum(amounts) <= int(r.statement_balance[0]):
        return 0.0
    return annual_rates(int(r.statement_balance[0]), r.card.statement_date, dates, amounts,
                        simple=False)["effective"]


def warnings_of(r: CardResult) -> tuple:
    """What a way of paying could mislead about: a month paid below the minimum (which brings a
    default penalty and a late mark), a yearly cost above the 24% line."""
    out = []
    if r.strategy.kind in ("fixed", "months"):
        below = np.flatnonzero(r.payment < r.minimum)
        if len(below):
            k = int(below[0])
            out.append(Warning("below_minimum", (("month", k + 1), ("payment_cents", int(r.payment[k])),
                                                 ("minimum_cents", int(r.minimum[k])))))
    rate = yearly_cost(r)
    if rate > cap_rate():
        out.append(Warning("above_cap", (("rate", rate),)))
    return tuple(out)


def simulate_all(ci: CardInput) -> list:
    """One result per way of paying, each with its warnings."""
    results = [simulate_card(ci.card, s) for s in ci.pay]
    return [replace(r, warnings=warnings_of(r)) for r in results]


def first_payment(r) -> int:
    return int(r.payment[0]) if len(r.payment) else 0


#: The name every simulator's engine shares (see ``simulators.registry``): one result per way
#: of paying.
compute = simulate_all
