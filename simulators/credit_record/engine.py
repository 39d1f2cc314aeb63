"""How late payment shows up in a credit record: the engine (statuses month by month, episodes,
how long each stays shown, what a lender sees on a day). The conventions are in ``model``."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import numpy as np

from simulators.core.dates import add_months, add_years
from simulators.core.schedule import build_schedule
from simulators.credit_record.inputs import from_dict, jurisdictions
from simulators.credit_record.model import (
    GRID_MONTHS,
    NEVER,
    CreditInput,
    CreditRecord,
    CreditRules,
    MonthStatus,
    NegativeRecord,
)
from simulators.late_payment.engine import payment_days as late_payment_days
from simulators.late_payment.engine import simulate
from simulators.late_payment.model import Result, Scenario, StopPaying


def payment_days(scenario: Scenario, schedule, result: Optional[Result] = None):
    """The day each instalment is paid (days from the start; ``NEVER`` if never), the day the
    loan was called in (or None), and whether anything is never repaid.

    With a ``Result`` of the late-payment engine its paid days are used (they include the
    catch-up of a loan called in). A stop with ``days`` None ("never catch up") leaves every
    instalment from ``stop_from`` unpaid; where the product calls the loan in, it is called in
    the day the first of them is ``acceleration_after_days`` overdue.
    """
    due = schedule.due_day
    if result is not None:
        called = result.accelerated["day"] if result.accelerated else None
        return result.paid_day.astype(np.int64).copy(), called, False

    finite = tuple(e for e in scenario.late
                   if not (isinstance(e, StopPaying) and e.days is None))
    paid = late_payment_days(due, finite).astype(np.int64)
    never_from = [e.stop_from for e in scenario.late
                  if isinstance(e, StopPaying) and e.days is None]
    called = None
    if never_from:
        k = min(never_from) - 1
        paid[k:] = NEVER
        limit = scenario.rules.acceleration_after_days
        if limit is not None:
            called = int(due[k] + int(limit))
    return paid, called, bool(never_from)


def credit_record(source, jurisdiction: str = "cn", as_of: Optional[dt.date] = None) -> CreditRecord:
    """The credit record of a ``Scenario`` (or of the late-payment engine's ``Result``) under
    ``jurisdiction``'s rules (``"cn"``, ``"us"``, ``"uk"``).

    ``as_of``: the last day followed when a debt is never repaid (default: 60 statements from
    the first due date, or 12 after the last, whichever is later).
    """
    result = source if isinstance(source, Result) else None
    scenario = result.scenario if result is not None else source
    if result is None and not any(isinstance(e, StopPaying) and e.days is None
                                  for e in scenario.late):
        # The late-payment engine knows when the loan is called in and paid off.
        result = simulate(scenario)
    rules = jurisdictions()[jurisdiction]
    schedule = result.schedule if result is not None else build_schedule(scenario.loan)
    start = scenario.loan.start_date
    due = schedule.due_day.astype(np.int64)
    paid, called_day, never = payment_days(scenario, schedule, result)
    grace = int(scenario.rules.grace_days)
    # Within the grace period a payment counts as on time (the product waives the charges;
    # the model assumes the lender does not report it either).
    # An instalment called in early and paid before its own due date counts as paid that day.
    effective = np.where((paid != NEVER) & (paid - due <= grace), np.minimum(paid, due), paid)

    def day_of(d: dt.date) -> int:
        return (d - start).days

    def date_of(n: int) -> dt.date:
        return start + dt.timedelta(days=int(n))

    last_paid = None if never else int(effective.max())
    if as_of is None:
        horizon = add_months(start, max(GRID_MONTHS, int(scenario.loan.term_months) + 12))
    else:
        horizon = as_of
    horizon_day = day_of(horizon)

    statements = []
    k = 1
    while True:
        d = day_of(add_months(start, k))
        statements.append(d)
        if never:
            if d >= horizon_day or k > 5000:
                break
        elif d >= last_paid or k > 5000:
            break
        k += 1
    statements = np.array(statements, dtype=np.int64)
    # Index of the statement on each due date (due dates are statement dates: same add_months).
    due_index = np.searchsorted(statements, due)

    months = []
    for i, s in enumerate(statements):
        unpaid = (due <= s) & (effective > s)
        if not never and s >= last_paid and not unpaid.any():
            code = rules.settled_code or rules.current_code
            months.append(MonthStatus(date_of(s), code, 0, 0, None, "settled"))
            continue
        if not unpaid.any():
            due_now = bool(((due > (statements[i - 1] if i else -1)) & (due <= s)).any())
            called_now = called_day is not None and called_day <= s
            if due_now or called_now:
                months.append(MonthStatus(date_of(s), rules.current_code, 0, 0, None, "current"))
            else:
                months.append(MonthStatus(date_of(s), rules.no_payment_due_code, 0, 0, None,
                                          "no_payment_due"))
            continue
        oldest = int(np.flatnonzero(unpaid)[0])
        missed = i - int(due_index[oldest]) + 1
        days_overdue = int(s - due[oldest])
        code, kind = _code(rules, missed)
        months.append(MonthStatus(date_of(s), code, missed, days_overdue, oldest + 1, kind))

    records = _episodes(rules, due, effective, statements, months, never, date_of, called_day)
    return CreditRecord(
        scenario=scenario, rules=rules, months=tuple(months), negative_records=tuple(records),
        settled_on=None if never else date_of(last_paid),
        called_in_on=None if called_day is None else date_of(called_day),
        never_repaid=never, as_of=date_of(statements[-1]),
    )


def _code(rules: CreditRules, missed: int):
    if rules.default_after_missed is not None and missed >= rules.default_after_missed:
        return rules.default_code, "default"
    if missed < rules.first_reported_missed:
        return rules.current_code, "current"
    i = min(missed - rules.first_reported_missed, len(rules.late_codes) - 1)
    return rules.late_codes[i], "late"


def _episodes(rules, due, effective, statements, months, never, date_of, called_day):
    """Merge the overdue spells of the instalments into episodes, keep those a statement shows,
    and date when each stops being shown."""
    # A spell runs from the due date (unpaid at the end of it) to the day it is paid; the
    # overdue itself starts the next day.
    spells = sorted((int(d), int(p)) for d, p in zip(due, effective) if p > d)
    merged = []
    for a, b in spells:
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        shown = [(s, m) for s, m in zip(statements, months)
                 if a <= s < b and m.kind in ("late", "default")]
        if not shown:
            continue
        unpaid = b >= NEVER
        start, end = date_of(a + 1), None if unpaid else date_of(b)
        worst = max(shown, key=lambda sm: sm[1].missed)[1].code
        defaults = [s for s, m in shown if m.kind == "default"]
        default_on = date_of(defaults[0]) if defaults else None
        if default_on is not None and rules.default_retention_from == "default":
            until, rule = add_years(default_on, rules.default_retention_years), "default"
        elif default_on is not None and rules.default_retention_from == "start_plus_180":
            # FCRA s.605(c): the 7 years start 180 days after the delinquency began.
            until = add_years(start + dt.timedelta(days=180), rules.default_retention_years)
            rule = "start_plus_180"
        elif rules.retention_from == "start":
            until, rule = add_years(start, rules.retention_years), "start"
        elif unpaid:
            until, rule = None, "unpaid"
        else:
            until, rule = add_years(end, rules.retention_years), "end"
        out.append(NegativeRecord(
            overdue_start=start, overdue_end=end,
            # A status is taken by the end of its statement day: it can be seen the day after.
            first_shown=date_of(shown[0][0]) + dt.timedelta(days=1),
            worst_code=worst, late_months=len(shown), default_on=default_on,
            visible_until=until, retention_rule=rule))
    return out


def compute(ci: CreditInput) -> CreditRecord:
    """The record of ``ci``'s scenario under its jurisdiction's rules."""
    return credit_record(ci.scenario, ci.jurisdiction, ci.as_of)


def record_from_dict(data, jurisdiction: Optional[str] = None) -> CreditRecord:
    """Check a scenario file (with its optional ``"credit"`` part) and compute its record;
    ``jurisdiction`` overrides the file's."""
    ci = from_dict(data)
    return credit_record(ci.scenario, jurisdiction or ci.jurisdiction, ci.as_of)


def lender_view(record: CreditRecord, on: dt.date) -> dict:
    """What a lender checking the report on ``on`` sees: the statuses of the last
    ``grid_months`` statements up to that day, without those whose record has been deleted,
    and the negative records still shown."""
    shown_records = [r for r in record.negative_records if r.shown_on(on)]
    window_start = add_months(on, -record.rules.grid_months)
    grid = []
    for m in record.months:
        if not (window_start < m.date <= on):
            continue
        code = m.code
        if m.kind in ("late", "default"):
            owner = next((r for r in record.negative_records
                          if r.overdue_start - dt.timedelta(days=1) <= m.date and
                          (r.overdue_end is None or m.date < r.overdue_end)), None)
            if owner is not None and not owner.shown_on(on):
                code = None  # deleted: the month no longer shows the late code
        grid.append((m, code))
    return {"on": on, "records": shown_records, "grid": grid,
            "late_months": sum(1 for m, c in grid if c is not None and m.kind in ("late", "default"))}


def yearly_view(record: CreditRecord, years: Optional[int] = None) -> list:
    """``lender_view`` on 31 December of each year from the first statement until every record
    has gone (at most ``years`` years; 10 when a debt is never repaid)."""
    first = record.months[0].date.year
    ends = [r.visible_until for r in record.negative_records]
    if years is None:
        if not ends:
            last = (record.settled_on or record.as_of).year
        elif any(e is None for e in ends):
            # Followed as far as the statements go: the last 31 December they cover.
            last = record.as_of.year - (record.as_of < dt.date(record.as_of.year, 12, 31))
        else:
            last = max(ends).year
        years = last - first + 1
    return [lender_view(record, dt.date(first + y, 12, 31)) for y in range(years)]
