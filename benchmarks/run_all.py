"""Run every benchmark in this folder, one after another, and print what each reports.

Each script measures sharegov side by side with its anchor from DESIGN.md in one run and
prints ratios. Nothing here asserts on time: the machine is shared and noisy.

Run: ``python benchmarks/run_all.py`` (several minutes), or one script on its own.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    scripts = sorted(p for p in HERE.glob("*.py") if not p.name.startswith(("_", "run_all")))
    failed = []
    for script in scripts:
        print(f"== {script.name}", flush=True)
        start = time.perf_counter()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE, check=False)
        print(f"   ({time.perf_counter() - start:.0f} s)\n", flush=True)
        if result.returncode:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
