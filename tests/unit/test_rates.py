"""The rate solver against numpy-financial and against worked examples written out here."""

import datetime as dt

import numpy as np
import numpy_financial as npf
import pytest

from simulators.core import rates
from simulators.core.rates import (NoRateError, annual_rates, periodic_irr, simple_annual_rate, unit_periods)
from simulators.core.dates import add_months

D0 = dt.date(2026, 1, 15)


def monthly_dates(n, start=D0):
    return [add_months(start, k) for k in range(1, n + 1)]


@pytest.mark.parametrize("received, payments", [
    (99_000, [8_833.30] * 12),
    (10_000, [893.33] * 12),
    (5_000, [5_600.0]),
    (1_000, [100.0] * 3 + [900.0]),
    (250_000, [1_500.0] * 359 + [260_000.0]),
    (20_000, [1_776.98] * 11 + [1_776.97]),
    (100, [10.0] * 360),
])
def test_irr_agrees_with_numpy_financial(received, payments):
    mine = periodic_irr(received, np.arange(1, len(payments) + 1), payments)
    theirs = npf.irr([-received, *payments])
    assert mine == pytest.approx(theirs, abs=1e-8)


@pytest.mark.parametrize("n, rate", [(12, 0.01), (36, 0.0125), (360, 0.004), (6, 0.03), (1, 0.2)])
def test_rate_agrees_with_numpy_financial_rate(n, rate):
    payment = -npf.pmt(rate, n, 10_000)  # the level payment of 10,000 at ``rate`` a month
    assert periodic_irr(10_000, range(1, n + 1), [payment] * n) == pytest.approx(
        npf.rate(n, -payment, 10_000, 0), abs=1e-8)
    assert periodic_irr(10_000, range(1, n + 1), [payment] * n) == pytest.approx(rate, abs=1e-10)


def test_the_example_reported_for_the_2021_rule():
    # 100,000 lent, 1,000 service fee up front, 12 payments of 8,833.30: 12.80% nominal and
    # 13.58% effective, as the digest's arithmetic check gives.
    r = annual_rates(99_000, D0, monthly_dates(12), [8_833.30] * 12)
    assert r["monthly"] == pytest.approx(0.0106698, abs=1e-7)
    assert round(r["nominal"] * 100, 2) == 12.80
    assert round(r["effective"] * 100, 2) == 13.58
    assert r["effective"] == pytest.approx((1 + r["monthly"]) ** 12 - 1)


def test_one_payment_a_month_later():
    # 1,000 received, 1,010 repaid one month later: exactly 1% a month.
    r = annual_rates(1_000, D0, [dt.date(2026, 2, 15)], [1_010])
    assert r["monthly"] == pytest.approx(0.01, abs=1e-12)
    assert r["nominal"] == pytest.approx(0.12)
    assert r["effective"] == pytest.approx(1.01 ** 12 - 1)


def test_odd_days_earn_simple_interest_as_in_appendix_j():
    # Received 15 Jan, one payment on 1 Mar: 1 whole month (back to 1 Feb) and 17 odd days.
    # Appendix J: 1,000 = P / ((1 + 17/30 i)(1 + i)); at i = 1%, P = 1,000 x 1.01 x 1.0056667.
    assert unit_periods(D0, dt.date(2026, 3, 1)) == (1, 17)
    payment = 1_000 * 1.01 * (1 + 17 / 30 * 0.01)
    r = annual_rates(1_000, D0, [dt.date(2026, 3, 1)], [payment])
    assert r["monthly"] == pytest.approx(0.01, abs=1e-12)


@pytest.mark.parametrize("received, paid, expected", [
    (dt.date(2026, 1, 15), dt.date(2026, 2, 15), (1, 0)),
    (dt.date(2026, 1, 15), dt.date(2026, 1, 25), (0, 10)),
    (dt.date(2026, 1, 31), dt.date(2026, 2, 28), (1, 0)),   # month-end stands for the 31st
    (dt.date(2026, 1, 31), dt.date(2026, 3, 31), (2, 0)),
    # 15 Mar back one month is 15 Feb (on or after 30 Jan); 30 Jan to 15 Feb is 16 days.
    (dt.date(2026, 1, 30), dt.date(2026, 3, 15), (1, 16)),
])
def test_unit_periods(received, paid, expected):
    assert unit_periods(received, paid) == expected


def test_a_regular_schedule_has_whole_months_only():
    whole, fraction = rates.periods_of_dates(D0, monthly_dates(24))
    assert list(whole) == list(range(1, 25)) and not fraction.any()


def test_daily_rate_simple_annual_rate():
    # 1,000 for 30 days at 0.05% a day: 15 yuan; simple annual rate 15 / 1,000 x 365 / 30.
    day = D0 + dt.timedelta(days=30)
    assert simple_annual_rate(1_000, D0, [day], [1_015]) == pytest.approx(0.1825, abs=1e-10)


def test_simple_rate_of_two_payments_written_out():
    # 1,000 received; 600 after 100 days, then 450 after 200 days. With i simple a year:
    # after 100 days owed 1,000 (1 + 100 i / 365) - 600; after 100 more days that x
    # (1 + 100 i / 365) = 450. Solve the quadratic for i by hand here.
    a = 100 / 365
    # (400 + 1000 a i)(1 + a i) = 450 -> 1000 a² i² + 1400 a i - 50 = 0
    x = (-1400 + (1400 ** 2 + 4 * 1000 * 50) ** 0.5) / (2 * 1000)  # x = a i
    days = [D0 + dt.timedelta(days=100), D0 + dt.timedelta(days=200)]
    assert simple_annual_rate(1_000, D0, days, [600, 450]) == pytest.approx(x / a, abs=1e-10)


@pytest.mark.parametrize("received, payments, code", [
    (1_000, [400, 500], "paid_less"),
    (0, [100], "nothing_received"),
    (1_000, [], "no_payments"),
    (1_000, [0, 0], "no_payments"),
    (1e-3, [1e15] * 1, "too_high"),
])
def test_no_rate_is_said_clearly(received, payments, code):
    with pytest.raises(NoRateError) as e:
        periodic_irr(received, range(1, len(payments) + 1), payments)
    assert e.value.code == code


def test_payments_equal_to_what_was_received_cost_nothing():
    assert periodic_irr(1_200, range(1, 13), [100] * 12) == 0.0
    r = annual_rates(1_200, D0, monthly_dates(12), [100] * 12)
    assert r["nominal"] == 0.0 and r["effective"] == 0.0 and r["simple"] == 0.0


def test_payment_before_the_money_is_received():
    with pytest.raises(NoRateError) as e:
        annual_rates(1_000, D0, [dt.date(2026, 1, 1)], [1_100])
    assert e.value.code == "payment_before_received"


def test_very_high_but_valid_rate_is_found():
    # 100 received, 300 repaid a month later: 200% a month.
    assert periodic_irr(100, [1], [300]) == pytest.approx(2.0, abs=1e-12)
    # 1 yuan received of 100 borrowed, 108.33 repaid a month later: 10,733% a month.
    assert periodic_irr(1, [1], [108.33]) == pytest.approx(107.33, rel=1e-12)


def test_late_payment_apr_uses_the_same_solver():
    """The late-payment engine's APR is this module's rate of its on-time schedule."""
    from tests.helpers import run

    r = run(loan={"upfront_fee": 300, "monthly_fee_rate": 0.002})
    s = r.schedule
    mine = annual_rates(s.received_cents, s.start_date, s.due_dates, s.payment.astype(float))
    assert r.apr_on_time["nominal"] == pytest.approx(mine["nominal"], abs=1e-12)
    assert r.apr_on_time["monthly"] == pytest.approx(
        npf.irr([-s.received_cents, *s.payment.astype(float)]), abs=1e-8)


@pytest.mark.parametrize("payments", [[8_833.30] * 12, [100.0, 0.0, 50.0, 1_000.0], [5_600.0]])
def test_the_short_and_long_paths_give_the_same_rate(payments, monkeypatch):
    """Short streams are solved in plain Python floats, long ones with NumPy: same answer."""
    received = 0.9 * sum(payments)
    short = periodic_irr(received, range(1, len(payments) + 1), payments)
    monkeypatch.setattr(rates, "SMALL", 0)
    long = periodic_irr(received, range(1, len(payments) + 1), payments)
    assert short == pytest.approx(long, abs=1e-12)
    assert short == pytest.approx(npf.irr([-received, *payments]), abs=1e-8)
