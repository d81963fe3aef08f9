"""``import sharegov`` against a bare interpreter, in fresh processes.

Target (DESIGN.md): at most 150 ms extra, and no numpy or networkx loaded.

Run: ``python benchmarks/import_time.py``
"""

from __future__ import annotations

import subprocess
import sys
import time

HEAVY = ("numpy", "pandas", "networkx", "matplotlib", "cattrs", "dask", "holidays", "hypothesis")


def best_startup(code: str, repeat: int = 15) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    bare = best_startup("pass")
    with_sharegov = best_startup("import sharegov")
    check = f"import sys, sharegov; print([m for m in {HEAVY!r} if m in sys.modules])"
    loaded = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True
    ).stdout.strip()
    extra = (with_sharegov - bare) * 1000
    print("import sharegov (best of 15 fresh interpreters)")
    print(f"  bare interpreter   {bare * 1000:8.1f} ms")
    print(f"  import sharegov    {with_sharegov * 1000:8.1f} ms")
    print(f"  extra              {extra:8.1f} ms   (target <= 150 ms)")
    print(f"  ratio              {with_sharegov / bare:8.2f}x the bare interpreter")
    print(f"  heavy modules loaded: {loaded}   (target: [])")


if __name__ == "__main__":
    main()
