"""What a loan offer really costs: the engine (an offer turned into the cash flows it really
is, and the annual rate on the money received)."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import numpy as np

from simulators.core.fields import FieldError, ScenarioError
from simulators.core.money import round_cents, to_cents
from simulators.core.rates import NoRateError, annual_rates, periods_of_dates
from simulators.core.schedule import Loan, build_schedule
from simulators.true_cost.inputs import from_dict
from simulators.true_cost.model import CashFlows, CostInput, Offer, TrueCost


def _spread(total_cents: int, n: int) -> np.ndarray:
    """``total_cents`` in ``n`` parts that add up exactly (the later parts take the odd cents)."""
    cumulative = round_cents(total_cents * np.arange(0, n + 1) / n)
    return np.diff(cumulative).astype(np.int64)


def offer_flows(offer: Offer) -> CashFlows:
    """The payments of ``offer`` and the money actually received.

    Received = principal - upfront deduction - extras charged up front. Each instalment pays
    principal + interest + fees + extras charged monthly. See the class docstring of ``Offer``
    for how each quote is read.

    Example: 10,000 over 12 months at a monthly fee rate of 0.6%: 12 payments of 833.33 (the
    last 833.37) + 60.00 fee, 10,000 received; the fees total 720.00.
    """
    p_cents = to_cents(offer.principal)
    n = int(offer.term_months)
    q = offer.quote
    if q == "daily_rate" and offer.term_days is not None:
        due = (offer.start_date + dt.timedelta(days=int(offer.term_days)),)
        principal = np.array([p_cents], dtype=np.int64)
        interest = np.array([round_cents(p_cents * offer.rate * offer.term_days)], dtype=np.int64)
        months = 1
    else:
        if q in ("monthly_fee_rate", "total_fee_rate"):
            method, annual = "equal_principal", 0.0
        elif q == "daily_rate":
            method, annual = offer.method, offer.rate * offer.day_count
        else:
            method, annual = offer.method, offer.rate
        s = build_schedule(Loan(principal=offer.principal, annual_rate=annual, term_months=n,
                                method=method, start_date=offer.start_date))
        due, principal, interest = s.due_dates, s.principal, s.interest
        months = n if method == "bullet" else 1  # a one-payment loan pays every month's fees
    count = len(due)
    fees = np.zeros(count, dtype=np.int64)
    if q == "monthly_fee_rate":
        fees += round_cents(p_cents * offer.rate) * months
    elif q == "total_fee_rate":
        fees += _spread(round_cents(p_cents * offer.rate), count)
    fees += to_cents(offer.monthly_fee) * months
    extras = np.zeros(count, dtype=np.int64)
    upfront_extras = 0
    for e in offer.extras:
        if e.when == "upfront":
            upfront_extras += to_cents(e.amount)
        else:
            extras += to_cents(e.amount) * months
    deduction = to_cents(offer.upfront_deduction)
    cost = interest + fees + extras
    return CashFlows(
        received_cents=p_cents - deduction - upfront_extras,
        received_date=offer.start_date,
        dates=tuple(due),
        amounts=(principal + cost).astype(np.int64),
        cost=cost.astype(np.int64),
        upfront_cost_cents=deduction + upfront_extras,
        by_kind={"interest": int(interest.sum()), "fees": int(fees.sum()),
                 "deduction": deduction, "extras": int(extras.sum()) + upfront_extras},
        offer=offer,
    )


def loan_flows(loan: Loan) -> CashFlows:
    """The payments of a loan of the scenario contract (its schedule, paid on time)."""
    s = build_schedule(loan)
    cost = (s.interest + s.fee).astype(np.int64)
    return CashFlows(received_cents=s.received_cents, received_date=s.start_date,
                     dates=s.due_dates, amounts=s.payment.astype(np.int64), cost=cost,
                     upfront_cost_cents=s.upfront_fee_cents,
                     by_kind={"interest": int(s.interest.sum()), "fees": int(s.fee.sum()),
                              "deduction": s.upfront_fee_cents, "extras": 0}, loan=loan)


def _cost_to_date(flows: CashFlows, monthly: float) -> np.ndarray:
    """Cost paid by each payment date. Where the offer says which part of each payment is
    cost, that; for a bare list of payments, what is paid beyond the principal repaid, the
    principal still owed after payment k being the value then of the payments still to come
    at the rate found (so the cost comes out as interest at that rate)."""
    if flows.cost is not None:
        return flows.upfront_cost_cents + np.cumsum(flows.cost)
    whole, fraction = periods_of_dates(flows.received_date, flows.dates)
    v = (1.0 + monthly) ** (-whole) / (1.0 + fraction * monthly)
    a = flows.amounts.astype(float)
    later = np.cumsum((a * v)[::-1])[::-1] - a * v  # value at day 0 of the payments after k
    owed_after = later / v
    principal_repaid = flows.received_cents - owed_after
    return round_cents(np.cumsum(a) - principal_repaid)


def true_cost(flows: CashFlows, prefix: str = "") -> TrueCost:
    """The annual rates, total paid and total cost of ``flows``, or ScenarioError (field
    ``<prefix>payments``, code ``no_rate_<reason>``) when no rate exists."""
    try:
        found = annual_rates(float(flows.received_cents), flows.received_date, flows.dates,
                             flows.amounts.astype(float))
    except NoRateError as e:
        raise ScenarioError([FieldError(f"{prefix}payments", f"no_rate_{e.code}")]) from None
    total_paid = flows.total_paid
    total_cost = total_paid - flows.received_cents
    by_kind = dict(flows.by_kind) if flows.by_kind else {"interest": total_cost, "fees": 0,
                                                           "deduction": 0, "extras": 0}
    return TrueCost(flows=flows, rates=found, total_paid=total_paid, total_cost=total_cost,
                    cost_to_date=_cost_to_date(flows, found["monthly"]), by_kind=by_kind)


def cheapest(costs: list) -> Optional[int]:
    """Index of the offer with the lowest annual rate (nominal; ties to the lower total cost)."""
    if not costs:
        return None
    return min(range(len(costs)), key=lambda i: (round(costs[i].rates["nominal"], 12),
                                                 costs[i].total_cost))


def shows_simple_rate(flows: CashFlows) -> bool:
    """Whether a lender would show a simple annual rate for this offer: a daily-rate quote or a
    loan repaid in one payment (the way short loans are advertised)."""
    return len(flows.dates) == 1 or (flows.offer is not None and flows.offer.quote == "daily_rate")


def borrowed(flows: CashFlows) -> int:
    """The amount on the contract, in cents (what was received, for a bare list of payments)."""
    return to_cents(flows.offer.principal) if flows.offer is not None else flows.received_cents


def to_flows(ci: CostInput) -> CashFlows:
    """The cash flows of an offer, a loan, or the payments themselves."""
    if ci.form == "offer":
        return offer_flows(ci.value)
    if ci.form == "loan":
        return loan_flows(ci.value)
    return ci.value


def compute(ci: CostInput) -> TrueCost:
    """What ``ci`` really costs (errors name an offer's fields under ``offer.``)."""
    return true_cost(to_flows(ci), prefix="offer." if ci.form == "offer" else "")


def flows_from_dict(data) -> CashFlows:
    """An offer file (any of the three forms in ``model``'s docstring) as cash flows, or
    ScenarioError listing every problem."""
    return to_flows(from_dict(data))
