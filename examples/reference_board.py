"""The reference board's meeting of 1 September 2008, decided and explained.

Run: ``python examples/reference_board.py``
"""

from __future__ import annotations

from sharegov.reference import ILLUSTRATIVE, MEETING_2008_09_01, bromsgrove_redditch_board


def main() -> None:
    board = bromsgrove_redditch_board()
    meeting = MEETING_2008_09_01
    print(board.describe())
    print(f"\n{ILLUSTRATIVE}")
    for proposal in meeting["proposals"]:  # type: ignore[attr-defined]
        outcome = board.decide(proposal.votes, absent=meeting["absent"], chair=meeting["chair"])  # type: ignore[arg-type]
        print(f"\n== {proposal.title}\n{outcome.explain()}")


if __name__ == "__main__":
    main()
