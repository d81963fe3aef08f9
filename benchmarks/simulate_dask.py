"""The same simulation on a Dask cluster: the scale-out ratio for N workers, bit-identical.

Anchor (DESIGN.md): the local run (no client) of the benchmark model of
``benchmarks/simulate.py`` (10 councils x 20 triangular cost items). Target: at least 12x
faster on 16 workers on 16 cores (75% efficiency), with results identical to the bit.

A ``LocalCluster`` of ``--workers`` single-threaded worker processes is started, warmed up
with one run, then timed (best of ``--repeat``) against the local run. Chunks are sized so
each worker gets several (``--chunk`` overrides).

Run on a 16-core machine: ``python benchmarks/simulate_dask.py --workers 16 --n 10000000``.
Quick check: ``python benchmarks/simulate_dask.py --workers 2 --n 1000000``.

Reliability (DESIGN.md: 0 failures in 200 back-to-back runs): ``--back-to-back 200`` runs
200 times in a row on one cluster instead of timing, seeds taking turns, each run checked
bit-identical to the local run of its seed and given ``--timeout`` seconds, and prints the
failures (an exception), hangs (past the timeout) and mismatches, and any "Future exception
was never retrieved" that asyncio logged up to the cluster's close. E.g.
``python benchmarks/simulate_dask.py --workers 2 --n 100000 --back-to-back 200``.
"""

from __future__ import annotations

import argparse
import collections
import gc
import io
import logging
import os
import statistics
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


def back_to_back(m: object, args: argparse.Namespace, chunk: int) -> None:
    """``args.back_to_back`` runs in a row on one cluster; counts failures, hangs, mismatches."""
    import numpy as np

    from sharegov.simulate import _local_cluster

    seeds = (1, 2)  # taking turns: a run given another run's chunks would not match its own
    local = {s: m.run(args.n, seed=s, chunk_size=chunk).net for s in seeds}  # type: ignore[attr-defined]
    log = io.StringIO()  # what asyncio logs, e.g. "Future exception was never retrieved"
    handler = logging.StreamHandler(log)
    logging.getLogger("asyncio").addHandler(handler)
    failures: collections.Counter[str] = collections.Counter()
    hangs = mismatches = 0
    times: list[float] = []
    try:
        with _local_cluster(n_workers=args.workers, threads_per_worker=1, processes=True) as client:
            m.run(args.n, seed=seeds[0], chunk_size=chunk, client=client, timeout=args.timeout)  # type: ignore[attr-defined]  # warm-up
            for i in range(args.back_to_back):
                seed = seeds[i % len(seeds)]
                start = time.perf_counter()
                try:
                    net = m.run(  # type: ignore[attr-defined]
                        args.n, seed=seed, chunk_size=chunk, client=client, timeout=args.timeout
                    ).net
                except TimeoutError:
                    hangs += 1
                except Exception as exc:  # counted, and the next run goes on
                    failures[f"{type(exc).__name__}: {exc}"[:120]] += 1
                else:
                    mismatches += not np.array_equal(net, local[seed])
                times.append(time.perf_counter() - start)
        gc.collect()  # an unread future is logged when it is collected
    finally:
        logging.getLogger("asyncio").removeHandler(handler)
    n = args.back_to_back
    unread = log.getvalue().count("never retrieved")
    print(f"Dask back to back: {n} runs on one cluster of {args.workers} worker processes, "
          f"{args.n:,} scenarios x {COUNCILS} councils x {ITEMS} items a run, "
          f"{chunk:,} scenarios a task, timeout {args.timeout:g} s a run")  # fmt: skip
    print(f"  bit-identical              {n - hangs - sum(failures.values()) - mismatches:8}")
    print(f"  mismatches                 {mismatches:8}")
    print(f"  failures (exceptions)      {sum(failures.values()):8}")
    for what, count in failures.most_common():
        print(f"    {count} x {what}")
    print(f"  hangs (past the timeout)   {hangs:8}")
    print(f"  unread asyncio futures     {unread:8}  (logged up to the cluster's close)")
    print(f"  per run: median {statistics.median(times):.3f} s, max {max(times):.3f} s, "
          f"total {sum(times):.1f} s")  # fmt: skip


def main() -> None:
    from sharegov.simulate import BLOCK, _local_cluster

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1, help="Dask worker processes"
    )
    parser.add_argument("--n", type=int, default=10_000_000, help="scenarios")
    parser.add_argument("--chunk", type=int, default=None, help="scenarios per task")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    parser.add_argument(
        "--back-to-back",
        type=int,
        default=0,
        metavar="N",
        help="instead of timing: N runs in a row on one cluster, each checked bit-identical",
    )
    parser.add_argument(
        "--timeout", type=float, default=120.0, help="seconds a back-to-back run may take"
    )
    args = parser.parse_args()
    m = model()
    blocks = -(-args.n // BLOCK)
    # About four tasks per worker: enough to balance, few enough to keep overhead low.
    chunk = args.chunk or BLOCK * min(256, max(1, -(-blocks // (4 * args.workers))))
    if args.back_to_back:
        back_to_back(m, args, chunk)
        return
    local_s, local = best(lambda: m.run(args.n, seed=1, chunk_size=chunk), args.repeat)  # type: ignore[attr-defined]
    with _local_cluster(n_workers=args.workers, threads_per_worker=1, processes=True) as client:
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
