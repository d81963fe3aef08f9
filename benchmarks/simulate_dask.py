"""The same simulation on a Dask cluster: the scale-out ratio for N workers, bit-identical.

Anchor (DESIGN.md): the local run (no client) of the benchmark model of
``benchmarks/simulate.py`` (10 councils x 20 triangular cost items). Target: at least 12x
faster on 16 workers on 16 cores (75% efficiency), with results identical to the bit.

A ``LocalCluster`` of ``--workers`` single-threaded worker processes is started, warmed up
with one run, then timed (best of ``--repeat``) against the local run. Chunks are sized so
each worker gets several (``--chunk`` overrides).

Run on a 16-core machine: ``python benchmarks/simulate_dask.py --workers 16 --n 10000000``.
Quick check: ``python benchmarks/simulate_dask.py --workers 2 --n 1000000``.
"""

from __future__ import annotations

import argparse
import os
import time

COUNCILS, ITEMS = 10, 20


def model() -> object:
    import numpy as np

    from sharegov.costs import LeadPays
    from sharegov.money import Money
    from sharegov.simulate import Flow, Model, Triangular

    rng = np.random.default_rng(20080901)
    low = rng.integers(1_000_000, 5_000_000, size=(COUNCILS, ITEMS))
    mode = low + rng.integers(0, 3_000_000, size=(COUNCILS, ITEMS))
    high = mode + rng.integers(1, 4_000_000, size=(COUNCILS, ITEMS))
    parties = [f"C{c}" for c in range(COUNCILS)]
    flows = [
        Flow(
            f"c{c}-{i}",
            "item",
            Triangular(Money(int(low[c, i])), Money(int(mode[c, i])), Money(int(high[c, i]))),
            kind="cost",
            start="2024/25",
            split=LeadPays(parties[c]),
        )
        for c in range(COUNCILS)
        for i in range(ITEMS)
    ]
    return Model(parties, flows)


def best(fn: object, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    from dask.distributed import Client, LocalCluster

    from sharegov.simulate import BLOCK

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="Dask worker processes"
    )
    parser.add_argument("--n", type=int, default=10_000_000, help="scenarios")
    parser.add_argument("--chunk", type=int, default=None, help="scenarios per task")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args()
    m = model()
    blocks = -(-args.n // BLOCK)
    # About four tasks per worker: enough to balance, few enough to keep overhead low.
    chunk = args.chunk or BLOCK * min(256, max(1, -(-blocks // (4 * args.workers))))
    local_s, local = best(lambda: m.run(args.n, seed=1, chunk_size=chunk), args.repeat)  # type: ignore[attr-defined]
    with (
        LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        m.run(min(args.n, 4 * BLOCK), seed=1, client=client)  # type: ignore[attr-defined]  # warm-up
        remote_s, remote = best(
            lambda: m.run(args.n, seed=1, chunk_size=chunk, client=client),  # type: ignore[attr-defined]
            args.repeat,
        )
    identical = bool((local.net == remote.net).all())  # type: ignore[attr-defined]
    ratio = local_s / remote_s
    print(f"Dask scale-out: {args.n:,} scenarios x {COUNCILS} councils x {ITEMS} items, "
          f"{args.workers} workers, {chunk:,} scenarios a task")  # fmt: skip
    print(f"  local run                  {local_s:8.2f} s")
    print(f"  on {args.workers:>2} Dask workers          {remote_s:8.2f} s")
    print(f"  scale-out                  {ratio:8.2f}x  (target >= 12x on 16 workers)")
    print(f"  efficiency                 {ratio / args.workers:8.0%}")
    print(f"  bit-identical              {identical!s:>8}")


if __name__ == "__main__":
    main()
