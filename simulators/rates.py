"""Annual percentage rates from cash flows, by internal rate of return (IRR).

The 2021 disclosure rule for Chinese lenders (as reported) allows the annualized rate to be
computed by IRR on the money the borrower actually receives; we report the IRR per month as a
nominal annual rate (x 12) and as an effective annual rate ((1 + r)^12 - 1).
"""

from __future__ import annotations

import numpy as np


class NoRateError(ValueError):
    """No rate makes the payments worth what was received (for example, nothing was received)."""


def _pv_and_slope(rate: float, periods: np.ndarray, amounts: np.ndarray):
    v = (1.0 + rate) ** (-periods)
    pv = float(np.dot(amounts, v))
    slope = float(np.dot(amounts * -periods, v / (1.0 + rate)))
    return pv, slope


def periodic_irr(received: float, periods, amounts, tol: float = 1e-12) -> float:
    """The rate r per period at which sum(amounts / (1 + r)^periods) equals ``received``.

    ``periods`` are times in periods (months) from the day the money is received, all > 0;
    ``amounts`` are the payments, all >= 0. The present value falls as r rises, so the root is
    unique; it is bracketed and found by Newton steps that fall back to bisection whenever a
    step would leave the bracket, so it always converges.

    Example: received 99,000; 12 payments of 8,833.30 -> 0.0106698 a month (12.80% nominal,
    13.58% effective).
    """
    periods = np.asarray(periods, dtype=float)
    amounts = np.asarray(amounts, dtype=float)
    if received <= 0 or amounts.size == 0 or not np.any(amounts > 0):
        raise NoRateError("nothing received, or nothing repaid")
    total = float(amounts.sum())
    if abs(total - received) <= 1e-9 * max(1.0, received):
        return 0.0
    lo, hi = -0.999999, 1.0
    while _pv_and_slope(hi, periods, amounts)[0] > received:
        hi *= 2.0
        if hi > 1e6:
            raise NoRateError("rate too high to compute")
    r = 0.0 if total > received else -0.5
    for _ in range(200):
        pv, slope = _pv_and_slope(r, periods, amounts)
        f = pv - received
        if abs(f) <= tol * received:
            return r
        if f > 0:
            lo = r
        else:
            hi = r
        step = r - f / slope if slope != 0 else None
        r = step if step is not None and lo < step < hi else 0.5 * (lo + hi)
        if hi - lo < 1e-15:
            break
    return r


def apr_from_monthly(monthly: float) -> dict:
    """{"monthly": r, "nominal": 12 r, "effective": (1 + r)^12 - 1}."""
    return {"monthly": monthly, "nominal": 12.0 * monthly, "effective": (1.0 + monthly) ** 12 - 1.0}
