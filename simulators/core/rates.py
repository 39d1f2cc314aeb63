"""Annual rates from cash flows: the money a borrower actually receives against what they repay.

One solver serves every simulator. The rate ``r`` per month is the one at which the payments,
discounted back to the day the money was received, are worth exactly that money::

    received = Σ amount_k / ((1 + f_k r) (1 + r)^t_k)

``t_k`` is the number of whole months from the day the money was received to payment k and
``f_k`` the odd days left over, as a fraction of a 30-day month. That is the "unit-period"
method of US Regulation Z, Appendix J (whole periods compound; the odd days earn simple
interest). For a regular monthly schedule every ``f_k`` is 0 and the equation is the ordinary
internal rate of return (IRR) per month.

From ``r`` we report the nominal annual rate ``12 r`` and the effective annual rate
``(1 + r)^12 - 1``. The 2021 disclosure rule for Chinese lenders is reported to allow both
(compound, by IRR; or simple, if the lender says so). Lenders of short loans often show a
*simple annual rate* instead; we compute it by the simple-interest rule (interest accrues on
the balance day by day, actual days / 365, and is never added to the balance), and always label
it "simple".
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np

from simulators.core.dates import add_months

#: Beyond this monthly rate (10^12, or 10^14 %) the solver stops and says the rate is too high
#: to compute. Every offer within the simulator's allowed inputs has a rate below it, however
#: absurd (1 yuan received of 100 borrowed), so a valid offer always gets its rate.
MAX_MONTHLY_RATE = 1e12
DAYS_PER_UNIT = 30  # Appendix J: odd days are a fraction of a 30-day month
SIMPLE_YEAR_DAYS = 365


class NoRateError(ValueError):
    """No rate makes the payments worth what was received.

    ``code`` says why, for a message in the reader's language:
    ``nothing_received`` (no money received), ``no_payments`` (nothing repaid),
    ``paid_less`` (the payments add up to less than was received: there is no cost to express as
    a rate), ``too_high`` (above ``MAX_MONTHLY_RATE``), ``payment_before_received`` (a payment
    dated before the money was received).
    """

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        super().__init__(f"{code}: {detail}" if detail else code)


def _pv_and_slope(rate, whole, fraction, amounts, weighted=None, weighted2=None):
    """Present value of the payments at ``rate``, its first derivative with respect to
    ``rate``, and (whole periods only; else None) its second derivative. ``weighted`` =
    amounts x whole and ``weighted2`` = weighted x (whole + 1) may be passed precomputed."""
    grow = 1.0 + rate
    v = grow ** (-whole)
    if fraction is None:  # whole periods only: the ordinary IRR
        if weighted is None:
            weighted = amounts * whole
            weighted2 = weighted * (whole + 1.0)
        return (float(np.dot(amounts, v)), -float(np.dot(weighted, v)) / grow,
                float(np.dot(weighted2, v)) / (grow * grow))
    simple = 1.0 / (1.0 + fraction * rate)
    av = amounts * v * simple
    # d/dr of (1+r)^-t (1+fr)^-1 = -(1+r)^-t (1+fr)^-1 (t/(1+r) + f/(1+fr))
    return float(av.sum()), -float(np.dot(av, whole / grow + fraction * simple)), None


def periodic_irr(received: float, periods, amounts, fractions=None, tol: float = 1e-12) -> float:
    """The rate r per period at which Σ amounts / ((1 + f r)(1 + r)^periods) equals ``received``.

    ``periods`` are whole periods (months) from the day the money is received, all >= 0;
    ``fractions`` (default 0) the odd days as a fraction of a period; ``amounts`` the payments,
    all >= 0, in any unit (yuan or cents, the same as ``received``).

    The present value is positive, falling and convex in r, so there is at most one root, and
    it lies above 0 whenever the payments add up to more than was received. Halley steps (Newton
    steps when there are odd days) from a close first guess are kept inside a bracket [lo, hi]
    around the root, with bisection whenever a step would leave it, so the solver always
    converges. Raises ``NoRateError`` when there is no rate: nothing received, nothing repaid,
    payments adding up to less than was received, or a rate above ``MAX_MONTHLY_RATE``.

    Example: received 99,000; 12 monthly payments of 8,833.30 -> 0.0106698 a month (12.80%
    nominal, 13.58% effective), as ``numpy_financial.irr([-99000] + [8833.3] * 12)``:

    >>> round(periodic_irr(99_000, list(range(1, 13)), [8_833.30] * 12), 7)
    0.0106698
    """
    if len(amounts) <= SMALL and (fractions is None or not np.any(fractions)):
        return _small_irr(received, periods, amounts, tol)
    whole = np.asarray(periods, dtype=float)
    amounts = np.asarray(amounts, dtype=float)
    fraction = None
    if fractions is not None:
        fraction = np.asarray(fractions, dtype=float)
        if not fraction.any():
            fraction = None
    if not received > 0:
        raise NoRateError("nothing_received")
    total = float(amounts.sum()) if amounts.size else 0.0
    if not total > 0:
        raise NoRateError("no_payments")
    scale = received if received > 1.0 else 1.0
    if abs(total - received) <= 1e-9 * scale:
        return 0.0
    if total < received:
        raise NoRateError("paid_less", f"paid {total} < received {received}")
    # First guess, from the mean and spread of the payment times (weighted by amount): with
    # δ = ln(1 + r), ln(PV / total) ≈ -mean δ + variance δ² / 2. It is usually close enough
    # that one or two Halley steps reach the root to machine precision.
    times = whole if fraction is None else whole + fraction
    weighted = amounts * times
    s1 = float(weighted.sum())
    mean_t = s1 / total
    variance = max(float(np.dot(weighted, times)) / total - mean_t * mean_t, 0.0)
    weighted2 = weighted * (whole + 1.0) if fraction is None else None
    if mean_t <= 0:
        r = 1.0
    else:
        log_ratio = math.log(received / total)  # < 0
        disc = mean_t * mean_t + 2.0 * variance * log_ratio
        delta = ((mean_t - math.sqrt(disc)) / variance if variance > 1e-12 and disc > 0
                 else -log_ratio / mean_t)
        r = min(math.expm1(delta), MAX_MONTHLY_RATE)
    lo, hi = 0.0, math.inf
    goal = tol * scale
    for _ in range(300):
        pv, slope, curve = _pv_and_slope(r, whole, fraction, amounts, weighted, weighted2)
        f = pv - received
        if abs(f) <= goal:
            return r
        if f > 0:
            lo = r
            if r >= MAX_MONTHLY_RATE:
                raise NoRateError("too_high")
        else:
            hi = r
        if slope < 0:
            # Halley's step uses the curvature too, so the error cubes at each step (Newton's
            # squares).
            step = (r - 2.0 * f * slope / (2.0 * slope * slope - f * curve) if curve is not None
                    else r - f / slope)
        else:
            step = math.nan
        if lo < step < hi:
            # A step this small leaves nothing to correct (its error is of order step²).
            if abs(step - r) <= 1e-10 * (r if r > 1.0 else 1.0):
                return step
            r = step
        elif hi == math.inf:
            r = min(2.0 * r + 0.01, MAX_MONTHLY_RATE)
        else:
            r = 0.5 * (lo + hi)
        if hi - lo <= 1e-15 * max(1.0, lo):
            break
    return r


#: Up to this many payments (whole periods only) plain Python floats beat NumPy's per-call
#: overhead; the two paths solve the same equation in the same steps.
SMALL = 16


def _small_irr(received, periods, amounts, tol):
    """``periodic_irr`` for a few payments at whole periods, in plain Python floats."""
    ts = [float(t) for t in (periods.tolist() if hasattr(periods, "tolist") else periods)]
    a = [float(x) for x in (amounts.tolist() if hasattr(amounts, "tolist") else amounts)]
    if not received > 0:
        raise NoRateError("nothing_received")
    total = sum(a)
    if not total > 0:
        raise NoRateError("no_payments")
    scale = received if received > 1.0 else 1.0
    if abs(total - received) <= 1e-9 * scale:
        return 0.0
    if total < received:
        raise NoRateError("paid_less", f"paid {total} < received {received}")
    s1 = s2 = 0.0
    for t, x in zip(ts, a):
        s1 += t * x
        s2 += t * t * x
    mean_t = s1 / total
    variance = max(s2 / total - mean_t * mean_t, 0.0)
    if mean_t <= 0:
        r = 1.0
    else:
        log_ratio = math.log(received / total)
        disc = mean_t * mean_t + 2.0 * variance * log_ratio
        delta = ((mean_t - math.sqrt(disc)) / variance if variance > 1e-12 and disc > 0
                 else -log_ratio / mean_t)
        r = min(math.expm1(delta), MAX_MONTHLY_RATE)
    lo, hi = 0.0, math.inf
    goal = tol * scale
    for _ in range(300):
        grow = 1.0 + r
        pv = d1 = d2 = 0.0
        for t, x in zip(ts, a):
            v = x * grow ** -t
            pv += v
            w = t * v
            d1 += w
            d2 += w * (t + 1.0)
        slope, curve = -d1 / grow, d2 / (grow * grow)
        f = pv - received
        if abs(f) <= goal:
            return r
        if f > 0:
            lo = r
            if r >= MAX_MONTHLY_RATE:
                raise NoRateError("too_high")
        else:
            hi = r
        step = r - 2.0 * f * slope / (2.0 * slope * slope - f * curve) if slope < 0 else math.nan
        if lo < step < hi:
            if abs(step - r) <= 1e-10 * (r if r > 1.0 else 1.0):
                return step
            r = step
        elif hi == math.inf:
            r = min(2.0 * r + 0.01, MAX_MONTHLY_RATE)
        else:
            r = 0.5 * (lo + hi)
        if hi - lo <= 1e-15 * max(1.0, lo):
            break
    return r


def apr_from_monthly(monthly: float) -> dict:
    """{"monthly": r, "nominal": 12 r, "effective": (1 + r)^12 - 1}.

    Example: 0.01 -> nominal 0.12, effective 0.126825.

    >>> r = apr_from_monthly(0.01)
    >>> round(r["nominal"], 6), round(r["effective"], 6)
    (0.12, 0.126825)
    """
    return {"monthly": monthly, "nominal": 12.0 * monthly, "effective": (1.0 + monthly) ** 12 - 1.0}


def _add_months(day: dt.date, months: int) -> dt.date:
    return add_months(day, months)


def unit_periods(received_date: dt.date, payment_date: dt.date) -> tuple:
    """(whole months, odd days) from ``received_date`` to ``payment_date``, counted back from
    the payment as Regulation Z Appendix J counts them.

    Whole months are counted back from the payment date while they stay on or after the date
    the money was received; the days left over are the odd days. A payment on the month-end
    that stands for the received date's day (31 January -> 28 February) is a whole month.

    Examples: 15 Jan -> 15 Feb is (1, 0); 15 Jan -> 1 Mar is (1, 17); 31 Jan -> 28 Feb is (1, 0).

    >>> d = dt.date
    >>> unit_periods(d(2026, 1, 15), d(2026, 2, 15)), unit_periods(d(2026, 1, 15), d(2026, 3, 1))
    ((1, 0), (1, 17))
    >>> unit_periods(d(2026, 1, 31), d(2026, 2, 28))
    (1, 0)
    """
    if payment_date < received_date:
        raise NoRateError("payment_before_received")
    m = (payment_date.year - received_date.year) * 12 + payment_date.month - received_date.month
    while m > 0:
        back = _add_months(payment_date, -m)
        if back >= received_date or _add_months(received_date, m) == payment_date:
            break
        m -= 1
    if m > 0 and _add_months(received_date, m) == payment_date:
        return m, 0
    back = _add_months(payment_date, -m) if m > 0 else payment_date
    return m, (back - received_date).days


def periods_of_dates(received_date: dt.date, dates) -> tuple:
    """Arrays (whole months, fractions of a 30-day month) for payment ``dates``."""
    pairs = [unit_periods(received_date, d) for d in dates]
    whole = np.array([p[0] for p in pairs], dtype=float)
    fraction = np.array([p[1] for p in pairs], dtype=float) / DAYS_PER_UNIT
    return whole, fraction


def simple_annual_rate(received: float, received_date: dt.date, dates, amounts) -> float:
    """The simple annual rate: interest accrues on the balance at i x days / 365 and is never
    added to the balance; each payment pays the interest accrued so far, then principal. It is
    the ``i`` that leaves nothing owed after the last payment.

    It is the rate of a "daily rate" quote: 1,000 received, 1,015 repaid after 30 days gives
    15 / 1,000 x 365 / 30 = 18.25% simple a year (a daily rate of 0.05%).
    Raises NoRateError like ``periodic_irr``.
    """
    amounts = np.asarray(amounts, dtype=float)
    if not received > 0:
        raise NoRateError("nothing_received")
    if amounts.size == 0 or not np.any(amounts > 0):
        raise NoRateError("no_payments")
    total = float(amounts.sum())
    if abs(total - received) <= 1e-9 * max(1.0, received):
        return 0.0
    if total < received:
        raise NoRateError("paid_less")
    days = np.array([(d - received_date).days for d in dates], dtype=float)
    if np.any(days < 0):
        raise NoRateError("payment_before_received")
    gaps = np.diff(np.concatenate(([0.0], days))) / SIMPLE_YEAR_DAYS

    def left_owing(i: float) -> float:
        principal, interest = float(received), 0.0
        for gap, pay in zip(gaps, amounts):
            interest += principal * i * gap
            to_interest = min(pay, interest)
            interest -= to_interest
            principal -= pay - to_interest
        return principal + interest

    # What is left owing rises with the rate, so bisection on a bracket always finds it.
    lo, hi = 0.0, 1.0
    while left_owing(hi) < 0:
        lo, hi = hi, hi * 2.0
        if hi > 12 * MAX_MONTHLY_RATE:
            raise NoRateError("too_high")
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if left_owing(mid) < 0:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-13 * max(1.0, hi):
            break
    return 0.5 * (lo + hi)


def annual_rates(received: float, received_date: dt.date, dates, amounts,
                 simple: bool = True) -> dict:
    """Every rate of a stream of payments against the money received.

    Returns {"monthly", "nominal", "effective", "simple"} as fractions (``simple`` None when
    not asked for). ``received`` and ``amounts`` in the same unit; ``dates`` datetime.date.

    Example: 99,000 received on 15 Jan 2026, 8,833.30 on the 15th of each of the next 12 months
    -> monthly 1.06698%, nominal 12.80%, effective 13.58%.

    >>> days = [dt.date(2026, m, 15) for m in range(2, 13)] + [dt.date(2027, 1, 15)]
    >>> r = annual_rates(99_000, dt.date(2026, 1, 15), days, [8_833.30] * 12)
    >>> f"{r['monthly']:.5%} {r['nominal']:.2%} {r['effective']:.2%}"
    '1.06698% 12.80% 13.58%'
    """
    whole, fraction = periods_of_dates(received_date, dates)
    monthly = periodic_irr(received, whole, amounts, fractions=fraction)
    out = apr_from_monthly(monthly)
    out["simple"] = simple_annual_rate(received, received_date, dates, amounts) if simple else None
    return out


def present_value(rate: float, received_date: dt.date, dates, amounts) -> float:
    """What the payments are worth on the day the money was received, at ``rate`` a month
    (the left side of the equation above). At the rate found it equals the money received."""
    whole, fraction = periods_of_dates(received_date, dates)
    return _pv_and_slope(rate, whole, fraction if fraction.any() else None,
                         np.asarray(amounts, dtype=float))[0]


def monthly_from_annual(nominal: float) -> float:
    """The monthly rate of a nominal annual rate: nominal / 12."""
    return nominal / 12.0


def effective_from_nominal(nominal: float) -> float:
    """(1 + nominal / 12)^12 - 1.

    >>> round(effective_from_nominal(0.12), 6)
    0.126825
    """
    return math.pow(1.0 + nominal / 12.0, 12) - 1.0
