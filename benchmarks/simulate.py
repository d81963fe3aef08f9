"""Monte Carlo: 10^6 scenarios x 10 councils x 20 triangular cost items, per-council quantiles.

Anchor (DESIGN.md): plain numpy drawing the full (scenarios, councils, items) tensor at once
with ``Generator.triangular``, summing over items and taking the 5/50/95% quantiles.
Targets: at most 0.5x the anchor's time, at most 350 MB peak memory, and at most 2.5x the
time to draw the uniforms alone (the same 2 x 10^8 uniforms, block by block, from the same
block seeds, into a reused buffer: the least any inverse-CDF method must do).

``--cpu`` times CPU seconds of the process (``time.process_time``) instead of wall time:
steadier on a machine shared with other work, and fair here since every contender is
single-threaded.

Each measurement runs in its own subprocess, so peak memory (tracemalloc, which sees
numpy's buffers) is not contaminated by the others. ``--n`` makes a quicker run.

``--stages`` also times the engine's numpy passes over the same uniforms one by one (draw;
the minimum with the mode; one less the maximum; both square roots), cumulatively, as ratios to the
uniforms alone: the floor of its method in numpy, before any summing or bookkeeping.

Run: ``python benchmarks/simulate.py`` (about a minute; the anchor needs ~1.7 GB of RAM).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

COUNCILS, ITEMS, QS = 10, 20, (0.05, 0.5, 0.95)

CHILD = r"""
import json, sys, time, tracemalloc
sys.path[:0] = [{bench!r}]
import numpy as np
from sharegov.costs import LeadPays
from sharegov.simulate import BLOCK, Flow, Model, Triangular
from sharegov.money import Money

n, which, repeat, clock = {n}, {which!r}, {repeat}, getattr(time, {clock!r})

def best_time(fn, number, repeat):
    best = float("inf")
    for _ in range(repeat):
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best

C, I, QS = {councils}, {items}, {qs!r}
rng = np.random.default_rng(20080901)
low = rng.integers(1_000_000, 5_000_000, size=(C, I))          # pence
mode = low + rng.integers(0, 3_000_000, size=(C, I))
high = mode + rng.integers(1, 4_000_000, size=(C, I))
parties = [f"C{{c}}" for c in range(C)]

def ours():
    flows = [
        Flow(f"c{{c}}-{{i}}", "item", Triangular(Money(int(low[c, i])), Money(int(mode[c, i])),
             Money(int(high[c, i]))), kind="cost", start="2024/25", split=LeadPays(parties[c]))
        for c in range(C) for i in range(I)
    ]
    result = Model(parties, flows).run(n, seed=1)
    return result.quantiles(QS)

def anchor():
    g = np.random.default_rng(1)
    x = g.triangular(low.astype(float), mode.astype(float), high.astype(float), size=(n, C, I))
    return np.quantile(-x.sum(axis=2), QS, axis=0)

def uniforms():
    buf = np.empty((C * I, BLOCK))
    for b in range(-(-n // BLOCK)):
        g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(1, spawn_key=(b,))))
        g.random(out=buf)

def stage(steps):
    # The engine's per-segment steps on the same uniforms (10 rows at a time, in cache):
    # what each numpy pass costs on top of the draws.
    buf = np.empty((2, 10, BLOCK))
    cut = np.full((C * I, BLOCK), 0.4)
    for b in range(-(-n // BLOCK)):
        g = np.random.Generator(np.random.PCG64(np.random.SeedSequence(1, spawn_key=(b,))))
        for r in range(0, C * I, 10):
            g.random(out=buf[1])
            if steps > 0:
                np.minimum(buf[1], cut[r : r + 10], out=buf[0])
            if steps > 1:
                np.maximum(buf[1], cut[r : r + 10], out=buf[1])
                np.subtract(1.0, buf[1], out=buf[1])
            if steps > 2:
                np.sqrt(buf, out=buf)

fn = {{"ours": ours, "anchor": anchor, "uniforms": uniforms,
       "minimum": lambda: stage(1), "maximum": lambda: stage(2), "sqrt": lambda: stage(3)}}[which]
tracemalloc.start()
fn()
_, peak = tracemalloc.get_traced_memory()
tracemalloc.stop()
seconds = best_time(fn, number=1, repeat=repeat)
check = None
if which in ("ours", "anchor"):
    q = fn()
    check = [[float(q[p][x].pence) for x in QS] for p in parties] if which == "ours" else \
        [[float(q[k, c]) for k in range(len(QS))] for c in range(C)]
print(json.dumps({{"seconds": seconds, "peak": peak, "check": check}}))
"""


def measure(which: str, n: int, repeat: int, clock: str) -> dict[str, object]:
    bench = str(Path(__file__).resolve().parent)
    code = CHILD.format(
        bench=bench,
        n=n,
        which=which,
        repeat=repeat,
        councils=COUNCILS,
        items=ITEMS,
        qs=QS,
        clock=clock,
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="scenarios")
    parser.add_argument("--cpu", action="store_true", help="CPU time, not wall time")
    parser.add_argument("--repeat", type=int, default=5, help="best of this many runs")
    parser.add_argument(
        "--stages", action="store_true", help="also time the engine's numpy passes one by one"
    )
    args = parser.parse_args()
    n, clock = args.n, "process_time" if args.cpu else "perf_counter"
    ours = measure("ours", n, args.repeat, clock)
    uniforms = measure("uniforms", n, args.repeat, clock)
    anchor = measure("anchor", n, 1, clock)
    worst = max(
        abs(a - b) / abs(b)
        for ra, rb in zip(ours["check"], anchor["check"], strict=True)  # type: ignore[call-overload]
        for a, b in zip(ra, rb, strict=True)
    )
    what = "CPU" if args.cpu else "wall"
    print(f"Monte Carlo: {n:,} scenarios x {COUNCILS} councils x {ITEMS} triangular items ({what})")
    print(f"  plain numpy, full tensor   {anchor['seconds']:8.2f} s   peak {_mb(anchor)} MB")
    print(f"  uniforms alone             {uniforms['seconds']:8.2f} s   peak {_mb(uniforms)} MB")
    print(f"  sharegov.simulate          {ours['seconds']:8.2f} s   peak {_mb(ours)} MB")
    t_ours, t_anchor, t_uniforms = (float(r["seconds"]) for r in (ours, anchor, uniforms))  # type: ignore[arg-type]
    print(f"  time vs anchor             {t_ours / t_anchor:8.2f}x  (target <= 0.5x)")
    print(f"  time vs uniforms alone     {t_ours / t_uniforms:8.2f}x  (target <= 2.5x)")
    print(f"  peak memory                {_mb(ours):>8} MB (target <= 350 MB)")
    print(f"  quantiles vs anchor        {worst:8.2%} largest relative difference (sampling noise)")
    if args.stages:
        print(
            "  the engine's passes, cumulative, vs uniforms alone (the numpy floor of its method):"
        )
        for which, what in [
            ("minimum", "draw, min(u, c)"),
            ("maximum", "draw, min(u, c), 1 - max(u, c)"),
            ("sqrt", "draw, min, 1 - max, both square roots"),
        ]:
            t = float(measure(which, n, args.repeat, clock)["seconds"])  # type: ignore[arg-type]
            print(f"    {what:38s} {t / t_uniforms:6.2f}x")


def _mb(result: dict[str, object]) -> str:
    return f"{result['peak'] / 2**20:.0f}"  # type: ignore[operator]


if __name__ == "__main__":
    main()
