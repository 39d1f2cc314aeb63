"""Prints how fast the rate solver is against numpy_financial.irr on the same inputs
(target: at least 5 times faster, with the same answer to 1e-8).

Run: ./handbook bench   (or .venv/bin/python benchmarks/bench_rates.py)
It prints figures and does not fail: speed is measured here, not asserted in tests.

The inputs are the payment streams of real-looking offers (the example offers of the simulator
and schedules of 3 to 360 months, with fees and deductions), each solved by both: our
``periodic_irr(received, months, payments)`` and ``numpy_financial.irr([-received, *payments])``.
"""

from __future__ import annotations

import statistics
import time

import numpy as np
import numpy_financial as npf

from simulators.true_cost.engine import offer_flows
from simulators.true_cost.inputs import offer_from_dict
from simulators.core.rates import periodic_irr

TARGET_SPEEDUP = 5.0


def streams() -> list:
    """(label, received, payments) of offers as the simulator builds them."""
    out = []
    for months in (3, 6, 12, 24, 36, 60, 120, 360):
        for quote, rate in (("annual_rate", 0.108), ("monthly_fee_rate", 0.006)):
            f = offer_flows(offer_from_dict({
                "principal": 100_000, "term_months": months, "quote": quote, "rate": rate,
                "upfront_deduction": 1_000, "method": "equal_instalment"}))
            out.append((f"{months:>3} months, {quote}", f.received_cents / 100,
                        f.amounts / 100))
    return out


def best_of(fn, repeat: int, number: int) -> float:
    """Median over ``repeat`` runs of the time of one call (seconds), each run ``number`` calls."""
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        runs.append((time.perf_counter() - t0) / number)
    return statistics.median(runs)


def main() -> None:
    print("Rate solver against numpy_financial.irr, same inputs (median time of one call)")
    print(f"{'input':<28} {'ours µs':>9} {'npf µs':>11} {'speed-up':>9} {'|difference|':>13}")
    ours_total = theirs_total = 0.0
    worst = 0.0
    ratios = []
    for label, received, payments in streams():
        months = np.arange(1, len(payments) + 1, dtype=float)
        cash = [-received, *payments.tolist()]
        mine = periodic_irr(received, months, payments)
        theirs = float(npf.irr(cash))
        worst = max(worst, abs(mine - theirs))
        n_theirs = 3 if len(payments) >= 120 else 30
        t_ours = best_of(lambda: periodic_irr(received, months, payments), 5, 200)
        t_theirs = best_of(lambda: npf.irr(cash), 3, n_theirs)
        ours_total += t_ours
        theirs_total += t_theirs
        ratios.append(t_theirs / t_ours)
        print(f"{label:<28} {t_ours * 1e6:>9.1f} {t_theirs * 1e6:>11.1f} "
              f"{t_theirs / t_ours:>8.1f}x {abs(mine - theirs):>13.1e}")
    overall = theirs_total / ours_total
    print(f"All inputs together: {overall:.0f}x faster "
          f"(target {TARGET_SPEEDUP:g}x: {'met' if overall >= TARGET_SPEEDUP else 'MISSED'}); "
          f"slowest case {min(ratios):.1f}x "
          f"({'met' if min(ratios) >= TARGET_SPEEDUP else 'below the target'} for every input); "
          f"largest difference {worst:.1e} (same answer to 1e-8: {'yes' if worst < 1e-8 else 'NO'})")


if __name__ == "__main__":
    main()
