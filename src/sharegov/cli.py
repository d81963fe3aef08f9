"""The ``sharegov`` command.

Each subcommand exits 0 on success, 1 when the answer was no (or problems were found),
and 2 on bad input, with a one-line message on standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from sharegov.errors import SharegovError

__all__ = ["main"]


def _demo(args: argparse.Namespace) -> int:
    from sharegov.reference import ILLUSTRATIVE, MEETING_2008_09_01, bromsgrove_redditch_board

    board = bromsgrove_redditch_board()
    meeting: Any = MEETING_2008_09_01
    outcomes = [
        (p, board.decide(p.votes, absent=meeting["absent"], chair=meeting["chair"]))
        for p in meeting["proposals"]
    ]
    if args.json:
        data = {
            "board": board.name,
            "date": meeting["date"].isoformat(),
            "decisions": [
                {
                    "proposal": p.title,
                    "recorded": p.recorded,
                    "status": out.status.value,
                    "basis": out.basis.describe() if out.basis else None,
                    "explanation": out.explain(),
                }
                for p, out in outcomes
            ],
            "note": ILLUSTRATIVE,
        }
        print(json.dumps(data, indent=2))
        return 0
    print(board.describe())
    print()
    print(f"Meeting of {meeting['date']:%A %d %B %Y}")
    print(f"Note: {ILLUSTRATIVE}")
    for p, out in outcomes:
        print()
        print(f"== {p.title}")
        print(out.explain())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sharegov",
        description="Executable governance rules for shared-service arrangements between councils.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    demo = sub.add_parser(
        "demo", help="decide the reference board's proposals of 1 September 2008 and explain them"
    )
    demo.add_argument("--json", action="store_true", help="machine-readable output")
    demo.set_defaults(run=_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except SharegovError as exc:
        print(f"sharegov: error: {exc}", file=sys.stderr)
        return 2
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
