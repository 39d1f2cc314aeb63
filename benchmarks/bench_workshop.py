"""Load test of the workshop server: a room of phones on one laptop.

    python benchmarks/bench_workshop.py [--participants 30] [--duration 600] [--app late_payment]
                                        [--interval 4] [--arrive 10] [--after 120]
                                        [--warm N] [--pool 1] [--cull-idle 60]

Starts ``handbook-workshop`` on 127.0.0.1 (with ``--warm APP=N``: N kernels ready for the
simulator the room opens together, as the README tells an educator to do), then N simulated
participants open that simulator within ``--arrive`` seconds, each then changes an input every
``--interval`` seconds (with jitter) for ``--duration`` seconds, half in English and half in
Chinese; then everyone leaves without saying goodbye (as phones do) and the server is watched
for ``--after`` seconds while its culler stops the abandoned kernels.

A participant is a websocket client speaking the widget protocol (handbook_workshop/participant):
what the server has to do for a phone is the same as for Chromium (the page, the kernel, the
widgets' state, the comm updates), but 30 Chromium pages on this two-core machine would measure
Chromium first (one Voila page costs Chromium seconds of CPU to start its JavaScript), so the
browser's own drawing is left to benchmarks/bench_ui.py, which measures it in Chromium.

Prints: pages opened, errors, time to first result (median, p95), input-to-update latency
(median, p95), peak kernels and peak memory (resident memory of the server and all its
kernels), and kernels left ``--after`` seconds after everyone left. Targets: 0 errors, first
result p95 <= 5 s, update p95 <= 500 ms, kernels back to the pool size.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from handbook_workshop import launch  # noqa: E402
from handbook_workshop.participant import Participant, RoomFull  # noqa: E402


def pct(values, q):
    if not values:
        return float("nan")
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(q * (len(values) - 1)))))
    return values[k]


class Sampler:
    """Peak kernels and peak memory of the server's process tree, once a second."""

    def __init__(self, pid: int):
        self.proc = psutil.Process(pid)
        self.peak_kernels = 0
        self.peak_mb = 0.0
        self.samples = []

    def sample(self):
        procs = [self.proc]
        try:
            procs += self.proc.children(recursive=True)
        except psutil.Error:
            pass
        rss = 0
        kernels = 0
        for p in procs:
            try:
                rss += p.memory_info().rss
                if "ipykernel" in " ".join(p.cmdline()):
                    kernels += 1
            except psutil.Error:
                pass
        mb = rss / 2**20
        self.peak_kernels = max(self.peak_kernels, kernels)
        self.peak_mb = max(self.peak_mb, mb)
        self.samples.append((time.monotonic(), kernels, mb))
        return kernels, mb

    async def run(self, stop: asyncio.Event):
        while not stop.is_set():
            await asyncio.get_event_loop().run_in_executor(None, self.sample)
            try:
                await asyncio.wait_for(stop.wait(), 1.0)
            except asyncio.TimeoutError:
                pass


async def participant(i, base, args, t_start, results):
    await asyncio.sleep(random.uniform(0, args.arrive))
    p = Participant(base, app=args.app + ".ipynb", lang="zh" if i % 2 else "en")
    try:
        results["first"].append(await p.open(timeout=120))
        results["opened"] += 1
    except RoomFull:
        results["errors"].append(f"{i}: room full")
        return
    except Exception as err:  # noqa: BLE001
        results["errors"].append(f"{i}: open: {type(err).__name__}: {err}")
        p.close()
        return
    comm, amount = p.amount_input()
    end = t_start + args.arrive + args.duration
    n = 0
    while time.monotonic() < end:
        await asyncio.sleep(args.interval * random.uniform(0.6, 1.4))
        if time.monotonic() >= end:
            break
        n += 1
        value = f"{amount + 1000 * (n % 7):.0f}"
        before = p.sentence()
        try:
            results["update"].append(await p.change(comm, value, timeout=30))
            if n % 7 and p.sentence() == before:
                results["errors"].append(f"{i}: update {n}: the sentence did not change")
        except Exception as err:  # noqa: BLE001
            results["errors"].append(f"{i}: update {n}: {type(err).__name__}: {err}")
            break
    p.close()  # leaves as a phone does: the connection just ends


async def room(base, args, sampler):
    results = {"first": [], "update": [], "errors": [], "opened": 0}
    stop = asyncio.Event()
    watch = asyncio.ensure_future(sampler.run(stop))
    t_start = time.monotonic()
    await asyncio.gather(*(participant(i, base, args, t_start, results)
                           for i in range(args.participants)))
    left_at = time.monotonic()
    after = []
    while time.monotonic() - left_at < args.after:
        await asyncio.sleep(5)
        st = await asyncio.get_event_loop().run_in_executor(None, launch.status, base)
        after.append((round(time.monotonic() - left_at), st["kernels"], st["participants"]))
    stop.set()
    await watch
    return results, after


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--participants", type=int, default=30)
    ap.add_argument("--duration", type=float, default=600, help="seconds of use after arriving")
    ap.add_argument("--arrive", type=float, default=10, help="everyone opens within this many s")
    ap.add_argument("--interval", type=float, default=4, help="seconds between input changes")
    ap.add_argument("--after", type=float, default=120, help="seconds watched after leaving")
    ap.add_argument("--app", default="late_payment")
    ap.add_argument("--warm", type=int, default=None,
                    help="ready kernels for the app (default: the number of participants)")
    ap.add_argument("--pool", type=int, default=1, help="ready kernels for every other app")
    ap.add_argument("--cull-idle", type=int, default=60)
    ap.add_argument("--max-kernels", type=int, default=40)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args(argv)
    warm = args.participants if args.warm is None else args.warm
    pool_total = args.pool * 4 + warm
    pool_after = args.pool * 5
    server_args = ["--pool", str(args.pool), "--warm", f"{args.app}={warm}",
                   "--cull-idle", str(args.cull_idle), "--cull-interval", "10",
                   "--max-kernels", str(args.max_kernels)]
    print(f"workshop load: {args.participants} participants open {args.app} within "
          f"{args.arrive:.0f} s, change an input every ~{args.interval:.0f} s for "
          f"{args.duration:.0f} s; server: {' '.join(server_args)}", flush=True)
    t0 = time.monotonic()
    base, proc, log = launch.start(server_args, env={"PYTHONPATH": str(ROOT)},
                                   timeout=900, ready=pool_total)
    warmup = time.monotonic() - t0
    sampler = Sampler(proc.pid)
    idle_kernels, idle_mb = sampler.sample()
    try:
        results, after = asyncio.run(room(base, args, sampler))
    finally:
        launch.stop(proc)
    log_text = Path(log).read_text(errors="replace")
    os.unlink(log)
    first, update = results["first"], results["update"]
    left = after[-1][1] if after else None
    figures = {
        "participants": args.participants, "duration_s": args.duration,
        "server_ready_s": round(warmup, 1), "kernels_ready": idle_kernels,
        "memory_ready_mb": round(idle_mb),
        "pages_opened": results["opened"], "errors": len(results["errors"]),
        "first_result_median_s": round(statistics.median(first), 2) if first else None,
        "first_result_p95_s": round(pct(first, 0.95), 2) if first else None,
        "updates": len(update),
        "update_median_ms": round(1000 * statistics.median(update)) if update else None,
        "update_p95_ms": round(1000 * pct(update, 0.95)) if update else None,
        "peak_kernels": sampler.peak_kernels, "peak_memory_mb": round(sampler.peak_mb),
        "kernels_left_after_s": args.after, "kernels_left": left, "pool_size": pool_after,
        "iopub_timeouts_in_log": log_text.count("Timeout waiting for IOPub"),
        "load_average": os.getloadavg(),
    }
    print(f"  server ready with {idle_kernels} kernels in {warmup:.0f} s, {idle_mb:.0f} MB")
    print(f"  pages opened           {figures['pages_opened']} / {args.participants}")
    print(f"  errors                 {figures['errors']}")
    for e in results["errors"][:10]:
        print(f"    {e}")
    print(f"  first result           median {figures['first_result_median_s']} s, "
          f"p95 {figures['first_result_p95_s']} s   (target p95 <= 5 s)")
    print(f"  input -> update        median {figures['update_median_ms']} ms, "
          f"p95 {figures['update_p95_ms']} ms over {len(update)} changes   (target p95 <= 500 ms)")
    print(f"  peak kernels           {figures['peak_kernels']}")
    print(f"  peak memory            {figures['peak_memory_mb']} MB (server + kernels, resident)")
    print(f"  kernels left {args.after:.0f} s after everyone left: {left} "
          f"(the pool: {pool_after}); timeline (s, kernels, participants) {after[::4]}")
    print(f"  'Timeout waiting for IOPub' in the log: {figures['iopub_timeouts_in_log']}; "
          f"load average {tuple(round(x, 1) for x in figures['load_average'])}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    return figures


if __name__ == "__main__":
    main()
