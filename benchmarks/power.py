"""Voting power against the specialist tools, side by side in one run, printed as ratios.

- Exact Banzhaf on a 27-member weighted game (EU-27 populations in thousands, quota 65%)
  and a 50-member game (weights summing to about 90,000, quota a half): against
  powerindex 0.3.5; target >= 20x faster, equal to 1e-12.
- Exact Shapley–Shubik on the same games: against powerindex; target >= 10x faster and
  at most half its peak memory.
- Double majority (55% of members, 65% of the population) on the 27-member game: against
  powerindices 1.0.2; target >= 5x faster, identical results.
- Batch evaluation of recorded decisions: against calling Board.decide once per decision;
  target >= 50x the throughput.
- Exact Owen and Banzhaf–Owen indices on the 27-member game with five unions of members
  (every fifth country by population: 6, 6, 5, 5, 5 members): against plain exact
  Banzhaf on the same game; target <= 1 s warm and <= 2x its time.

The anchors that take tens of seconds (powerindex's Shapley–Shubik, powerindices) are
timed once. Peak memory is compared as the growth in peak resident memory of a fresh
process running one computation (the same measure for both sides: tracemalloc slows
powerindex's pure-Python Shapley–Shubik over 30-fold, to minutes); sharegov is charged
the larger of that growth and its tracemalloc peak.

Run: ``PYTHONPATH=src python benchmarks/power.py`` (``... power.py blocs`` for the bloc
indices alone; they need neither anchor package).
"""

from __future__ import annotations

import json
import math
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from fractions import Fraction
from typing import Any

from _timing import best_time

from sharegov import Authority, Board, Member, power, rules
from sharegov.reference import bromsgrove_redditch_board

# EU-27 populations, thousands (Eurostat, 1 January 2020).
# fmt: off
EU27 = [83166, 67320, 59641, 47332, 37958, 19328, 17408, 11523, 10694, 10719, 10296, 10327,
        9770, 8901, 6951, 5823, 5525, 5458, 4964, 4058, 2794, 2096, 1908, 1329, 888, 626, 515]
# fmt: on


def game50() -> list[int]:
    rng = random.Random(8)
    return [rng.randint(200, 3800) for _ in range(50)]


GAMES = {
    "27": (EU27, math.ceil(Fraction(65, 100) * sum(EU27))),
    "50": (game50(), sum(game50()) // 2 + 1),
}


def board_for(weights: list[int], rule: rules.Rule | None, quota: int = 1) -> Board:
    codes = [f"C{i:02d}" for i in range(len(weights))]
    return Board(
        "Benchmark game",
        authorities=[Authority(c, c, population=w) for c, w in zip(codes, weights, strict=True)],
        seats=dict.fromkeys(codes, 1),
        members=[Member(c.lower(), c, c) for c in codes],
        rule=rule or rules.Weighted(dict(zip(codes, weights, strict=True)), quota=quota),
    )


def double_majority(weights: list[int]) -> Board:
    rule = rules.DoubleMajority(authorities=Fraction(55, 100), population=Fraction(65, 100))
    return board_for(weights, rule)


def run_one(task: str) -> Any:
    """One computation, by name (also run in a child process to measure memory)."""
    import powerindex
    import powerindices

    kind, size = task.rsplit("-", 1)
    weights, quota = GAMES[size]
    if kind == "ours-banzhaf":
        return power.banzhaf(board_for(weights, None, quota), by="authority")
    if kind == "ours-shapley":
        return power.shapley_shubik(board_for(weights, None, quota), by="authority")
    if kind == "ours-double":
        return power.banzhaf(double_majority(weights), by="authority")
    if kind == "anchor-banzhaf":
        game = powerindex.Game(quota, list(weights))
        game.calc_banzhaf()
        return game.banzhaf
    if kind == "anchor-shapley":
        game = powerindex.Game(quota, list(weights))
        game.calc_shapley_shubik()
        return game.shapley_shubik
    if kind == "anchor-double":
        members = math.ceil(Fraction(55, 100) * len(weights))
        return powerindices.compute_pbi(quota, list(weights), minimalWinningCoalitionSize=members)
    raise SystemExit(f"unknown task {task!r}")


def child(task: str) -> None:
    """Run ``task`` once; print its time and the growth of peak resident memory (KB)."""
    import numpy  # noqa: F401  (imports are not part of either side's peak)
    import powerindex  # noqa: F401
    import powerindices  # noqa: F401

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    run_one(task)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "peak_kb": after - before}))


def in_child(task: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", task], capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def traced_peak_mb(task: str) -> float:
    tracemalloc.start()
    run_one(task)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6


def banzhaf_section() -> None:
    print("exact Banzhaf, weighted games (best of 3; target >= 20x, equal to 1e-12)")
    for size in GAMES:
        ours = run_one(f"ours-banzhaf-{size}")
        theirs = run_one(f"anchor-banzhaf-{size}")
        diff = max(abs(float(a) - b) for a, b in zip(ours.values(), theirs, strict=True))
        t_ours = best_time(lambda s=size: run_one(f"ours-banzhaf-{s}"), number=1, repeat=3)
        t_anchor = best_time(lambda s=size: run_one(f"anchor-banzhaf-{s}"), number=1, repeat=3)
        print(
            f"  {size} members: powerindex {t_anchor:8.3f} s   sharegov {t_ours:8.4f} s   "
            f"ratio {t_anchor / t_ours:7.1f}x   max |difference| {diff:.1e}   ({ours.method})"
        )


def shapley_section() -> None:
    print("exact Shapley–Shubik, same games (anchor timed once; target >= 10x, <= 1/2 memory)")
    for size in GAMES:
        anchor = in_child(f"anchor-shapley-{size}")
        mine = in_child(f"ours-shapley-{size}")
        ours = run_one(f"ours-shapley-{size}")
        t_ours = best_time(lambda s=size: run_one(f"ours-shapley-{s}"), number=1, repeat=3)
        sums = sum(ours.values())
        print(
            f"  {size} members: powerindex {anchor['seconds']:8.2f} s   sharegov {t_ours:8.3f} s"
            f"   ratio {anchor['seconds'] / t_ours:7.1f}x   (indices sum to {sums})"
        )
        # Resident-memory growth misses a peak below the interpreter's earlier high-water
        # mark, so sharegov is charged the larger of it and its tracemalloc peak.
        traced = traced_peak_mb(f"ours-shapley-{size}")
        charged = max(mine["peak_kb"] / 1024, traced)
        print(
            f"             peak memory: powerindex {anchor['peak_kb'] / 1024:7.1f} MB   "
            f"sharegov {charged:6.1f} MB   ratio {charged / (anchor['peak_kb'] / 1024):.3f}   "
            f"(sharegov: resident growth {mine['peak_kb'] / 1024:.1f} MB, "
            f"tracemalloc peak {traced:.1f} MB)"
        )


def double_majority_section() -> None:
    print("double majority, 27 members (anchor timed once; target >= 5x, identical results)")
    start = time.perf_counter()
    theirs = run_one("anchor-double-27")
    t_anchor = time.perf_counter() - start
    ours = run_one("ours-double-27")
    identical = [float(v) for v in ours.absolute.values()] == list(theirs)
    t_ours = best_time(lambda: run_one("ours-double-27"), number=1, repeat=3)
    print(
        f"  powerindices {t_anchor:8.2f} s   sharegov {t_ours:8.3f} s   "
        f"ratio {t_anchor / t_ours:7.1f}x   identical: {identical}   ({ours.method})"
    )


def batch_section() -> None:
    import numpy as np

    from sharegov import Vote

    board = bromsgrove_redditch_board()
    ids = [m.id for m in board.voting_members]
    rng = random.Random(1)
    records = []
    for _ in range(20_000):
        votes = {m: rng.choice([Vote.FOR, Vote.FOR, Vote.AGAINST, Vote.ABSTAIN]) for m in ids}
        absent = {m for m in ids if rng.random() < 0.1}
        for m in absent:
            del votes[m]
        records.append((votes, absent))
    matrix = np.array([power.encode(board, v, absent=a) for v, a in records], dtype=np.int8)
    batch = power.decide_batch(board, matrix)
    one_by_one = [board.decide(v, absent=a).carried for v, a in records]
    assert batch.carried.tolist() == one_by_one
    t_loop = best_time(lambda: [board.decide(v, absent=a) for v, a in records], number=1, repeat=3)
    t_batch = best_time(lambda: power.decide_batch(board, matrix), number=5, repeat=5)
    n = len(records)
    print("batch decisions, seed 001 board (target >= 50x the throughput)")
    print(
        f"  Board.decide x {n:,}: {n / t_loop:12,.0f} decisions/s   decide_batch: "
        f"{n / t_batch:14,.0f} decisions/s   ratio {t_loop / t_batch:7.1f}x   (same outcomes)"
    )


def eu27_unions() -> tuple[Board, list[set[str]]]:
    """The EU-27 weighted game, one member per country, in five unions of members."""
    weights, quota = GAMES["27"]
    board = board_for(weights, None, quota)
    ids = [m.id for m in board.voting_members]
    return board, [set(ids[k::5]) for k in range(5)]


def bloc_section() -> None:
    print("exact bloc indices, 27 members in 5 unions (best of 5; target <= 1 s, <= 2x Banzhaf)")
    board, unions = eu27_unions()
    t_banzhaf = best_time(lambda: power.banzhaf(board), number=1, repeat=5)
    for name, index in (("Owen", power.owen), ("Banzhaf–Owen", power.banzhaf_owen)):
        result = index(board, unions=unions)
        t_ours = best_time(lambda f=index: f(board, unions=unions), number=1, repeat=5)  # type: ignore[misc]
        total = float(sum(result.values()))
        print(
            f"  {name:<13} {t_ours:8.4f} s   plain Banzhaf {t_banzhaf:8.4f} s   "
            f"ratio {t_ours / t_banzhaf:5.2f}x of Banzhaf   (sum {total:.6f}; {result.method})"
        )
    shares = power.owen(board, unions=unions).bloc_power()
    print("  Owen bloc shares: " + ", ".join(f"{float(v):.4f}" for v in shares.values()))


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    if sys.argv[1:] == ["blocs"]:
        bloc_section()
        return
    banzhaf_section()
    shapley_section()
    double_majority_section()
    batch_section()
    bloc_section()


if __name__ == "__main__":
    main()
