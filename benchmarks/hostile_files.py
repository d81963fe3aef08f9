"""Hostile files: the time to refuse each (or load it, where it is sound), slowest last.

DESIGN.md anchor (§ Reliability, "Hostile input"): every file of at most 5 MB is loaded
or refused with a ``SharegovError`` within 1 s. Each file is built in a temporary folder,
then :func:`sharegov.io.load` is timed on it, best of 3. Before the guards, the alias bomb
and the 20,000-level dotted key did not finish (or took 1.6 GB), the 3.2 MB flow list took
86 s and the 60,000 authorities 275 s.

Run from the worktree root: ``PYTHONPATH=src python benchmarks/hostile_files.py``.
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _timing import best_time

from sharegov.errors import SharegovError
from sharegov.io import load
from sharegov.io.files import MAX_VALUES

TARGET = 1.0


def alias_bomb() -> str:
    lines = ["name: X", "a0: &a0 [lol,lol,lol,lol,lol,lol,lol,lol,lol]"]
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    return "\n".join(lines) + "\n"


def flow_list() -> str:
    return "name: X\nx: [" + ",".join(["1"] * 1_600_000) + "]\n"


def dotted_key() -> str:
    return 'name = "X"\n' + ".".join(["a"] * 20_000) + " = 1\n"


def many_authorities(n: int) -> str:
    authorities = [{"code": f"A{i}", "name": f"Authority {i}"} for i in range(n)]
    return json.dumps({"name": "X", "authorities": authorities})


def duplicate_keys() -> str:
    body = ", ".join(f'"k{i}": {i}' for i in range(100_000))
    return '{"name": "X", "description": "x", "x": {' + body + ', "k0": 1}}'


def latin_1() -> bytes:
    return ('name = "X"\ndescription = "' + "Café " * 1_000_000 + '"\n').encode("latin-1")


FILES: dict[str, Callable[[], str | bytes]] = {
    "alias-bomb.yaml (455 bytes)": alias_bomb,
    "flow-list.yaml (3.2 MB)": flow_list,
    "dotted-key.toml (40 KB)": dotted_key,
    "authorities-60k.json (2.6 MB, refused: too many values)": lambda: many_authorities(60_000),
    f"authorities-{MAX_VALUES // 3 - 10:,}.json (loaded)": lambda: many_authorities(
        MAX_VALUES // 3 - 10
    ),
    "duplicate-key.json (1.3 MB)": duplicate_keys,
    "latin-1.toml (5 MB)": latin_1,
}


def _load(path: Path) -> str:
    try:
        load(path)
    except SharegovError as exc:
        return str(exc).splitlines()[-1][:100]
    return "loaded"


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in FILES.items():
            path = Path(tmp) / name.split()[0]
            content = make()
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
            outcome = _load(path)
            seconds = best_time(lambda path=path: _load(path), number=1, repeat=3)
            rows.append((seconds, name, outcome.replace(tmp + "/", "")))
    rows.sort()
    for seconds, name, outcome in rows:
        print(f"{seconds:7.3f} s  {name}\n           {outcome}")
    slowest, name, _ = rows[-1]
    verdict = "OK" if slowest <= TARGET else "SLOWER THAN TARGET"
    print(f"slowest: {name} in {slowest:.3f} s (target <= {TARGET:.0f} s): {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
