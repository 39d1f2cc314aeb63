"""Prints how long the engine takes to compute a scenario (target: under 1 ms for 360 months).

Run: ./handbook bench   (or .venv/bin/python benchmarks/bench_engine.py)
It prints figures and does not fail: speed is measured here, not asserted in tests.
"""

from __future__ import annotations

import statistics
import time

from simulators.late_payment.engine import simulate
from simulators.late_payment.inputs import scenario_from_dict

TARGET_MS = {360: 1.0}


def scenario(months: int):
    late = [{"instalment": k, "days_late": 20 + 5 * k} for k in range(2, min(months, 8) + 1, 2)]
    late.append({"stop_from": max(1, months // 2), "days": 75})
    return scenario_from_dict({
        "preset": "cn_internet_instalment",
        "loan": {"principal": 300000, "term_months": months, "annual_rate": 0.06},
        "rules": {"late_fee_flat": 30, "late_fee_daily_rate": 0.0005, "late_fee_cap": 200,
                  "acceleration_after_days": None},
        "late": late,
    })


def timed(fn, repeat: int) -> list:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    print("Engine: one scenario, several late instalments and a stop in payments")
    print(f"{'months':>6}  {'median ms':>9}  {'p90 ms':>7}  {'target':>8}")
    for months in (12, 36, 360):
        sc = scenario(months)
        simulate(sc)  # warm up
        times = timed(lambda: simulate(sc), 300)
        median = statistics.median(times)
        p90 = statistics.quantiles(times, n=10)[-1]
        target = TARGET_MS.get(months)
        verdict = "" if target is None else (f"< {target:g} ms " + ("met" if median < target else "MISSED"))
        print(f"{months:>6}  {median:>9.3f}  {p90:>7.3f}  {verdict}")
    sc = scenario(360)

    def with_timeline():
        simulate(sc).owed_late  # the daily series the charts draw, computed on first use

    times = timed(with_timeline, 200)
    print(f"360 months, engine + daily timeline for the chart: median {statistics.median(times):.3f} ms")
    from simulators.late_payment.report import to_dict
    times = timed(lambda: to_dict(simulate(sc)), 100)
    print(f"360 months, engine + JSON document: median {statistics.median(times):.3f} ms")


if __name__ == "__main__":
    main()
