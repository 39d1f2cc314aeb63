"""What late payment costs: the late path against the on-time path of the same schedule.

Conventions (the book's methodology page states each with its source):

- An instalment paid ``L`` days late, with ``L`` within the grace period, costs nothing extra.
- Otherwise, from its due date until it is paid, its overdue principal accrues penalty interest
  at contract rate x (1 + markup) / day-count basis per day; where the product compounds, its
  overdue interest accrues at the same daily rate ("compound interest"). Fees are not charged
  interest. The later instalments are unchanged: the overdue principal leaves the normal balance,
  so it stops bearing the contract rate and bears the penalty rate instead.
- A late fee or default penalty per late instalment:
  ``flat + rate x overdue + daily_rate x overdue x days``, at most ``cap``.
- Acceleration: once an instalment is more than N days overdue, on day (its due date + N) the
  lender calls in the whole loan. The principal of every instalment not yet due falls due that
  day and accrues penalty interest until it is paid; the interest and fees of the months not yet
  begun are no longer owed, and the running month's are owed pro rata to that day. The model
  assumes the borrower pays what was called in when they catch up (the latest payment date of
  the instalments overdue that day).
- A total annual cost cap is measured on the principal actually in the borrower's hands each
  day (scaled by the share of the principal actually received), over a 365-day year; costs
  above it are reported, never dropped.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from simulators.core.fields import FieldError, ScenarioError
from simulators.core.money import round_cents, to_cents
from simulators.core.rates import NoRateError, annual_rates
from simulators.core.schedule import build_schedule
from simulators.late_payment.model import (
    COST_KINDS,
    LateInstalment,
    PathTotals,
    Result,
    Scenario,
    StopPaying,
)


def payment_days(due_day: np.ndarray, late: tuple) -> np.ndarray:
    """The day each instalment is paid, given the reader's late payments (before acceleration)."""
    paid = due_day.copy()
    for entry in late:
        if isinstance(entry, LateInstalment):
            j = entry.instalment - 1
            paid[j] = max(paid[j], due_day[j] + entry.days_late)
        elif isinstance(entry, StopPaying):
            k = entry.stop_from - 1
            catch_up = due_day[k] + entry.days
            window = (np.arange(len(due_day)) >= k) & (due_day < catch_up)
            paid[window] = np.maximum(paid[window], catch_up)
    return paid


def _late_fees(overdue, days_late, charged, rules) -> np.ndarray:
    fee = (
        to_cents(rules.late_fee_flat)
        + overdue * float(rules.late_fee_rate)
        + overdue * float(rules.late_fee_daily_rate) * days_late
    )
    if rules.late_fee_cap is not None:
        fee = np.minimum(fee, to_cents(rules.late_fee_cap))
    return np.where(charged, round_cents(fee), 0).astype(np.int64)


def _cap(rules, schedule, paid_day, total_cost):
    """The most a court is expected to support under the annual cost cap, and what is above it."""
    if rules.annual_cost_cap is None:
        return None, 0
    share_received = schedule.received_cents / schedule.principal_cents
    principal_days = float(np.dot(schedule.principal, paid_day)) * share_received
    allowed = round_cents(float(rules.annual_cost_cap) * principal_days / 365.0)
    return allowed, max(0, int(total_cost) - allowed)


def _apr(schedule) -> dict:
    """The annual rates of the on-time schedule against the money received, by the one rate
    solver of ``rates`` (whole months from the start date to each due date)."""
    try:
        return annual_rates(schedule.received_cents, schedule.start_date, schedule.due_dates,
                            schedule.payment.astype(float), simple=False)
    except NoRateError:
        return {"monthly": None, "nominal": None, "effective": None, "simple": None}


def simulate(scenario: Scenario) -> Result:
    """Compute the on-time and late paths of ``scenario`` and the extra cost of paying late.

    A stop with no end (``StopPaying(k, None)``, "never catch up") has no cost to add up: it is
    reported as a ScenarioError on that entry, in the reader's language."""
    never = [FieldError(f"late[{i}].days", "never_not_costed")
             for i, e in enumerate(scenario.late, start=1)
             if isinstance(e, StopPaying) and e.days is None]
    if never:
        raise ScenarioError(never)
    loan, rules = scenario.loan, scenario.rules
    s = build_schedule(loan)
    n = len(s)
    due = s.due_day
    paid = payment_days(due, scenario.late)
    daily_penalty = float(loan.annual_rate) * (1.0 + float(rules.penalty_markup)) / rules.day_count

    interest_owed = s.interest.copy()
    fee_owed = s.fee.copy()
    accelerated = None
    acc_interest = 0
    running_interest_charge = 0
    days_late = paid - due
    if rules.acceleration_after_days is not None:
        limit = int(rules.acceleration_after_days)
        trigger = days_late > limit
        if trigger.any():
            day = int((due[trigger] + limit).min())
            called_in = due > day
            overdue_then = (due <= day) & (paid > day)
            if called_in.any():
                catch_up = int(paid[overdue_then].max())
                j0 = int(np.flatnonzero(called_in)[0])
                period_start = int(due[j0 - 1]) if j0 > 0 else 0
                share = (day - period_start) / (int(due[j0]) - period_start)
                running_interest = round_cents(s.interest[j0] * share)
                running_fee = round_cents(s.fee[j0] * share)
                interest_owed[called_in] = 0
                fee_owed[called_in] = 0
                interest_owed[j0], fee_owed[j0] = running_interest, running_fee
                principal_called = int(s.principal[called_in].sum())
                paid[called_in] = catch_up
                acc_interest = round_cents(principal_called * daily_penalty * (catch_up - day))
                if rules.compound_overdue_interest:
                    running_interest_charge = round_cents(
                        running_interest * daily_penalty * (catch_up - day)
                    )
                accelerated = {
                    "day": day,
                    "trigger": int(np.flatnonzero(trigger & (due + limit == day))[0]) + 1,
                    "principal": principal_called,
                    "paid_day": catch_up,
                    "first_called_in": j0 + 1,
                }
            days_late = np.where(called_in, 0, days_late)

    charged = days_late > int(rules.grace_days)
    penalty = np.where(charged, round_cents(s.principal * daily_penalty * days_late), 0)
    compound = np.zeros(n, dtype=np.int64)
    if rules.compound_overdue_interest:
        compound = np.where(charged, round_cents(interest_owed * daily_penalty * days_late), 0)
    overdue_amount = s.principal + interest_owed + fee_owed
    fees = _late_fees(overdue_amount, days_late, charged, rules)

    extra_by_kind = {
        "penalty_interest": int(penalty.sum()),
        "compound_interest": int(compound.sum()) + running_interest_charge,
        "late_fees": int(fees.sum()),
        "acceleration_interest": int(acc_interest),
    }
    assert tuple(extra_by_kind) == COST_KINDS
    extra = sum(extra_by_kind.values())
    interest_not_charged = int((s.interest - interest_owed).sum() + (s.fee - fee_owed).sum())

    received = s.received_cents
    on_time_paid = int(s.payment.sum())
    late_paid = on_time_paid + extra - interest_not_charged
    on_cost, late_cost = on_time_paid - received, late_paid - received
    on_allowed, on_above = _cap(rules, s, due, on_cost)
    late_allowed, late_above = _cap(rules, s, paid, late_cost)
    on_time = PathTotals(
        total_paid=on_time_paid,
        total_interest=int(s.interest.sum()),
        total_fees=int(s.fee.sum()) + s.upfront_fee_cents,
        total_cost=on_cost,
        cap_allowed_cost=on_allowed,
        above_cap=on_above,
    )
    late = PathTotals(
        total_paid=late_paid,
        total_interest=int(interest_owed.sum()) + extra_by_kind["penalty_interest"]
        + extra_by_kind["compound_interest"] + extra_by_kind["acceleration_interest"],
        total_fees=int(fee_owed.sum()) + s.upfront_fee_cents + extra_by_kind["late_fees"],
        total_cost=late_cost,
        cap_allowed_cost=late_allowed,
        above_cap=late_above,
    )

    if accelerated is not None:
        accelerated["date"] = _date(s, accelerated["day"])
        accelerated["paid_date"] = _date(s, accelerated["paid_day"])
        accelerated["interest"] = int(acc_interest)

    return Result(
        scenario=scenario,
        schedule=s,
        on_time=on_time,
        late=late,
        extra_by_kind=extra_by_kind,
        interest_not_charged=interest_not_charged,
        paid_day=paid,
        days_late=days_late,
        charges={"penalty_interest": penalty, "compound_interest": compound, "late_fees": fees},
        accelerated=accelerated,
        apr_on_time=_apr(s),
        due_at_once=_due_at_once(s, paid, interest_owed, fee_owed, penalty + compound + fees,
                                 accelerated, acc_interest + running_interest_charge),
        timeline_inputs={"interest_owed": interest_owed, "fee_owed": fee_owed,
                         "acc_interest": acc_interest, "running_charge": running_interest_charge},
    )


def _date(schedule, day: int):
    return schedule.start_date + dt.timedelta(days=int(day))


#: The name every simulator's engine shares (see ``simulators.registry``).
compute = simulate


def _due_at_once(s, paid, interest_owed, fee_owed, charges, accelerated, acc_charges) -> tuple:
    """The days of the late path on which more than one instalment must be paid, with all that
    is paid that day: each instalment's principal, the interest and fees still charged on it,
    its late charges, and on the day a called-in loan is paid, the interest charged on it.
    Largest first. What is paid on all days adds up to the late path's total paid."""
    owed = s.principal + interest_owed + fee_owed + charges
    out = []
    for day in np.unique(paid):
        on_day = np.flatnonzero(paid == day)
        called_in = accelerated is not None and int(day) == accelerated["paid_day"]
        if len(on_day) < 2 and not called_in:
            continue
        amount = int(owed[on_day].sum()) + (int(acc_charges) if called_in else 0)
        out.append({"day": int(day), "date": _date(s, int(day)), "amount": amount,
                    "instalments": tuple(int(j) + 1 for j in on_day)})
    return tuple(sorted(out, key=lambda x: (-x["amount"], x["day"])))
