"""Timing helpers shared by the benchmark scripts: best-of-N wall time, side by side."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(fn: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """The best of ``repeat`` runs of ``number`` calls, in seconds per call.

    The minimum is the least noisy estimate on a shared machine: noise only adds time.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best
