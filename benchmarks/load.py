"""Loading the reference arrangement file, against parsing the same TOML text alone.

The anchor is ``tomllib.loads`` of the text of ``examples/bromsgrove_redditch.toml``;
``load()`` parses it the same way, then checks it against the JSON Schema and builds
every domain object (each validating itself). The converter and the schema's validator
are built once per process, so the warm time is the steady state of a service.
Target (issue 17): a warm ``load()`` at most 10x the time of ``tomllib.loads``.

Run: ``python benchmarks/load.py``
"""

from __future__ import annotations

import time
import tomllib
from pathlib import Path

from _timing import best_time

from sharegov.io import load

PATH = Path(__file__).resolve().parent.parent / "examples" / "bromsgrove_redditch.toml"


def main() -> None:
    text = PATH.read_text(encoding="utf-8")
    start = time.perf_counter()
    load(PATH)
    first_s = time.perf_counter() - start
    toml_s = best_time(lambda: tomllib.loads(text), number=50)
    load_s = best_time(lambda: load(PATH), number=10)
    print(f"loading {PATH.name} ({len(text.encode()):,} bytes, best of 7)")
    print(f"  tomllib.loads (anchor) {toml_s * 1e3:10.2f} ms")
    print(f"  load(), first call     {first_s * 1e3:10.2f} ms   (builds converter and schema)")
    print(f"  load(), warm           {load_s * 1e3:10.2f} ms")
    print(f"  ratio warm/anchor      {load_s / toml_s:10.2f}x   (target <= 10x)")


if __name__ == "__main__":
    main()
