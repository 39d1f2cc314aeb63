"""Schedules against numpy-financial and against hand calculation."""

import datetime as dt

import numpy as np
import numpy_financial as npf
import pytest

from simulators.core.schedule import Loan
from simulators.core.dates import add_months
from simulators.core.schedule import build_schedule, level_payment


@pytest.mark.parametrize("principal,rate,term", [
    (20000, 0.12, 12), (100000, 0.049, 360), (5000, 0.24, 6), (1234.56, 0.0365, 36), (800, 0.18, 1),
])
def test_equal_instalment_matches_numpy_financial(principal, rate, term):
    s = build_schedule(Loan(principal, rate, term, "equal_instalment"))
    i = rate / 12
    pmt = -npf.pmt(i, term, principal)
    assert s.payment[0] / 100 == pytest.approx(pmt, abs=0.005)
    # Every payment but the last is the level payment rounded to the cent.
    assert np.all(s.payment[:-1] == s.payment[0])
    periods = np.arange(1, term + 1)
    expected_interest = -npf.ipmt(i, periods, term, principal)
    # Interest on the actual (rounded) balance drifts from the exact one by at most a few cents.
    assert np.max(np.abs(s.interest / 100 - expected_interest)) < 0.05
    assert int(s.principal.sum()) == round(principal * 100)
    assert np.all(s.balance_after >= 0) and s.balance_after[-1] == 0


def test_equal_instalment_by_hand():
    # 20,000 at 12% a year (1% a month) over 12 months: A = 20000 x 0.01 / (1 - 1.01^-12) = 1776.98
    s = build_schedule(Loan(20000, 0.12, 12, "equal_instalment", dt.date(2026, 1, 15)))
    assert s.payment[0] == 177698
    assert s.interest[0] == 20000_00 // 100  # 1% of 20,000 = 200.00
    assert s.principal[0] == 177698 - 20000
    assert s.interest[1] == 18423  # 1% of 18,423.02 = 184.2302 -> 184.23
    assert s.payment[-1] == 177692  # the last instalment takes the rounding
    assert s.due_dates[0] == dt.date(2026, 2, 15) and s.due_dates[-1] == dt.date(2027, 1, 15)


def test_zero_rate_is_principal_divided_evenly():
    s = build_schedule(Loan(1000, 0.0, 3, "equal_instalment"))
    assert list(s.payment) == [33333, 33333, 33334]
    assert level_payment(1000, 0.0, 4) == 250


def test_equal_principal_by_hand():
    s = build_schedule(Loan(12000, 0.06, 12, "equal_principal"))
    assert np.all(s.principal == 100000)
    # Month k: interest on 12,000 - 1,000 (k - 1) at 0.5%.
    assert list(s.interest[:3]) == [6000, 5500, 5000]
    assert s.interest[-1] == 500
    assert np.all(np.diff(s.payment) < 0)


def test_equal_principal_cents_add_up():
    s = build_schedule(Loan(1000, 0.1, 7, "equal_principal"))
    assert int(s.principal.sum()) == 100000
    assert s.principal.max() - s.principal.min() <= 1


def test_interest_only_then_principal():
    s = build_schedule(Loan(10000, 0.12, 6, "interest_only"))
    assert list(s.interest) == [10000] * 6  # 100.00 each month
    assert list(s.principal) == [0, 0, 0, 0, 0, 1000000]


def test_bullet_is_one_payment_with_simple_interest():
    s = build_schedule(Loan(20000, 0.10, 12, "bullet", dt.date(2026, 1, 15)))
    assert len(s) == 1
    assert s.payment[0] == 2200000
    assert s.due_dates == (dt.date(2027, 1, 15),)


def test_fees_per_instalment_and_up_front():
    s = build_schedule(Loan(10000, 0.0, 12, "equal_instalment", upfront_fee=300, monthly_fee_rate=0.005))
    assert np.all(s.fee == 5000)  # 0.5% of the original 10,000 every month
    assert s.received_cents == 970000
    bullet = build_schedule(Loan(10000, 0.0, 3, "bullet", monthly_fee_rate=0.005))
    assert bullet.fee[0] == 15000


def test_month_ends_are_clamped():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2028, 1, 31), 1) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2026, 1, 31), 2) == dt.date(2026, 3, 31)
    assert add_months(dt.date(2026, 11, 15), 3) == dt.date(2027, 2, 15)


@pytest.mark.parametrize("start", [dt.date(2026, 1, 31), dt.date(2027, 12, 29), dt.date(2026, 5, 15),
                                   dt.date(2024, 2, 29), dt.date(2026, 8, 30)])
def test_due_dates_are_the_same_day_each_month(start):
    from simulators.core.dates import monthly_due_dates
    assert monthly_due_dates(start, 400) == tuple(add_months(start, k) for k in range(1, 401))
