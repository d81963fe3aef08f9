"""Withdrawal impact for every council: the indexed table against recomputing each withdrawal.

DESIGN.md anchor: 400 councils x 3,000 arrangements (synthetic, seeded); the table for every
council must be >= 40x faster than recomputing each council's withdrawal from scratch
(``PartnershipGraph.without`` plus a fresh dependency walk per council). Both are timed side
by side in one run, and the two answers are checked equal before any time is printed.

Run from the worktree root: ``PYTHONPATH=src python benchmarks/graph.py``
(``--councils``/``--arrangements`` for other sizes).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_time

from sharegov.concordat import ArrangementKind, ServiceArrangement
from sharegov.graph import PartnershipGraph, _recompute_withdrawal
from sharegov.parties import Authority

TARGET = 40.0


def synthetic(councils: int, arrangements: int, seed: int = 2008) -> PartnershipGraph:
    """Councils in regions of 20; arrangements of 2-6 neighbours, some hosted or led.

    About a third of arrangements depend on one or two earlier ones (a DAG), as payroll's
    HR system leads to HR procurement in seed 001.
    """
    rng = random.Random(seed)
    codes = [f"C{n:03d}" for n in range(councils)]
    authorities = [
        Authority(c, f"Council {c}", population=rng.randint(40_000, 400_000)) for c in codes
    ]
    kinds = list(ArrangementKind)
    out: list[ServiceArrangement] = []
    for n in range(arrangements):
        base = rng.randrange(councils)
        size = rng.choice((2, 2, 2, 3, 3, 4, 5, 6))
        pool = [codes[(base + k) % councils] for k in range(-10, 11)]
        parties = rng.sample(pool, size)
        role = rng.random()
        deps = (
            rng.sample(range(max(n - 200, 0), n), min(n, rng.choice((1, 2))))
            if n and rng.random() < 0.35
            else []
        )
        out.append(
            ServiceArrangement(
                f"a{n:04d}",
                f"Service {n}",
                parties,
                kind=rng.choice(kinds),
                host=parties[0] if role < 0.4 else None,
                lead=parties[1] if 0.4 <= role < 0.6 else None,
                depends_on=[f"a{d:04d}" for d in deps],
            )
        )
    return PartnershipGraph(authorities, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--councils", type=int, default=400)
    parser.add_argument("--arrangements", type=int, default=3000)
    args = parser.parse_args()
    graph = synthetic(args.councils, args.arrangements)
    codes = sorted(graph.authorities)

    def fast() -> object:
        # A fresh graph each time, so the index is rebuilt and its cost is counted.
        fresh = PartnershipGraph(graph.authorities, graph.arrangements)
        return fresh.withdrawal_table()

    def naive() -> object:
        return {c: _recompute_withdrawal(graph, c) for c in codes}

    table = fast()
    expected = naive()
    if table.impacts != expected:  # type: ignore[attr-defined]
        raise SystemExit("the withdrawal table differs from recomputation: not timing it")

    naive_time = best_time(naive, number=1, repeat=2)
    fast_time = best_time(fast, number=1, repeat=5)
    ratio = naive_time / fast_time
    affected = sum(r["affected"] for r in table.rows())  # type: ignore[attr-defined]
    print(
        f"{args.councils} councils x {args.arrangements} arrangements "
        f"({affected} council-arrangement impacts in total)"
    )
    print(f"recompute each withdrawal (anchor): {naive_time:8.3f} s")
    print(f"withdrawal_table (indexed):         {fast_time:8.3f} s")
    verdict = "meets" if ratio >= TARGET else "MISSES"
    print(f"ratio: {ratio:.1f}x faster (target >= {TARGET:.0f}x: {verdict} it)")


if __name__ == "__main__":
    main()
